/**
 * A long computation the browser watches through a stream: a training run or a strategy race.
 * It is created by a POST, starts when its stream is opened, and is aborted when that stream
 * closes early (the tab went away) or when asked.
 */
import { randomUUID } from 'node:crypto';
import type { JobState, RunStatus } from '../../shared/api-types.js';
import type { EventSink } from '../stream/sse.js';

export interface StreamTiming {
  /** Least time between progress events. */
  streamIntervalMs: number;
  /** Least time between template images (training). */
  templateIntervalMs: number;
}

export abstract class Job<Settings extends object = object> {
  readonly id: string = randomUUID();
  abstract readonly kind: 'train' | 'race';
  state: JobState = 'waiting';
  finishedAt: number | undefined;
  /** Aborted by stop requests, a closed stream and the time limit; the job's work listens to it. */
  protected readonly aborter = new AbortController();

  constructor(readonly settings: Settings) {}

  /** Does the work, writing events to `sink`; resolves when the job has ended, however it ended. */
  abstract execute(sink: EventSink, timing: StreamTiming): Promise<void>;

  get aborted(): boolean {
    return this.aborter.signal.aborted;
  }

  abort(): void {
    this.aborter.abort();
  }

  status(): RunStatus {
    return { id: this.id, kind: this.kind, state: this.state, settings: this.settings as RunStatus['settings'] };
  }
}
