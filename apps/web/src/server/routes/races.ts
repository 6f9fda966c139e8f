/**
 * Strategy races: POST /api/races creates one (it starts when GET /api/races/:id/events opens its
 * stream); POST /api/races/:id/stop ends it early with the curves so far.
 */
import { RACE_FIELDS, type RaceSettings } from '../../shared/fields.js';
import type { App, AppContext } from '../context.js';
import { rowsSetting } from '../datasets.js';
import { conflict } from '../errors.js';
import { RaceJob } from '../jobs/race-job.js';
import { JobParams, RaceBody } from '../schemas.js';
import { streamJob } from './stream.js';

export function raceRoutes(app: App, ctx: AppContext): void {
  app.post('/api/races', { schema: { body: RaceBody } }, async (request, reply) => {
    const body = request.body as Omit<RaceSettings, 'rows'> & { rows?: number };
    const data = await ctx.datasets.get(body.dataset);
    const settings: RaceSettings = { ...body, rows: rowsSetting(data, body.rows, RACE_FIELDS.rows.default) };
    const job = ctx.jobs.add(new RaceJob(settings, data));
    return reply.code(201).send({ id: job.id, events: `/api/races/${job.id}/events` });
  });

  app.get('/api/races/:id', { schema: { params: JobParams } }, async (request) => ctx.jobs.get(request.params.id, 'race').status());

  app.get('/api/races/:id/events', { schema: { params: JobParams }, exposeHeadRoute: false }, async (request, reply) => {
    await streamJob(ctx, ctx.jobs.get(request.params.id, 'race'), request, reply);
  });

  app.post('/api/races/:id/stop', { schema: { params: JobParams } }, async (request) => {
    const job = ctx.jobs.get(request.params.id, 'race');
    if (job.state === 'finished') throw conflict(`race ${job.id} is already finished`);
    job.abort();
    // The strategy under way stops at its next evaluation; `done` (with the curves so far) follows.
    if (job.state === 'running') job.state = 'stopping';
    return job.status();
  });
}
