/** GET …/:id/events, shared by runs and races: the job's server-sent-event stream. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Job } from '../jobs/job.js';
import { SseStream } from '../stream/sse.js';

export async function streamJob(ctx: AppContext, job: Job, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  // EventSource reconnects after a stream ends; 204 is how a server tells it to stop.
  if (job.state === 'finished') {
    await reply.code(204).send();
    return;
  }
  await ctx.jobs.stream(job, () => new SseStream(reply, ctx.config.heartbeatMs), request.log);
}
