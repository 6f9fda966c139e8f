/**
 * A training run: the loop that hands chunks of steps to the backend (native code runs many steps
 * per call, off the JS thread), records the history, evaluates accuracy, snapshots W, detects
 * divergence and early stopping, and reports progress through a callback and an async iterator.
 * Between chunks it honours pause, abort and live learning-rate changes.
 */
import { allocate, Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';
import { accuracyOf } from '../forward.js';
import { checkFinite, checkLabels, firstNonFinite } from '../loss/problem.js';
import { STEP_RECORD, type TrainJob } from '../backend/types.js';
import { Rng } from '../util/rng.js';
import type { StopReason, TrainEvaluation, TrainProgress, TrainResult, TrainStep } from './events.js';
import { randomWeights } from './init.js';
import { numericalChunk } from './numerical-chunk.js';
import { learningRateAt } from '../backend/reference-optim.js';
import { yieldToEventLoop } from '../util/yield.js';
import type { NormalizedTrain } from './train-options.js';

const MAX_CHUNK_STEPS = 4096;

/**
 * A running optimization. Iterate it (`for await (const e of run)`) or pass `onProgress` for
 * progress events; await `result` for the outcome. Events are buffered for the iterator only once
 * one has been requested.
 */
export class TrainingRun implements AsyncIterable<TrainProgress> {
  /** Settles when the run ends: done, aborted, diverged or early-stopped. Rejects on an internal error. */
  readonly result: Promise<TrainResult>;
  private readonly queue: TrainProgress[] = [];
  private readonly waiters: Array<{ resolve: (r: IteratorResult<TrainProgress>) => void; reject: (e: unknown) => void }> = [];
  private iterating = false;
  private finished = false;
  private failure: unknown;
  private pausedFlag = false;
  private wake: (() => void) | undefined;
  private readonly aborter = new AbortController();
  private lrScale = 1;
  private currentW: Matrix | undefined;
  private stepsDone = 0;
  // While a chunk runs, native code writes W in place on another thread: copies asked for then
  // are taken by the loop itself, between that chunk and the next.
  private chunkRunning = false;
  private snapshotRequests: Array<(s: { W: Matrix | undefined; step: number }) => void> = [];
  private pauseRequests: Array<(step: number) => void> = [];
  private readonly detachSignal: () => void;

  /**
   * Starts the run at once. Not meant to be called directly: {@link startTraining} (or
   * `LinearClassifier.startFit`) validates the options and constructs it.
   * @param n train()'s options, already validated and with defaults filled in
   */
  constructor(private readonly n: NormalizedTrain) {
    // A signal aborted before the run starts fires no event: check it too.
    // The listener goes when the run ends: a signal shared by many runs must not keep each
    // finished run (and its W) alive.
    const onAbort = (): void => this.abort();
    if (n.signal?.aborted) this.abort();
    else n.signal?.addEventListener('abort', onAbort, { once: true });
    this.detachSignal = () => n.signal?.removeEventListener('abort', onAbort);
    this.result = this.run().then(
      (r) => {
        this.finish();
        return r;
      },
      (err: unknown) => {
        this.failure = err;
        this.finish();
        throw err;
      },
    );
    this.result.catch(() => undefined); // the caller may only iterate; errors then surface there
  }

  /**
   * Pauses between chunks. Resolves with the step the run holds at once the chunk under way, if
   * any, has finished (at most `progressIntervalMs` later): from then on the step and W stay put
   * until {@link TrainingRun.resume}. A run resumed, aborted or ended meanwhile resolves all the
   * same, with the step its chunk reached; read {@link TrainingRun.paused} to tell.
   */
  pause(): Promise<number> {
    this.pausedFlag = true;
    if (!this.chunkRunning) return Promise.resolve(this.stepsDone);
    return new Promise((resolve) => this.pauseRequests.push(resolve));
  }

  /** Continues a paused run (no effect when it is not paused). */
  resume(): void {
    this.pausedFlag = false;
    this.wake?.();
  }

  /** Whether {@link TrainingRun.pause} was called without a {@link TrainingRun.resume} since. */
  get paused(): boolean {
    return this.pausedFlag;
  }

  /** Stops the run; `result` resolves with stopped: 'aborted' and the W reached. */
  abort(): void {
    this.aborter.abort();
    this.wake?.();
  }

  /**
   * Multiplies the learning rate from the next chunk on (the dashboard's +/- keys); factors
   * accumulate (see {@link TrainingRun.learningRateScale}).
   * @param factor a finite number > 0, e.g. 2 or 0.5
   * @throws RangeError for any other factor
   */
  scaleLearningRate(factor: number): void {
    if (!(factor > 0) || !Number.isFinite(factor)) {
      throw new RangeError(`scaleLearningRate: expected a finite number > 0 for factor but received ${String(factor)}`);
    }
    this.lrScale *= factor;
  }

  /** The product of every scaleLearningRate factor so far. */
  get learningRateScale(): number {
    return this.lrScale;
  }

  /** Steps done so far. */
  get step(): number {
    return this.stepsDone;
  }

  /** The learning rate the next step will use: schedule and live scaling applied. */
  get learningRate(): number {
    return learningRateAt({ ...this.n.config, learningRate: this.n.config.learningRate * this.lrScale }, this.stepsDone);
  }

  /**
   * A copy of the weights reached so far, taken between chunks (native code updates W in place
   * while a chunk runs), e.g. to save a model mid-run. Undefined before the run has set up W.
   */
  async weights(): Promise<Matrix | undefined> {
    return (await this.snapshot()).W;
  }

  /** A copy of W with the number of steps that produced it, taken between chunks. */
  snapshot(): Promise<{ W: Matrix | undefined; step: number }> {
    if (!this.chunkRunning) return Promise.resolve({ W: this.currentW?.clone(), step: this.stepsDone });
    return new Promise((resolve) => this.snapshotRequests.push(resolve));
  }

  private answerSnapshots(): void {
    for (const resolve of this.snapshotRequests.splice(0)) resolve({ W: this.currentW?.clone(), step: this.stepsDone });
    for (const resolve of this.pauseRequests.splice(0)) resolve(this.stepsDone);
  }

  /**
   * The run's progress events, for `for await (const e of run)`. Events are buffered from the first
   * call on (earlier ones are not replayed); the iteration ends when the run ends and throws if the
   * run failed. Use one iterator per run: several would split the events between them.
   */
  [Symbol.asyncIterator](): AsyncIterator<TrainProgress> {
    this.iterating = true;
    return {
      next: () => {
        const e = this.queue.shift();
        if (e) return Promise.resolve({ value: e, done: false });
        if (this.finished) {
          return this.failure !== undefined ? Promise.reject(this.failure) : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
      },
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
  }

  private emit(e: TrainProgress): void {
    this.n.onProgress?.(e);
    if (!this.iterating) return;
    const w = this.waiters.shift();
    if (w) w.resolve({ value: e, done: false });
    else this.queue.push(e);
  }

  private finish(): void {
    this.finished = true;
    this.detachSignal();
    this.answerSnapshots();
    for (const w of this.waiters.splice(0)) {
      if (this.failure !== undefined) w.reject(this.failure);
      else w.resolve({ value: undefined, done: true });
    }
  }

  private recheckLabels(): void {
    checkLabels(this.n.fn, this.n.y, this.n.X.rows, this.n.classes, 'y', this.n.classesFrom);
  }

  private async untilResumed(): Promise<void> {
    while (this.pausedFlag && !this.aborter.signal.aborted) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  private async run(): Promise<TrainResult> {
    const n = this.n;
    const backend = getBackend();
    const { X, y } = n;
    const rng = new Rng(n.seed);
    const W = n.W0 ? n.W0.clone() : randomWeights(X.cols, n.classes, n.initScale, rng, X.dtype);
    this.currentW = W;
    const needsS1 = n.rule !== 'sgd';
    const job: TrainJob = {
      config: { ...n.config },
      X,
      y,
      W,
      s1: needsS1 ? allocate(W.dtype, W.size) : null,
      s2: n.rule === 'adam' ? allocate(W.dtype, W.size) : null,
      rngState: rng.saveState(),
      perm: n.config.batchSize > 0 && !n.config.replace ? new Int32Array(X.rows) : null,
      cursor: Int32Array.of(X.rows),
    };
    const evalCost = n.gradient === 'numerical' ? 2 * W.size + 1 : 1;
    const computesOnThisThread = n.gradient === 'numerical' || backend.name === 'reference';
    const out = new Float64Array(STEP_RECORD * Math.min(n.iterations, MAX_CHUNK_STEPS));
    const history: TrainStep[] = [];
    const evaluations: TrainEvaluation[] = [];
    let stopped: StopReason = 'done';
    let diverged: TrainResult['diverged'];
    let best: TrainResult['best'];
    let bestW: Matrix | undefined;
    let sinceBest = 0;
    let step = 0;
    const started = performance.now();

    while (step < n.iterations) {
      await this.untilResumed();
      if (this.aborter.signal.aborted) {
        stopped = 'aborted';
        break;
      }
      // The first chunk is a single step: its loss sets the divergence threshold.
      let maxSteps = step === 0 ? 1 : Math.min(n.iterations - step, MAX_CHUNK_STEPS);
      if (n.evalEvery > 0) maxSteps = Math.min(maxSteps, n.evalEvery - (step % n.evalEvery));
      if (n.snapshotEvery > 0) maxSteps = Math.min(maxSteps, n.snapshotEvery - (step % n.snapshotEvery));
      job.config.learningRate = n.config.learningRate * this.lrScale;
      // The labels were checked when the run started, but the caller's array may change between
      // chunks; a label out of range would index outside the scores.
      this.recheckLabels();
      this.chunkRunning = true;
      let res: Awaited<ReturnType<typeof backend.trainChunk>>;
      try {
        res =
          n.gradient === 'numerical'
            ? numericalChunk(n.fn, backend, job, n.h, step, maxSteps, n.progressIntervalMs, out)
            : await backend.trainChunk(job, step, maxSteps, n.progressIntervalMs, out);
      } catch (err) {
        this.recheckLabels(); // changed while the chunk ran: say which, as a check up front would
        throw err;
      } finally {
        this.chunkRunning = false;
      }
      const fresh: TrainStep[] = [];
      for (let i = 0; i < res.steps; i++) {
        const o = i * STEP_RECORD;
        const t = step + i;
        fresh.push({
          step: t,
          loss: out[o]!,
          learningRate: out[o + 1]!,
          gradNorm: out[o + 2]!,
          violatedShare: out[o + 3]!,
          batchAccuracy: out[o + 4]!,
          dataLoss: out[o + 5]!,
          evaluations: (t + 1) * evalCost,
        });
      }
      history.push(...fresh);
      step += res.steps;
      this.stepsDone = step;
      this.answerSnapshots();
      if (step === 1 && history.length === 1) {
        job.config.divergeAbove = n.divergeFactor * Math.max(history[0]!.loss, 1);
      }
      const last = history[history.length - 1]!;
      // A NaN from inputs that were finite when checked: X changed since. Say where, rather than
      // blaming the learning rate.
      if (res.diverged && !Number.isFinite(last.loss)) checkFinite(n.fn, 'X', X, false);
      // The last step's loss was finite but its update may not have been (lr·∇L overflowing): a W
      // of ±Inf/NaN is a divergence too, caught here rather than by the next step's loss.
      if (!res.diverged && firstNonFinite(W.data) >= 0) res = { ...res, diverged: true };
      if (res.diverged) {
        stopped = 'diverged';
        diverged = { step: last.step, learningRate: last.learningRate, loss: last.loss };
      }

      let evaluation: TrainEvaluation | undefined;
      const evalDue = n.evalEvery > 0 && (step % n.evalEvery === 0 || step === n.iterations);
      if (!res.diverged && evalDue) {
        evaluation = { step, trainAccuracy: await accuracyOf(W, X, y, n.fn) };
        if (n.validation) {
          evaluation.valAccuracy = await accuracyOf(W, n.validation.X, n.validation.y, n.fn);
          if (!best || evaluation.valAccuracy > best.valAccuracy) {
            best = { step, valAccuracy: evaluation.valAccuracy };
            if (n.patience !== undefined) bestW = W.clone();
            sinceBest = 0;
          } else {
            sinceBest++;
          }
        }
        evaluations.push(evaluation);
      }

      const elapsedMs = performance.now() - started;
      const stepsPerSecond = step / Math.max(elapsedMs / 1000, 1e-9);
      const snapshot = n.snapshotEvery > 0 && step % n.snapshotEvery === 0 ? W.clone() : undefined;
      this.emit({
        type: 'progress',
        step,
        iterations: n.iterations,
        last,
        steps: fresh,
        ...(evaluation ? { evaluation } : {}),
        elapsedMs,
        stepsPerSecond,
        etaMs: ((n.iterations - step) / Math.max(stepsPerSecond, 1e-9)) * 1000,
        paused: this.pausedFlag,
        ...(snapshot ? { W: snapshot } : {}),
      });
      if (res.diverged) break;
      if (n.patience !== undefined && sinceBest >= n.patience) {
        stopped = 'early-stopped';
        break;
      }
      // A chunk computed on this thread (reference backend, numerical gradient) leaves nothing for
      // timers, I/O or a page to run in unless we step aside between chunks.
      if (computesOnThisThread) await yieldToEventLoop();
    }

    const final = stopped === 'early-stopped' && bestW ? bestW : W;
    return {
      W: final,
      history,
      evaluations,
      stopped,
      steps: step,
      loss: history.length ? history[history.length - 1]!.loss : Number.NaN,
      initialLoss: history.length ? history[0]!.loss : Number.NaN,
      elapsedMs: performance.now() - started,
      ...(diverged ? { diverged } : {}),
      ...(best ? { best } : {}),
    };
  }
}
