/**
 * Hyper-parameter search over learning rate × regularization (× batch size × optimizer): a grid or
 * log-uniform random trials, each a native training run on a worker thread. One worker per core
 * and one kernel thread per worker, so the cores are used without oversubscribing; diverging
 * trials stop early and are marked; the best model comes back as a LinearClassifier.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { allocate, Matrix } from '../matrix.js';
import { getBackend, setThreads, threads } from '../backend/registry.js';
import { UPDATE_RULES, type LossKind, type UpdateRule } from '../backend/types.js';
import { applyPreprocess, fitPreprocess, type PreprocessOptions } from '../data/preprocess.js';
import { checkFinite, checkLabels, checkMatrix, inferClasses, type Labels } from '../loss/problem.js';
import { Rng } from '../util/rng.js';
import { abortSignal, callback, isPlainObject, number, oneOf, options, rangeError, typeError } from '../util/validate.js';
import { checkImageShape, checkImageSize, LinearClassifier } from './linear-classifier.js';
import type { FromWorker, TrialOutcome, TrialParams, WorkerSetup } from './search-protocol.js';

export type { TrialParams };

/** A grid search space: every combination of the lists (at most 10000 trials). */
export interface SearchSpaceGrid {
  /** Learning rates, each > 0. */
  learningRate: number[];
  /** Regularization strengths, each ≥ 0. */
  reg: number[];
  /** Batch sizes, integers ≥ 1. Default [200]. */
  batchSize?: number[];
  /** Update rules. Default ['sgd']. */
  optimizer?: UpdateRule[];
}

/** A random search space: learning rate and reg drawn log-uniformly (seeded). */
export interface SearchSpaceRandom {
  /** Number of trials, 1…10000. */
  trials: number;
  /** Log-uniform in [lo, hi]. */
  learningRate: [number, number];
  /** Log-uniform in [lo, hi]; lo may be 0, which makes it uniform in [0, hi]. */
  reg: [number, number];
  /** Picked uniformly from the list. Default [200]. */
  batchSize?: number[];
  /** Picked uniformly from the list. Default ['sgd']. */
  optimizer?: UpdateRule[];
}

/** Options of {@link searchHyperparameters}: exactly one of `grid` and `random` is required. */
export interface SearchOptions {
  /** Every combination of the lists. */
  grid?: SearchSpaceGrid;
  /** Random trials (learning rate and reg log-uniform). */
  random?: SearchSpaceRandom;
  /** 'svm' (default) or 'softmax'. */
  loss?: LossKind;
  /** Steps per trial. Default 1500. */
  iterations?: number;
  /** Seeds the random space and every trial's training. Default 0. */
  seed?: number;
  /** Trials at once. Default: the number of cores. */
  concurrency?: number;
  /** Preprocessing fitted on the training data (center, bias by default). */
  preprocess?: PreprocessOptions;
  /** Class names for the best model (at least 2; labels must be below their count). Default: '0', '1', … up to max(train.y). */
  classNames?: string[];
  /** Image shape of an example, for the best model's templates(). Default: none. */
  imageShape?: number[];
  /** Called when a trial finishes (in finishing order). */
  onTrial?: (trial: TrialResult) => void;
  /** Called while trials run (a few times a second per trial). */
  onProgress?: (p: { index: number; params: TrialParams; step: number; loss: number }) => void;
  /**
   * Stops the search: no further trial starts; trials already running train to the end and are
   * included in the result (an abort before any trial finished is an error).
   */
  signal?: AbortSignal;
}

/** One finished trial of a hyper-parameter search. */
export interface TrialResult {
  /** Position in the search space. */
  index: number;
  /** The hyper-parameters tried. */
  params: TrialParams;
  /** Accuracy on the (preprocessed) validation data; 0 for a diverged trial. */
  valAccuracy: number;
  /** Accuracy on the (preprocessed) training data; 0 for a diverged trial. */
  trainAccuracy: number;
  /** Loss of the last step. */
  loss: number;
  /** How its training ended ('done' or 'diverged'). */
  stopped: TrialOutcome['stopped'];
  /** Where it diverged (step, learning rate, loss), when it did. */
  diverged?: TrialOutcome['diverged'];
  /** Steps done. */
  steps: number;
  /** The trial's training time, ms. */
  elapsedMs: number;
}

/** What {@link searchHyperparameters} returns (exported as `HyperparameterSearchResult`). */
export interface SearchResult {
  /** Every finished trial, in search-space order. */
  trials: TrialResult[];
  /** The best trial by validation accuracy (diverged trials never win), with its model. */
  best: TrialResult & { model: LinearClassifier };
  /** Wall time of the whole search. */
  elapsedMs: number;
}

/** Trials in one search, grid or random: beyond this, a typo (an extra zero) rather than a plan. */
const MAX_TRIALS = 10000;

function positiveList(fn: string, name: string, v: unknown, integer = false): number[] {
  if (!Array.isArray(v) || v.length === 0) throw typeError(fn, name, 'a non-empty array of numbers', v);
  return v.map((x, i) => number(fn, `${name}[${i}]`, x, undefined, integer ? { integer: true, min: 1 } : { above: 0 }));
}

function interval(fn: string, name: string, v: unknown, allowZero: boolean): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw typeError(fn, name, '[lo, hi]', v);
  const lo = number(fn, `${name}[0]`, v[0], undefined, allowZero ? { min: 0 } : { above: 0 });
  const hi = number(fn, `${name}[1]`, v[1], undefined, { above: 0 });
  if (!(hi >= lo)) throw rangeError(fn, `${name} [${lo}, ${hi}] is empty`);
  return [lo, hi];
}

/**
 * The search space as a list of trials: a grid's combinations in order (learning rate slowest,
 * optimizer fastest), or `random.trials` seeded draws.
 * @param opts exactly one of `grid` and `random`, and `seed` (default 0; random spaces only)
 * @throws TypeError/RangeError for both or neither of grid and random, empty or non-positive lists,
 *   an empty interval, unknown update rules or fields, more than 10000 trials
 */
export function searchSpace(opts: Pick<SearchOptions, 'grid' | 'random' | 'seed'>): TrialParams[] {
  const fn = 'searchSpace';
  if (!isPlainObject(opts)) throw typeError(fn, 'options', '{ grid } or { random }', opts);
  const { grid, random } = opts;
  if ((grid === undefined) === (random === undefined)) throw rangeError(fn, 'give exactly one of grid or random');
  const opt = (name: string, v: unknown): UpdateRule[] => {
    if (v === undefined) return ['sgd'];
    if (!Array.isArray(v) || v.length === 0) throw typeError(fn, name, `a non-empty array of update rules (${UPDATE_RULES.join(', ')})`, v);
    return v.map((o, i) => oneOf(fn, `${name}[${i}]`, o, UPDATE_RULES, 'sgd'));
  };
  if (grid) {
    if (!isPlainObject(grid)) throw typeError(fn, 'grid', '{ learningRate, reg, batchSize?, optimizer? }', grid);
    options(`${fn} (grid)`, grid, ['learningRate', 'reg', 'batchSize', 'optimizer']);
    const lrs = positiveList(fn, 'grid.learningRate', grid.learningRate);
    const regs = (grid.reg as unknown[] | undefined) ?? [];
    if (!Array.isArray(grid.reg) || regs.length === 0) throw typeError(fn, 'grid.reg', 'a non-empty array of numbers', grid.reg);
    const regList = regs.map((x, i) => number(fn, `grid.reg[${i}]`, x, undefined, { min: 0 }));
    const batches = grid.batchSize === undefined ? [200] : positiveList(fn, 'grid.batchSize', grid.batchSize, true);
    const optimizers = opt('grid.optimizer', grid.optimizer);
    const size = lrs.length * regList.length * batches.length * optimizers.length;
    if (size > MAX_TRIALS) throw rangeError(fn, `the grid has ${size} trials; expected at most ${MAX_TRIALS}`);
    const out: TrialParams[] = [];
    for (const learningRate of lrs) for (const reg of regList) for (const batchSize of batches) for (const optimizer of optimizers) out.push({ learningRate, reg, batchSize, optimizer });
    return out;
  }
  const r = random!;
  if (!isPlainObject(r)) throw typeError(fn, 'random', '{ trials, learningRate: [lo, hi], reg: [lo, hi] }', r);
  options(`${fn} (random)`, r, ['trials', 'learningRate', 'reg', 'batchSize', 'optimizer']);
  const trials = number(fn, 'random.trials', r.trials, undefined, { integer: true, min: 1, max: MAX_TRIALS });
  const [lr0, lr1] = interval(fn, 'random.learningRate', r.learningRate, false);
  const [rg0, rg1] = interval(fn, 'random.reg', r.reg, true);
  const batches = r.batchSize === undefined ? [200] : positiveList(fn, 'random.batchSize', r.batchSize, true);
  const optimizers = opt('random.optimizer', r.optimizer);
  const rng = new Rng(number(fn, 'seed', opts.seed, 0, { integer: true }));
  const logUniform = (lo: number, hi: number) => (lo === 0 ? hi * rng.uniform() : Math.exp(Math.log(lo) + rng.uniform() * (Math.log(hi) - Math.log(lo))));
  return Array.from({ length: trials }, () => ({
    learningRate: logUniform(lr0, lr1),
    reg: logUniform(rg0, rg1),
    batchSize: batches[rng.int(batches.length)]!,
    optimizer: optimizers[rng.int(optimizers.length)]!,
  }));
}

function shared(a: Float32Array | Float64Array | Int32Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(sab).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return sab;
}

// The worker runs compiled JavaScript; from TypeScript sources (tests) use the built file.
function workerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('../../dist/model/search-worker.js', here);
  return new URL('./search-worker.js', here);
}

/**
 * Searches hyper-parameters on (train, val), raw data in (the preprocessing is fitted on train):
 * the lecture's "tune on the validation set". Each trial trains with {@link train}'s defaults
 * apart from its {@link TrialParams} (constant schedule, initScale 0.001, seed = `seed` + index),
 * for `iterations` steps, then is scored on val. Node only; needs the native backend.
 * @param train training data `{ X, y }`, X N×D raw (no bias column)
 * @param val validation data `{ X, y }`, the same D and dtype
 * @param opts `grid` or `random` (one is required), `loss` ('svm'), `iterations` (1500), `seed`
 *   (0), `concurrency` (cores), `preprocess`, `classNames`, `imageShape`, `onTrial`, `onProgress`,
 *   `signal`
 * @returns `{ trials, best, elapsedMs }`; `best.model` is a trained {@link LinearClassifier}
 * @throws TypeError/RangeError for bad data or options (as {@link searchSpace}); Error when the
 *   native backend is not in use, when every trial diverged, when aborted before any trial
 *   finished, or when a trial or a callback fails
 * @example
 * const { trials, best } = await searchHyperparameters(train, val, {
 *   grid: { learningRate: [1e-7, 5e-5], reg: [2.5e4, 5e4] }, // CS231n's grid (raw pixels)
 * });
 * console.table(trials.map((t) => ({ ...t.params, val: t.valAccuracy, stopped: t.stopped })));
 */
export async function searchHyperparameters(
  train: { X: Matrix; y: Labels },
  val: { X: Matrix; y: Labels },
  opts: SearchOptions,
): Promise<SearchResult> {
  const fn = 'searchHyperparameters';
  const o = options(fn, opts, ['grid', 'random', 'loss', 'iterations', 'seed', 'concurrency', 'preprocess', 'classNames', 'imageShape', 'onTrial', 'onProgress', 'signal']);
  if (!isPlainObject(train)) throw typeError(fn, 'train', '{ X, y }', train);
  if (!isPlainObject(val)) throw typeError(fn, 'val', '{ X, y }', val);
  const X = checkMatrix(fn, 'train.X', train.X);
  const Xv = checkMatrix(fn, 'val.X', val.X);
  if (Xv.cols !== X.cols) throw rangeError(fn, `val.X has ${Xv.cols} columns but train.X has ${X.cols}`);
  if (Xv.dtype !== X.dtype) throw typeError(fn, 'val.X', `the same dtype as train.X (${X.dtype})`, `${Xv.dtype} data`);
  abortSignal(fn, o.signal);
  callback(fn, 'onTrial', o.onTrial);
  callback(fn, 'onProgress', o.onProgress);
  if (o.classNames !== undefined && (!Array.isArray(o.classNames) || o.classNames.length < 2 || o.classNames.some((c) => typeof c !== 'string'))) {
    throw typeError(fn, 'classNames', 'an array of at least 2 strings, one per class', o.classNames);
  }
  // Checked now, not when the best model is built: a bad shape must not cost the whole search.
  const imageShape = o.imageShape === undefined ? undefined : checkImageShape(fn, o.imageShape);
  checkImageSize(fn, imageShape, X.cols, `train.X has ${X.cols} columns`);
  if (X.rows === 0 || Xv.rows === 0) throw rangeError(fn, 'train and val need at least one example each');
  checkFinite(fn, 'train.X', X);
  checkFinite(fn, 'val.X', Xv);
  // With class names, labels must fit them (a saved model names every class); without, the
  // classes are inferred from the training labels, within reason.
  const C = o.classNames ? o.classNames.length : inferClasses(fn, train.y, 'train.y', 'classNames.length');
  const classesFrom = o.classNames ? `classNames has ${C} names` : `train.y's largest label implies ${C} classes`;
  const y = checkLabels(fn, train.y, X.rows, C, 'train.y', classesFrom);
  const yv = checkLabels(fn, val.y, Xv.rows, C, 'val.y', classesFrom);
  // Batch sizes given are checked against the data, as train() checks them; the default of 200
  // becomes N on smaller data, and the trials report the size they ran with.
  const space = searchSpace(o).map((p) => ({ ...p, batchSize: Math.min(p.batchSize, X.rows) }));
  const givenBatches = (o.grid ?? o.random)!.batchSize; // searchSpace checked there is one, a plain object
  if (givenBatches) {
    const at = givenBatches.findIndex((b) => b > X.rows);
    if (at >= 0) {
      throw rangeError(fn, `${o.grid ? 'grid' : 'random'}.batchSize[${at}] = ${givenBatches[at]} is larger than the ${X.rows} rows of train.X; expected at most ${X.rows}`);
    }
  }
  const loss = oneOf(fn, 'loss', o.loss, ['svm', 'softmax'] as const, 'svm');
  const iterations = number(fn, 'iterations', o.iterations, 1500, { integer: true, min: 1 });
  const seed = number(fn, 'seed', o.seed, 0, { integer: true });
  const concurrency = Math.min(space.length, number(fn, 'concurrency', o.concurrency, availableParallelism(), { integer: true, min: 1, max: 64 }));
  if (getBackend().name !== 'native') throw new Error(`${fn}: needs the native backend (worker threads run native training)`);

  const stopped = () => new Error(`${fn}: stopped (signal aborted) before any trial finished`, { cause: o.signal?.reason });
  // Already aborted: no preprocessing, shared copies or workers for nothing.
  if (o.signal?.aborted) throw stopped();
  const stats = fitPreprocess(X, o.preprocess);
  const Xp = applyPreprocess(X, stats);
  const Xvp = applyPreprocess(Xv, stats);
  const setup: WorkerSetup = {
    dtype: Xp.dtype,
    D: Xp.cols,
    C,
    X: shared(Xp.data),
    y: shared(y),
    Xval: shared(Xvp.data),
    yval: shared(yv),
    loss,
    iterations,
  };

  const started = performance.now();
  const results: (TrialResult | undefined)[] = new Array(space.length);
  const weights: (Float32Array | Float64Array | undefined)[] = new Array(space.length);
  const savedThreads = threads();
  setThreads(1); // the kernels' pool is per process: one thread each, one worker per core
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let running = 0;
      let failed = false;
      const stopped = new Set<Worker>(); // told to stop: their exit is expected
      const assign = (w: Worker) => {
        if (o.signal?.aborted || next >= space.length) {
          stopped.add(w);
          w.postMessage({ type: 'stop' });
          if (running === 0) resolve();
          return;
        }
        const index = next++;
        running++;
        w.postMessage({ type: 'trial', index, params: space[index], seed: seed + index });
      };
      for (let k = 0; k < concurrency; k++) {
        const w = new Worker(fileURLToPath(workerUrl()), { workerData: setup });
        workers.push(w);
        const fail = (e: unknown) => {
          failed = true;
          reject(e);
        };
        w.on('error', fail);
        // A worker that ends before it was told to stop (killed, out of memory) would otherwise
        // leave the search waiting for its trial forever.
        w.on('exit', (code) => {
          if (!stopped.has(w)) fail(new Error(`${fn}: a search worker exited (code ${code}) before the search finished`));
        });
        // A throwing callback rejects the search (the workers are stopped below) instead of
        // escaping from this listener as an uncaught exception.
        const call = (f: () => void): boolean => {
          try {
            f();
            return true;
          } catch (e) {
            fail(e);
            return false;
          }
        };
        w.on('message', (m: FromWorker) => {
          if (failed) return;
          if (m.type === 'progress') {
            call(() => o.onProgress?.({ index: m.index, params: space[m.index]!, step: m.step, loss: m.loss }));
            return;
          }
          running--;
          if (m.type === 'error') {
            fail(new Error(`${fn}: trial ${m.index} failed: ${m.message}`));
            return;
          }
          const { type: _t, W, ...outcome } = m;
          const t: TrialResult = { ...outcome, params: space[m.index]! };
          results[m.index] = t;
          weights[m.index] = W;
          if (call(() => o.onTrial?.(t))) assign(w);
        });
        assign(w);
      }
    });
  } finally {
    setThreads(savedThreads);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  const trials = results.filter((t): t is TrialResult => t !== undefined);
  const candidates = trials.filter((t) => t.stopped !== 'diverged');
  if (candidates.length === 0) {
    if (o.signal?.aborted) throw stopped();
    throw new Error(`${fn}: every trial diverged; try smaller learning rates`);
  }
  const bestTrial = candidates.reduce((a, b) => (b.valAccuracy > a.valAccuracy ? b : a));
  const W = new Matrix(Xp.cols, C, weights[bestTrial.index] ?? allocate(Xp.dtype, Xp.cols * C));
  const model = LinearClassifier.fromWeights(W, stats, {
    loss,
    ...(o.classNames ? { classNames: o.classNames } : {}),
    ...(imageShape ? { imageShape } : {}),
    training: { search: true, params: bestTrial.params, iterations, steps: bestTrial.steps, valAccuracy: bestTrial.valAccuracy },
  });
  return { trials, best: { ...bestTrial, model }, elapsedMs: performance.now() - started };
}
