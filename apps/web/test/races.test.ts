// Strategy races: create, stream to the end, stop early.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/server/context.js';
import { listening, openStream, post, runToEnd, testApp } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe('POST /api/races + GET /api/races/:id/events', () => {
  it('races the three strategies on one budget; gradient descent wins', async () => {
    const { id, events } = await runToEnd(app, 'races', { rows: 500, budget: 60 });
    expect(events[0]).toMatchObject({ event: 'start', data: { id, rows: 500, strategies: ['random-search', 'random-local-search', 'gradient-descent'] } });
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data.stopped).toBe('done');
    const byName = Object.fromEntries(done.data.entries.map((e: any) => [e.strategy, e]));
    for (const e of done.data.entries) {
      expect(e.evaluations).toBeLessThanOrEqual(60);
      expect(e.history.length).toBeGreaterThan(1);
      expect(e.history.at(-1)[0]).toBe(e.evaluations);
    }
    expect(byName['gradient-descent'].loss).toBeLessThan(byName['random-search'].loss);
    expect(byName['gradient-descent'].loss).toBeLessThan(byName['random-local-search'].loss);
    expect((await app.inject({ method: 'GET', url: `/api/races/${id}` })).json()).toMatchObject({ kind: 'race', state: 'finished' });
  });

  it('refuses more rows than the dataset has, naming rows and the most it can be', async () => {
    for (const [dataset, max] of [['blobs', 420], ['mnist', 7000]] as const) {
      const res = await post(app, '/api/races', { dataset, rows: 10_000, budget: 20 });
      expect(res).toMatchObject({ status: 400, body: { field: 'rows', message: `rows 10000 is larger than the ${max} training rows of ${dataset} (at most ${max})` } });
    }
    const { events } = await runToEnd(app, 'races', { dataset: 'blobs', rows: 420, budget: 20 });
    expect(events[0]!.data.rows).toBe(420);
  });

  it('left out, rows is the default or every training row when fewer, and the start event says which', async () => {
    const { events } = await runToEnd(app, 'races', { dataset: 'blobs', budget: 20 });
    expect(events[0]!.data).toMatchObject({ rows: 420, settings: { rows: 420 } });
  });

  it('a race id is not a run id', async () => {
    const { body } = await post(app, '/api/races', { dataset: 'blobs', budget: 10 });
    expect((await app.inject({ method: 'GET', url: `/api/runs/${body.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/races/${body.id}` })).statusCode).toBe(200);
  });

  it('stops early on request, with the curves so far', async () => {
    const base = await listening(app);
    const { body } = await post(app, '/api/races', { rows: 7000, budget: 5000 });
    const stream = openStream(base + body.events);
    await stream.next((e) => e.event === 'progress');
    // The reply is the state after the stop, not the snapshot before it.
    expect(await post(app, `/api/races/${body.id}/stop`)).toMatchObject({ status: 200, body: { state: 'stopping' } });
    const done = await stream.next((e) => e.event === 'done');
    expect(done.data.stopped).toBe('aborted');
    await stream.done;
    expect((await post(app, `/api/races/${body.id}/stop`)).status).toBe(409);
  });
});
