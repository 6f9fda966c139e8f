/**
 * Training runs: POST /api/runs creates one (it starts when GET /api/runs/:id/events opens its
 * stream, and is aborted when that stream closes early); pause, resume, stop and learning-rate
 * scaling steer it; GET /api/runs/:id/model downloads the trained model.
 */
import type { TrainSettings } from '../../shared/fields.js';
import type { App, AppContext } from '../context.js';
import { checkTrainingRows } from '../datasets.js';
import { conflict, HttpError } from '../errors.js';
import { TrainJob } from '../jobs/train-job.js';
import { JobParams, LearningRateBody, TrainBody } from '../schemas.js';
import { streamJob } from './stream.js';

export function runRoutes(app: App, ctx: AppContext): void {
  const trainJob = (id: string) => ctx.jobs.get(id, 'train') as TrainJob;

  app.post('/api/runs', { schema: { body: TrainBody } }, async (request, reply) => {
    const settings = request.body as TrainSettings;
    const data = await ctx.datasets.get(settings.dataset);
    checkTrainingRows(data, 'batchSize', settings.batchSize);
    const job = ctx.jobs.add(new TrainJob(settings, data));
    return reply.code(201).send({ id: job.id, events: `/api/runs/${job.id}/events` });
  });

  app.get('/api/runs/:id', { schema: { params: JobParams } }, async (request) => trainJob(request.params.id).status());

  app.get('/api/runs/:id/events', { schema: { params: JobParams }, exposeHeadRoute: false }, async (request, reply) => {
    await streamJob(ctx, trainJob(request.params.id), request, reply);
  });

  app.post('/api/runs/:id/pause', { schema: { params: JobParams } }, async (request) => {
    const job = trainJob(request.params.id);
    await job.pause();
    return job.status();
  });

  app.post('/api/runs/:id/resume', { schema: { params: JobParams } }, async (request) => {
    const job = trainJob(request.params.id);
    job.resume();
    return job.status();
  });

  app.post('/api/runs/:id/stop', { schema: { params: JobParams } }, async (request) => {
    const job = trainJob(request.params.id);
    await job.stop();
    return job.status(); // 'stopping' (or 'finished' if it ended meanwhile), at its last step
  });

  app.post('/api/runs/:id/learning-rate', { schema: { params: JobParams, body: LearningRateBody } }, async (request) => {
    const job = trainJob(request.params.id);
    const learningRateScale = job.scaleLearningRate(request.body.factor);
    return { ...job.status(), learningRateScale }; // the status after scaling: its learningRate is the new one
  });

  app.get('/api/runs/:id/model', { schema: { params: JobParams } }, async (request, reply) => {
    const job = trainJob(request.params.id);
    if (!job.model) throw conflict(`run ${job.id} has no model yet: it is ${job.state}`);
    let body: string;
    try {
      body = JSON.stringify(job.model.toJSON());
    } catch (err) {
      throw new HttpError(409, `run ${job.id}'s model cannot be saved: ${(err as Error).message}`);
    }
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="svm-${job.settings.dataset}-${job.settings.loss}-${job.id.slice(0, 8)}.json"`)
      .send(body);
  });
}
