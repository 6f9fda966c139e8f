/**
 * The lecture's first two strategies, which use no gradient at all:
 * 1. random search — try many random W, keep the best;
 * 2. random local search — from W, try W + δW for a random δW, keep it if the loss drops.
 * Both count loss evaluations, so they can be compared with gradient descent on one budget.
 */
import { allocate, checkSize, Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';
import type { LossKind } from '../backend/types.js';
import { checkFinite, checkLabels, checkMatrix, inferClasses, type Labels } from '../loss/problem.js';
import { lossOrInfinity } from '../analysis/common.js';
import { Rng } from '../util/rng.js';
import { abortSignal, callback, number, oneOf, options, rangeError, typeError } from '../util/validate.js';
import { eventLoopPacer } from '../util/yield.js';

/** One candidate tried by a search. */
export interface SearchStep {
  /** Loss evaluations so far, this one included. */
  evaluations: number;
  /** Milliseconds since the search started. */
  elapsedMs: number;
  /** This candidate's loss. */
  loss: number;
  /** Best loss so far. */
  bestLoss: number;
  /** Whether this candidate became the new best (local search: was accepted). */
  accepted: boolean;
}

/** What {@link randomSearch} and {@link randomLocalSearch} return. */
export interface SearchResult {
  /** The best weights found, D×C in X's dtype. */
  W: Matrix;
  /** Training loss of W (data loss + reg·ΣW²). */
  loss: number;
  /** Training accuracy of W. */
  accuracy: number;
  /** Every candidate tried, in order (one entry per loss evaluation). */
  history: SearchStep[];
  /** 'done' (budget spent), 'aborted' (signal) or 'time' (timeLimitMs reached). */
  stopped: 'done' | 'aborted' | 'time';
}

interface CommonSearchOptions {
  /** 'svm' (default) or 'softmax'. */
  loss?: LossKind;
  /** L2 strength. Default 0 (the lecture's searches use the data loss). */
  reg?: number;
  /** SVM margin. Default 1. */
  delta?: number;
  /** Seed. Default 0. */
  seed?: number;
  /** Number of classes. Default max(y) + 1 (or W0's columns); needed above 65536. */
  classes?: number;
  /** Stop after this long (ms), whatever is left of the budget. */
  timeLimitMs?: number;
  /** Stops the search between candidates; the result keeps the best W so far (stopped: 'aborted'). */
  signal?: AbortSignal;
  /** Called at most every 50 ms with the newest step. */
  onProgress?: (step: SearchStep) => void;
}

/** Options of {@link randomSearch}. */
export interface RandomSearchOptions extends CommonSearchOptions {
  /** Random W to try. Default 1000. */
  tries?: number;
  /** Entries are scale·N(0, 1). Default 0.0001 (CS231n). */
  scale?: number;
  /** Candidates scored side by side in one product X·[W1 … WK]. Default 16. */
  batch?: number;
}

/** Options of {@link randomLocalSearch}. */
export interface RandomLocalSearchOptions extends CommonSearchOptions {
  /** Tries (candidate steps, each one loss evaluation). Default 1000. */
  steps?: number;
  /** δW entries are stepScale·N(0, 1). Default 0.0001 (CS231n). */
  stepScale?: number;
  /** Starting W. Default 0.001·randn from the seed. */
  W0?: Matrix;
  /** Scale of the random start. Default 0.001. */
  initScale?: number;
}

const COMMON = ['loss', 'reg', 'delta', 'seed', 'classes', 'timeLimitMs', 'signal', 'onProgress'] as const;

function common(fn: string, X: unknown, y: unknown, o: CommonSearchOptions, W0?: Matrix) {
  const x = checkMatrix(fn, 'X', X);
  if (x.rows === 0 || x.cols === 0) throw rangeError(fn, `X is ${x.rows}×${x.cols}; expected at least one row and column`);
  checkFinite(fn, 'X', x);
  if (W0 && W0.cols < 2) throw rangeError(fn, `W0 has ${W0.cols} column(s); expected at least 2 (one per class)`);
  const classes = W0 ? W0.cols : o.classes === undefined ? inferClasses(fn, y) : number(fn, 'classes', o.classes, undefined, { integer: true, min: 2 });
  abortSignal(fn, o.signal);
  callback(fn, 'onProgress', o.onProgress);
  return {
    X: x,
    y: checkLabels(fn, y, x.rows, classes),
    classes,
    kind: oneOf(fn, 'loss', o.loss, ['svm', 'softmax'] as const, 'svm'),
    reg: number(fn, 'reg', o.reg, 0, { min: 0 }),
    delta: number(fn, 'delta', o.delta, 1, { min: 0 }),
    rng: new Rng(number(fn, 'seed', o.seed, 0, { integer: true })),
    timeLimitMs: o.timeLimitMs === undefined ? Infinity : number(fn, 'timeLimitMs', o.timeLimitMs, undefined, { above: 0 }),
  };
}

function sumSquares(a: ArrayLike<number>, from = 0, to = a.length, stride = 1): number {
  let s = 0;
  for (let i = from; i < to; i += stride) s += a[i]! * a[i]!;
  return s;
}

/** Why a search should stop now, or undefined to go on. */
function stopReason(signal: AbortSignal | undefined, started: number, limitMs: number): SearchResult['stopped'] | undefined {
  if (signal?.aborted) return 'aborted';
  if (performance.now() - started > limitMs) return 'time';
  return undefined;
}

function throttle(fn: ((s: SearchStep) => void) | undefined) {
  let last = -Infinity;
  return (s: SearchStep, force = false) => {
    if (!fn) return;
    const now = performance.now();
    if (force || now - last >= 50) {
      last = now;
      fn(s);
    }
  };
}

/**
 * Strategy #1, random search: draws `tries` random W and keeps the one with the lowest training
 * loss. Candidates are scored `batch` at a time with one product X·[W1 … WK] — far cheaper than
 * one product per W. A candidate whose weights, scores or loss overflow (not finite) is never kept:
 * its history entry has loss Infinity.
 * @param X data, N×D (bias column included if you use the bias trick)
 * @param y N labels in [0, C)
 * @param opts `tries` (default 1000), `scale` (default 1e-4), `batch` (default 16), and `loss`
 *   ('svm'), `reg` (0), `delta` (1), `seed` (0), `classes`, `timeLimitMs`, `signal`, `onProgress`
 * @throws TypeError/RangeError for bad arguments (shapes, labels, NaN/Inf in X, out-of-range or
 *   unknown options); RangeError when every candidate tried overflowed: `scale` is too large for
 *   the data
 * @example
 * const { W, loss, accuracy } = await randomSearch(X, y, { tries: 1000, seed: 1 });
 */
export async function randomSearch(X: Matrix, y: Labels, opts?: RandomSearchOptions): Promise<SearchResult> {
  const fn = 'randomSearch';
  const o = options(fn, opts, [...COMMON, 'tries', 'scale', 'batch']);
  const p = common(fn, X, y, o);
  const tries = number(fn, 'tries', o.tries, 1000, { integer: true, min: 1 });
  const scale = number(fn, 'scale', o.scale, 1e-4, { above: 0 });
  const K = Math.min(tries, number(fn, 'batch', o.batch, 16, { integer: true, min: 1, max: 256 }));
  const { X: x, classes: C } = p;
  const D = x.cols;
  checkSize(fn, 'W (one column per class)', D, C);
  checkSize(fn, `the scores of ${K} candidates at once (option batch)`, x.rows, K * C);
  const backend = getBackend();
  const big = new Matrix(D, K * C, allocate(x.dtype, D * K * C));
  const S = allocate(x.dtype, x.rows * K * C);
  const out = new Float64Array(2 * K);
  const history: SearchStep[] = [];
  const report = throttle(o.onProgress);
  const started = performance.now();
  let best = { loss: Infinity, accuracy: 0, k: -1, W: Matrix.zeros(D, C, x.dtype) };
  let stopped: SearchResult['stopped'] = 'done';
  // The reference backend computes on this thread: pacing keeps the page (and the signal) alive.
  const pace = eventLoopPacer();
  for (let done = 0; done < tries; ) {
    await pace();
    const stop = stopReason(o.signal, started, p.timeLimitMs);
    if (stop) {
      stopped = stop;
      break;
    }
    const k = Math.min(K, tries - done);
    // Candidate j's W (D×C, drawn row-major) sits in columns j·C … j·C+C−1 of the big matrix.
    for (let j = 0; j < k; j++) for (let d = 0; d < D; d++) for (let c = 0; c < C; c++) big.data[d * K * C + j * C + c] = p.rng.normal() * scale;
    await backend.matmulAsync(x, big, false, false, S);
    await backend.candidateLosses(p.kind, p.delta, S, x.rows, K, C, p.y, out);
    for (let j = 0; j < k; j++) {
      let loss = out[2 * j]!;
      if (p.reg > 0) {
        let sq = 0;
        for (let d = 0; d < D; d++) sq += sumSquares(big.data, d * K * C + j * C, d * K * C + j * C + C);
        loss += p.reg * sq;
      }
      // Overflowed weights (a huge scale) give non-finite scores, which candidateLosses reports as NaN.
      loss = lossOrInfinity(loss);
      const accepted = loss < best.loss;
      if (accepted) {
        best = { loss, accuracy: out[2 * j + 1]!, k: j, W: best.W };
        for (let d = 0; d < D; d++) for (let c = 0; c < C; c++) best.W.data[d * C + c] = big.data[d * K * C + j * C + c]!;
      }
      const step = { evaluations: done + j + 1, elapsedMs: performance.now() - started, loss, bestLoss: best.loss, accepted };
      history.push(step);
      report(step);
    }
    done += k;
  }
  // Any finite loss beats the starting Infinity: a best of Infinity means every candidate overflowed.
  if (history.length && best.loss === Infinity) {
    throw rangeError(fn, `scale = ${scale} is too large for this data: every candidate's weights, scores or loss overflowed (not finite); expected a smaller scale (default 1e-4)`);
  }
  if (history.length) report(history[history.length - 1]!, true);
  return { W: best.W, loss: best.loss, accuracy: best.accuracy, history, stopped };
}

/**
 * Strategy #2, random local search: from W, try W + δW with δW = stepScale·randn and move there
 * when the loss drops. Each try is one loss evaluation: X·(W + δW) = S_W + X·δW. A step whose
 * weights, scores or loss overflow (not finite) is never taken: its history entry has loss Infinity.
 * @param X data, N×D
 * @param y N labels in [0, C)
 * @param opts `steps` (default 1000), `stepScale` (default 1e-4), `W0` or `initScale` (default
 *   0.001), and `loss` ('svm'), `reg` (0), `delta` (1), `seed` (0), `classes`, `timeLimitMs`,
 *   `signal`, `onProgress`
 * @throws TypeError/RangeError for bad arguments (as {@link randomSearch}; also a W0 of the wrong
 *   shape or dtype); RangeError when every step tried overflowed (`stepScale` too large for the
 *   data), or when the starting W already does (`initScale` or W0 too large)
 * @example
 * const { W, loss } = await randomLocalSearch(X, y, { steps: 1000, stepScale: 1e-4, seed: 1 });
 */
export async function randomLocalSearch(X: Matrix, y: Labels, opts?: RandomLocalSearchOptions): Promise<SearchResult> {
  const fn = 'randomLocalSearch';
  const o = options(fn, opts, [...COMMON, 'steps', 'stepScale', 'W0', 'initScale']);
  let W0: Matrix | undefined;
  if (o.W0 !== undefined) W0 = checkMatrix(fn, 'W0', o.W0);
  const p = common(fn, X, y, o, W0);
  const { X: x, classes: C } = p;
  const D = x.cols;
  checkSize(fn, 'W (one column per class)', D, C);
  checkSize(fn, 'the scores X·W', x.rows, C);
  if (W0) {
    if (W0.rows !== D) throw rangeError(fn, `W0 is ${W0.rows}×${W0.cols} but X is ${x.rows}×${D}; expected W0 to have ${D} rows`);
    if (W0.dtype !== x.dtype) throw typeError(fn, 'W0', `the same dtype as X (${x.dtype})`, `${W0.dtype} data`);
    checkFinite(fn, 'W0', W0, false);
  }
  const steps = number(fn, 'steps', o.steps, 1000, { integer: true, min: 1 });
  const stepScale = number(fn, 'stepScale', o.stepScale, 1e-4, { above: 0 });
  const initScale = number(fn, 'initScale', o.initScale, 1e-3, { min: 0 });
  const backend = getBackend();
  const W = W0 ? W0.clone() : Matrix.zeros(D, C, x.dtype);
  if (!W0) p.rng.fillNormal(W.data, initScale);
  const dW = Matrix.zeros(D, C, x.dtype);
  const S = allocate(x.dtype, x.rows * C);
  const dS = allocate(x.dtype, x.rows * C);
  const tryS = allocate(x.dtype, x.rows * C);
  const out = new Float64Array(2);
  await backend.scoresAsync(x, W, S);
  await backend.candidateLosses(p.kind, p.delta, S, x.rows, 1, C, p.y, out);
  let bestLoss = out[0]! + p.reg * sumSquares(W.data);
  let accuracy = out[1]!;
  if (!Number.isFinite(bestLoss)) {
    throw rangeError(
      fn,
      `the starting W's weights, scores or loss overflow (not finite); expected ${W0 ? 'a W0 of a smaller scale' : `a smaller initScale than ${initScale}`}`,
    );
  }
  let anyFinite = false;
  const history: SearchStep[] = [];
  const report = throttle(o.onProgress);
  const started = performance.now();
  let stopped: SearchResult['stopped'] = 'done';
  const pace = eventLoopPacer();
  for (let i = 0; i < steps; i++) {
    await pace();
    const stop = stopReason(o.signal, started, p.timeLimitMs);
    if (stop) {
      stopped = stop;
      break;
    }
    p.rng.fillNormal(dW.data, stepScale);
    await backend.scoresAsync(x, dW, dS);
    for (let k = 0; k < S.length; k++) tryS[k] = S[k]! + dS[k]!;
    await backend.candidateLosses(p.kind, p.delta, tryS, x.rows, 1, C, p.y, out);
    let trySq = 0;
    if (p.reg > 0) for (let k = 0; k < W.size; k++) trySq += (W.data[k]! + dW.data[k]!) ** 2;
    let loss = out[0]! + p.reg * trySq;
    // An overflowed step (a huge stepScale) gives non-finite scores: candidateLosses reports NaN.
    loss = lossOrInfinity(loss);
    anyFinite ||= loss !== Infinity;
    const accepted = loss < bestLoss;
    if (accepted) {
      for (let k = 0; k < W.size; k++) W.data[k] = W.data[k]! + dW.data[k]!;
      S.set(tryS);
      bestLoss = loss;
      accuracy = out[1]!;
    }
    const step = { evaluations: i + 1, elapsedMs: performance.now() - started, loss, bestLoss, accepted };
    history.push(step);
    report(step);
  }
  if (history.length && !anyFinite) {
    throw rangeError(fn, `stepScale = ${stepScale} is too large for this data: every step's weights, scores or loss overflowed (not finite); expected a smaller stepScale (default 1e-4)`);
  }
  if (history.length) report(history[history.length - 1]!, true);
  return { W, loss: bestLoss, accuracy, history, stopped };
}
