/**
 * The jobs this server holds. Enforces the limits: at most `maxJobs` waiting or running at once
 * (429 beyond), a job nobody streams within `attachTimeoutMs` is dropped, a job runs at most
 * `maxJobMs`, and finished jobs (their models) are kept a while, then forgotten.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from '../config.js';
import { conflict, notFound, tooMany } from '../errors.js';
import type { SseStream } from '../stream/sse.js';
import type { Job } from './job.js';

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly config: ServerConfig) {}

  /** Jobs created or running (finished ones do not count against the limit). */
  get active(): number {
    let n = 0;
    for (const job of this.jobs.values()) if (job.state !== 'finished') n++;
    return n;
  }

  get limit(): number {
    return this.config.maxJobs;
  }

  /** Registers a new job, or refuses with 429 when the server is busy. */
  add<J extends Job>(job: J): J {
    if (this.active >= this.config.maxJobs) {
      throw tooMany(`the server is running ${this.active} jobs, its limit; stop one or try again shortly`);
    }
    this.jobs.set(job.id, job);
    this.setTimer(job.id, this.config.attachTimeoutMs, () => {
      if (job.state === 'waiting') this.forget(job.id);
    });
    return job;
  }

  /** The job with this id and kind, or a 404. */
  get(id: string, kind: Job['kind']): Job {
    const job = this.jobs.get(id);
    if (!job || job.kind !== kind) throw notFound(`no ${kind === 'train' ? 'run' : 'race'} ${id} (finished ones are kept ${Math.round(this.config.finishedTtlMs / 60000)} minutes)`);
    return job;
  }

  /**
   * Opens the stream and runs a waiting job until it ends; a stream that closes first aborts it.
   * A job streams once: a second stream is a 409 (checked before anything is sent).
   */
  async stream(job: Job, open: () => SseStream, log: FastifyBaseLogger): Promise<void> {
    if (job.state !== 'waiting') throw conflict(`${job.kind === 'train' ? 'run' : 'race'} ${job.id} is already ${job.state === 'finished' ? 'finished' : 'streaming'}`);
    const stream = open();
    job.state = 'running';
    this.setTimer(job.id, this.config.maxJobMs, () => job.abort());
    stream.onClose(() => job.abort());
    try {
      await job.execute(stream, this.config);
    } catch (err) {
      // The job told its stream; the response is already under way, so log and carry on.
      log.error({ err, job: job.id }, `${job.kind} job failed`);
    } finally {
      job.state = 'finished';
      job.finishedAt = Date.now();
      stream.end();
      this.setTimer(job.id, this.config.finishedTtlMs, () => this.forget(job.id));
      this.pruneFinished();
    }
  }

  /** Aborts every job (server shutdown). */
  closeAll(): void {
    for (const job of this.jobs.values()) job.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private setTimer(id: string, ms: number, fn: () => void): void {
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(fn, ms);
    timer.unref();
    this.timers.set(id, timer);
  }

  private forget(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.jobs.delete(id);
  }

  private pruneFinished(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state === 'finished').sort((a, b) => a.finishedAt! - b.finishedAt!);
    for (const job of finished.slice(0, Math.max(0, finished.length - this.config.maxFinished))) this.forget(job.id);
  }
}
