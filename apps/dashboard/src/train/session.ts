/**
 * One `svm train` run, independent of how it is shown: loads the data, starts the library's
 * TrainingRun (the loop runs in native code off the JS thread and reports ~20 times a second),
 * keeps the state the dashboard draws in a throttled store, emits events for the plain and JSON
 * printers, and answers the controls (pause, learning-rate scaling, save now, stop).
 */
import { LinearClassifier, setThreads, threads, type TrainingRun, type TrainProgress } from '@svm/core';
import { applyBackend, backendInfo } from '../backend.js';
import { EXIT_INTERRUPTED, Interrupted, RunError, SIGNAL_EXIT, type StopSignal, UsageError } from '../errors.js';
import { loadDataset, describeData, type LoadedData } from '../data/load.js';
import { saveFailure } from '../model/save-target.js';
import type { BackendFlags } from '../options/common.js';
import { LossHistory } from './loss-history.js';
import { ThrottledStore } from './store.js';
import type { LogEntry, Outcome, SessionEvent, TrainSettings, TrainState } from './types.js';

export interface SessionOptions {
  /** Milliseconds between screen updates. Default 100 (10 frames a second). */
  frameMs?: number;
  onEvent?: (e: SessionEvent) => void;
  backend?: BackendFlags;
  /** Data already loaded (benchmarks and tests skip the loading). */
  data?: LoadedData;
  /**
   * Leave one core to the screen: unless --threads says otherwise, the kernels get one thread
   * fewer than the library would give them. Drawing a frame takes Ink tens of milliseconds of JS;
   * with every core training, each frame would stall the loop, while for mini-batches of ~200
   * rows one kernel thread is as fast as two anyway.
   */
  reserveCoreForScreen?: boolean;
}

/**
 * What a frame with live templates is assumed to cost before one has been drawn: a full screen of
 * 24-bit thumbnails takes 25–75 ms on a small machine (the low end, so fast machines adapt down
 * quickly). Without it the first full frame would come 100 ms into the run, priced like the header.
 */
const FULL_FRAME_MS = 25;

/** The learning-rate factor of one + or - press. */
export const LR_STEP = 2;

/** Where `s` saves when --save was not given. */
export function defaultModelPath(s: TrainSettings): string {
  return `svm-${s.data.dataset}-${s.loss}.json`;
}

/**
 * Steps between copies of W (templates, `s`): with each checkpoint, and at least every 500 steps
 * (~0.1 s here) on long runs; never under 25. A snapshot ends the native chunk of steps, so many
 * more would cut the loop into pieces shorter than a frame takes to draw.
 */
export function snapshotInterval(steps: number, evalEvery?: number): number {
  return Math.max(25, Math.min(evalEvery || Math.round(steps / 10), 500));
}

export class TrainingSession {
  readonly store: ThrottledStore<TrainState>;
  private run: TrainingRun | undefined;
  private model: LinearClassifier | undefined;
  private stopRequested = false;
  private stopSignal: StopSignal | undefined;
  private saves: Promise<void> = Promise.resolve();
  private nextLogId = 0;
  private readonly emit: (e: SessionEvent) => void;

  constructor(
    readonly settings: TrainSettings,
    private readonly options: SessionOptions = {},
  ) {
    this.emit = options.onEvent ?? (() => undefined);
    this.store = new ThrottledStore<TrainState>(
      {
        phase: 'loading',
        settings,
        step: 0,
        iterations: settings.steps,
        elapsedMs: 0,
        stepsPerSecond: 0,
        etaMs: Number.NaN,
        paused: false,
        lrScale: 1,
        losses: new LossHistory(),
        log: [],
      },
      options.frameMs ?? 100,
      {
        ...(settings.snapshots ? { firstFrameCostMs: FULL_FRAME_MS } : {}),
        remainingMs: (st) => (st.phase === 'training' && !st.paused ? st.etaMs : Infinity),
      },
    );
  }

  /** Loads, trains and evaluates; resolves with the outcome (diverged runs included). */
  async execute(): Promise<Outcome> {
    try {
      const outcome = await this.train();
      this.store.update((s) => ({ ...s, phase: 'done', outcome }));
      this.store.close();
      this.emit({ type: 'done', outcome });
      return outcome;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.store.update((s) => ({ ...s, phase: 'failed', error: message }));
      this.store.close();
      throw err;
    }
  }

  private async train(): Promise<Outcome> {
    const s = this.settings;
    if (this.options.backend) applyBackend(this.options.backend);
    if (this.options.reserveCoreForScreen && this.options.backend?.threads === undefined) reserveCore();
    const data = this.options.data ?? (await loadDataset(s.data, s.val));
    // Stopped while the data loaded: an untrained W has no results worth evaluating or saving.
    if (this.stopRequested) {
      const code = this.stopSignal ? SIGNAL_EXIT[this.stopSignal] : EXIT_INTERRUPTED;
      throw new Interrupted('stopped while loading the data; nothing was trained', code);
    }
    if (typeof s.batchSize === 'number' && s.batchSize > data.train.X.rows) {
      throw new UsageError(`--batch-size ${s.batchSize} is larger than the ${data.train.X.rows} training examples; use --batch-size full (or at most ${data.train.X.rows})`);
    }
    const header = {
      dataset: data.name,
      shapes: describeData(data),
      classNames: data.classNames,
      ...(data.imageShape ? { imageShape: data.imageShape } : {}),
      backend: backendInfo(),
    };
    // Shown before the run starts: drawn once training runs, the header's frame would hold up the
    // first chunks (the JS thread starts each one), and preparing the fit takes a while anyway.
    this.store.update((st) => ({ ...st, phase: 'training', header }));
    this.store.flush();
    await new Promise((r) => setImmediate(r));
    const model = new LinearClassifier({
      loss: s.loss,
      classNames: data.classNames,
      ...(data.imageShape ? { imageShape: data.imageShape } : {}),
    });
    this.model = model;
    let run: TrainingRun;
    try {
      run = model.startFit(data.train.X, data.train.y, {
        optimizer: s.optimizer,
        learningRate: s.learningRate,
        schedule: s.schedule,
        reg: s.reg,
        batchSize: s.batchSize,
        iterations: s.steps,
        seed: s.data.seed,
        ...(s.evalEvery !== undefined ? { evalEvery: s.evalEvery } : {}),
        ...(data.val ? { validation: { X: data.val.X, y: data.val.y } } : {}),
        ...(s.snapshots ? { snapshotEvery: snapshotInterval(s.steps, s.evalEvery) } : {}),
        onProgress: (e) => this.ingest(e),
      });
    } catch (err) {
      // Options the flags let through but the library refuses (a batch larger than the data…).
      throw new RunError(err instanceof Error ? err.message.replace(/^LinearClassifier\.fit: /, '') : String(err));
    }
    this.run = run;
    this.emit({ type: 'start', header, settings: s });
    if (this.stopRequested) run.abort();

    const result = await run.result;
    this.store.update((st) => ({ ...st, phase: 'finishing', paused: false }));
    const outcome: Outcome = {
      stopped: result.stopped,
      steps: result.steps,
      loss: result.loss,
      elapsedMs: result.elapsedMs,
      ...(result.diverged ? { diverged: result.diverged } : {}),
    };
    if (result.stopped !== 'diverged') {
      outcome.trainAccuracy = model.accuracy(data.train.X, data.train.y);
      if (data.val) outcome.valAccuracy = model.accuracy(data.val.X, data.val.y);
      outcome.testAccuracy = model.accuracy(data.test.X, data.test.y);
      if (s.save) {
        // A failed save does not hide the results: the summary shows, then the error (exit 1).
        const failure = await this.saveModel(model, s.save);
        if (failure) outcome.saveError = failure;
        else outcome.savedTo = s.save;
      }
    }
    return outcome;
  }

  private ingest(e: TrainProgress): void {
    this.store.update((s) => {
      for (const step of e.steps) s.losses.push(step.loss);
      let log = s.log;
      if (e.evaluation) {
        const entry: LogEntry = {
          kind: 'checkpoint',
          id: this.nextLogId++,
          step: e.step,
          iterations: e.iterations,
          loss: e.last.loss,
          learningRate: e.last.learningRate,
          evaluation: e.evaluation,
          elapsedMs: e.elapsedMs,
        };
        log = [...log, entry];
      }
      return {
        ...s,
        step: e.step,
        iterations: e.iterations,
        elapsedMs: e.elapsedMs,
        stepsPerSecond: e.stepsPerSecond,
        etaMs: e.etaMs,
        paused: this.run?.paused ?? e.paused,
        last: e.last,
        learningRate: this.run?.learningRate ?? e.last.learningRate,
        ...(e.evaluation ? { lastEvaluation: e.evaluation } : {}),
        ...(e.W ? { weights: { W: e.W, step: e.step } } : {}),
        log,
      };
    });
    this.emit({
      type: 'progress',
      step: e.step,
      iterations: e.iterations,
      last: e.last,
      ...(e.evaluation ? { evaluation: e.evaluation } : {}),
      elapsedMs: e.elapsedMs,
      stepsPerSecond: e.stepsPerSecond,
      etaMs: e.etaMs,
      paused: e.paused,
    });
  }

  private note(text: string, status = text): void {
    this.store.update((s) => ({ ...s, status, log: [...s.log, { kind: 'note', id: this.nextLogId++, text }] }));
    this.store.flush();
  }

  /**
   * Pauses or resumes. The loop stops between chunks, at most ~50 ms later: the status says
   * "pausing…" until then, and then the step the run actually stopped at. Resolves once shown.
   */
  async togglePause(): Promise<void> {
    const run = this.run;
    if (!run || this.store.get().phase !== 'training') return;
    if (run.paused) run.resume();
    else run.pause();
    const paused = run.paused;
    this.store.update((s) => ({ ...s, paused, status: paused ? 'pausing…' : 'resumed' }));
    this.store.flush();
    this.emit({ type: 'control', action: paused ? 'pause' : 'resume' });
    if (!paused) return;
    // Answered between chunks: after the chunk under way when asked, the last one before the pause.
    const { step } = await run.snapshot();
    if (!run.paused || this.store.get().phase !== 'training') return; // resumed or ended meanwhile
    this.store.update((s) => ({ ...s, step: Math.max(s.step, step), status: `paused at step ${step}` }));
    this.store.flush();
  }

  /** Multiplies the learning rate from the next chunk of steps on. */
  scaleLearningRate(factor: number): void {
    const run = this.run;
    if (!run || this.store.get().phase !== 'training') return;
    run.scaleLearningRate(factor);
    const scale = run.learningRateScale;
    const learningRate = run.learningRate;
    this.store.update((s) => ({ ...s, lrScale: scale, learningRate, status: `learning rate ×${formatScale(scale)}` }));
    this.store.flush();
    this.emit({ type: 'control', action: 'scale-lr', learningRateScale: scale });
  }

  /**
   * Saves the model now. Mid-run the classifier writes the weights reached so far (taken between
   * native chunks, with this fit's preprocessing, marked in progress); after the run, the final model.
   */
  /** Saves the model now (key `s`); saves run one after another, the final one last. */
  saveNow(): Promise<string | undefined> {
    const next = this.saves.then(() => this.saveNowAlone());
    this.saves = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private async saveNowAlone(): Promise<string | undefined> {
    const path = this.settings.save ?? defaultModelPath(this.settings);
    const model = this.model;
    const run = this.run;
    if (!model || !run) {
      this.note('nothing to save yet (training has not started)');
      return undefined;
    }
    let saved: { inProgress: boolean; step?: number };
    try {
      saved = await model.save(path);
    } catch (err) {
      this.note(saveFailure(path, err));
      return undefined;
    }
    const step = saved.step ?? run.step;
    this.note(saved.inProgress ? `saved step ${step} to ${path}` : `saved the final model to ${path}`);
    this.emit({ type: 'saved', path, step });
    return path;
  }

  /**
   * Stops the run cleanly: the weights reached are kept (and saved with --save). `signal`, when a
   * signal asked for the stop, sets the exit code of a stop before training began (see Interrupted).
   */
  stop(signal?: StopSignal): void {
    if (this.stopRequested) return;
    this.stopRequested = true;
    this.stopSignal = signal;
    this.run?.abort();
    this.store.update((s) => ({ ...s, status: 'stopping…' }));
    this.store.flush();
    this.emit({ type: 'control', action: 'stop' });
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  /** Saves the final model; resolves with what went wrong, if anything. */
  private async saveModel(model: LinearClassifier, path: string): Promise<string | undefined> {
    await this.saves; // an `s` pressed just before the end must not write over (or under) the final save
    try {
      await model.save(path);
    } catch (err) {
      return saveFailure(path, err);
    }
    this.emit({ type: 'saved', path, step: this.store.get().step });
    return undefined;
  }
}

/** One kernel thread fewer than now (at least one). */
export function reserveCore(): void {
  const n = threads();
  if (n > 1) setThreads(n - 1);
}

/** 2 → "2", 0.5 → "1/2", 0.25 → "1/4", 1.5 → "1.5". */
export function formatScale(scale: number): string {
  if (scale >= 1) return Number(scale.toPrecision(3)).toString();
  const inv = 1 / scale;
  return Number.isInteger(Math.round(inv * 1000) / 1000) ? `1/${Math.round(inv)}` : Number(scale.toPrecision(3)).toString();
}
