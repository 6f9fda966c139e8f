/**
 * The lecture's strategy race over the web: random search, random local search and gradient
 * descent from the same seed, one budget of loss evaluations each, on a subset of the training
 * data; points streamed as each strategy makes progress, full curves at the end.
 */
import { race, type Matrix } from '@svm/core';
import type { RaceDoneEvent, RaceProgressEvent, RaceStartEvent, RaceStrategyName } from '../../shared/api-types.js';
import type { RaceSettings } from '../../shared/fields.js';
import type { PreparedData } from '../datasets.js';
import type { EventSink } from '../stream/sse.js';
import { Throttle } from '../stream/throttle.js';
import { Job, type StreamTiming } from './job.js';
import { compact, thin } from './progress-buffer.js';

export const RACE_LINEUP: RaceStrategyName[] = ['random-search', 'random-local-search', 'gradient-descent'];
/** Each strategy stops after this long, whatever is left of its budget. */
export const RACE_SECONDS_PER_STRATEGY = 20;

type Point = [number, number, number];

export class RaceJob extends Job<RaceSettings> {
  readonly kind = 'race' as const;
  private readonly X: Matrix;
  private readonly y: Int32Array;

  constructor(settings: RaceSettings, data: PreparedData) {
    super(settings);
    // The training split is shuffled, so its first rows are a fair sample (the route checked that
    // there are enough).
    const rows = settings.rows;
    this.X = rows === data.X.train.rows ? data.X.train : data.X.train.takeRows(Array.from({ length: rows }, (_, i) => i));
    this.y = data.raw.train.y.subarray(0, rows);
  }

  async execute(sink: EventSink, timing: StreamTiming): Promise<void> {
    const s = this.settings;
    const start: RaceStartEvent = { id: this.id, settings: s, strategies: RACE_LINEUP, rows: this.X.rows };
    sink.send('start', start);
    let pending: RaceProgressEvent['points'] = {};
    const flush = () => {
      if (sink.closed || sink.congested || Object.keys(pending).length === 0) return;
      sink.send('progress', { points: pending } satisfies RaceProgressEvent);
      pending = {};
    };
    const throttle = new Throttle(timing.streamIntervalMs, flush);
    try {
      const { entries } = await race(this.X, this.y, {
        strategies: RACE_LINEUP,
        budget: { evaluations: s.budget, seconds: RACE_SECONDS_PER_STRATEGY },
        loss: s.loss,
        reg: s.reg,
        learningRate: s.learningRate,
        scale: s.scale,
        stepScale: s.stepScale,
        seed: s.seed,
        signal: this.aborter.signal,
        onProgress: (strategy, p) => {
          (pending[strategy as RaceStrategyName] ??= []).push([p.evaluations, compact(p.loss), Math.round(p.elapsedMs)]);
          throttle.poke();
        },
      });
      throttle.flushNow();
      const done: RaceDoneEvent = {
        stopped: this.aborted ? 'aborted' : 'done',
        entries: entries.map((e) => ({
          strategy: e.strategy as RaceStrategyName,
          loss: compact(e.loss),
          evaluations: e.evaluations,
          elapsedMs: Math.round(e.elapsedMs),
          history: thin(
            e.history.map((p): Point => [p.evaluations, compact(p.loss), Math.round(p.elapsedMs)]),
            1000,
          ),
        })),
      };
      sink.send('done', done);
    } catch (err) {
      throttle.cancel();
      sink.send('failure', { message: `race failed: ${(err as Error).message}` });
      throw err;
    }
  }
}
