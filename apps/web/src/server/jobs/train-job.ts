/**
 * A training run over the web: the library's TrainingRun on a cached, preprocessed dataset (the
 * loop runs in native code on libuv's worker threads, so the event loop stays free), its progress
 * coalesced and streamed, pause/resume/stop and live learning-rate scaling, and at the end the
 * model, its test confusion matrix and final templates.
 */
import { backendName, LinearClassifier, startTraining, type TrainingRun } from '@svm/core';
import type { TrainDoneEvent, TrainStartEvent } from '../../shared/api-types.js';
import { TRAIN_FIELDS, type TrainSettings } from '../../shared/fields.js';
import type { PreparedData } from '../datasets.js';
import { badRequest, conflict } from '../errors.js';
import type { EventSink } from '../stream/sse.js';
import { Throttle } from '../stream/throttle.js';
import { testConfusion } from '../evaluation.js';
import { templateImages } from '../templates.js';
import { Job, type StreamTiming } from './job.js';
import { compact, ProgressBuffer } from './progress-buffer.js';
import { trainOptions } from './train-options.js';

// The lowest learning rate scaling may reach: far below any useful one, far above 0.
const MIN_LEARNING_RATE = 1e-12;

export class TrainJob extends Job<TrainSettings> {
  readonly kind = 'train' as const;
  private run: TrainingRun | undefined;
  private sink: EventSink | undefined;
  /** The trained model, once the run has ended. */
  model: LinearClassifier | undefined;
  stopped: TrainDoneEvent['stopped'] | undefined;

  constructor(
    settings: TrainSettings,
    private readonly data: PreparedData,
  ) {
    super(settings);
  }

  /** Steps done so far, as the run counts them (0 until its stream opens). */
  get step(): number {
    return this.run?.step ?? 0;
  }

  override status() {
    // The rate the next step uses (schedule and ×½/×2 applied), while there is a next step.
    const live = this.run && (this.state === 'running' || this.state === 'paused');
    return {
      ...super.status(),
      step: this.step,
      ...(live ? { learningRate: compact(this.run!.learningRate) } : {}),
      ...(this.stopped ? { stopped: this.stopped } : {}),
    };
  }

  /**
   * Pauses the run. The loop stops between native chunks: this resolves once it has, so the state
   * says paused only when the step no longer moves, and the step is the one it stopped at.
   */
  async pause(): Promise<void> {
    const run = this.live('pause');
    // Resolves between chunks: after the chunk under way, the last one before the pause.
    await run.pause();
    // Resumed or stopped meanwhile: that request's state stands.
    if (!run.paused || this.state !== 'running') return;
    this.state = 'paused';
    this.sink?.send('state', { state: this.state, step: this.step });
  }

  resume(): void {
    this.live('resume').resume();
    this.state = 'running';
    this.sink?.send('state', { state: this.state, step: this.step });
  }

  scaleLearningRate(factor: number): number {
    const run = this.live('change the learning rate of');
    // Each factor is checked by the schema, but factors compound: the rate they lead to must stay
    // where the settings' own bounds would put it (and off 0, where no factor brings it back).
    const rate = this.settings.learningRate * run.learningRateScale * factor;
    if (!(rate >= MIN_LEARNING_RATE && rate <= TRAIN_FIELDS.learningRate.max!)) {
      throw badRequest(
        `factor ${factor} would take the learning rate to ${rate.toPrecision(3)}; expected it to stay within [${MIN_LEARNING_RATE}, ${TRAIN_FIELDS.learningRate.max}]`,
        'factor',
      );
    }
    run.scaleLearningRate(factor);
    return run.learningRateScale;
  }

  /**
   * Stops the run; it ends with stopped: 'aborted' and keeps the W reached. A streaming run is
   * 'stopping' (its test evaluation and `done` still to come) once its loop has left off, so the
   * step reported is the last one.
   */
  async stop(): Promise<void> {
    if (this.state === 'finished') throw conflict(`run ${this.id} is already finished`);
    this.abort();
    if (this.state !== 'running' && this.state !== 'paused') return;
    this.state = 'stopping';
    if (this.run) await this.run.snapshot();
    if (this.state === 'stopping') this.sink?.send('state', { state: this.state, step: this.step });
  }

  private live(what: string): TrainingRun {
    if (!this.run || (this.state !== 'running' && this.state !== 'paused')) {
      throw conflict(`cannot ${what} run ${this.id}: it is ${this.state === 'waiting' ? 'not streaming yet' : this.state}`);
    }
    return this.run;
  }

  async execute(sink: EventSink, timing: StreamTiming): Promise<void> {
    const { data, settings } = this;
    this.sink = sink;
    const run = startTraining(data.X.train, data.raw.train.y, {
      ...trainOptions(settings, { val: { X: data.X.val, y: data.raw.val.y }, images: data.imageShape !== undefined }),
      signal: this.aborter.signal,
    });
    this.run = run;
    const start: TrainStartEvent = {
      id: this.id,
      settings,
      classNames: data.classNames,
      iterations: settings.iterations,
      rows: { train: data.X.train.rows, val: data.X.val.rows, test: data.X.test.rows },
      backend: backendName(),
    };
    sink.send('start', start);

    const buffer = new ProgressBuffer();
    let templatesAt = -Infinity;
    let awaitingDrain = false;
    const flush = (final = false) => {
      if (sink.closed) return;
      // A slow client: keep coalescing until its socket drains, rather than queueing in memory.
      if (sink.congested && !final) {
        if (!awaitingDrain) {
          awaitingDrain = true;
          sink.onDrain(() => {
            awaitingDrain = false;
            throttle.poke();
          });
        }
        return;
      }
      const templatesDue = buffer.hasNewWeights && performance.now() - templatesAt >= timing.templateIntervalMs;
      const event = buffer.take(this.state === 'paused', templatesDue ? (W) => templateImages(W, data, settings.loss) : undefined);
      if (!event) return;
      if (event.templates) templatesAt = performance.now();
      sink.send('progress', event);
    };
    const throttle = new Throttle(timing.streamIntervalMs, flush);

    try {
      for await (const e of run) {
        buffer.add(e);
        throttle.poke();
      }
      const result = await run.result;
      throttle.cancel();
      flush(true);
      this.stopped = result.stopped;
      if (!result.W.data.every(Number.isFinite)) {
        // Unreachable within the settings' bounds (the loss explodes first), but a W of NaN/Inf
        // has no model, accuracy or templates to show: say what happened instead.
        sink.send('failure', { message: `the run diverged at step ${result.diverged?.step ?? result.steps} and left NaN/Inf weights; lower learningRate` });
        return;
      }
      const model = LinearClassifier.fromWeights(result.W, data.stats, {
        loss: settings.loss,
        classNames: data.classNames,
        ...(data.imageShape ? { imageShape: data.imageShape } : {}),
        training: { settings, steps: result.steps, stopped: result.stopped, loss: result.loss, elapsedMs: Math.round(result.elapsedMs) },
      });
      this.model = model;
      if (sink.closed) return;
      const { confusion, accuracy: testAccuracy } = await testConfusion(result.W, data);
      const lastEvaluation = result.evaluations[result.evaluations.length - 1];
      const templates = templateImages(result.W, data, settings.loss);
      const done: TrainDoneEvent = {
        stopped: result.stopped,
        steps: result.steps,
        loss: compact(result.loss),
        initialLoss: compact(result.initialLoss),
        elapsedMs: Math.round(result.elapsedMs),
        trainAccuracy: lastEvaluation?.trainAccuracy ?? null,
        testAccuracy,
        confusion,
        classNames: data.classNames,
        ...(templates ? { templates } : {}),
        ...(result.diverged ? { diverged: result.diverged } : {}),
        model: `/api/runs/${this.id}/model`,
      };
      sink.send('done', done);
    } catch (err) {
      throttle.cancel();
      sink.send('failure', { message: `training failed: ${(err as Error).message}` });
      throw err;
    }
  }
}
