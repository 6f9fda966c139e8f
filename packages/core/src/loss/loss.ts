/**
 * The two losses of a linear classifier, S = X·W:
 *
 * - multiclass SVM (Weston–Watkins): L = 1/N Σ_i Σ_{j≠y_i} max(0, S_ij − S_iy_i + Δ) + reg·ΣW²
 * - softmax (cross-entropy):        L = 1/N Σ_i −log(e^{S_iy_i} / Σ_j e^{S_ij}) + reg·ΣW²
 *
 * The whole W is regularized (bias row included), as in CS231n. The SVM's subgradient counts a
 * margin of exactly 0 as satisfied (indicator `> 0`).
 */
import { allocate, Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';
import { Stat, STATS_LENGTH, type LossKind, type LossProblem } from '../backend/types.js';
import { isPlainObject, number, options, rangeError } from '../util/validate.js';
import { checkBatch, checkFinite, checkLabels, checkMatrix, checkProblem, explainNonFinite, firstNonFinite, type Labels, type LossOptions } from './problem.js';

export type { LossOptions, Labels };

/** A loss value with its gradient and what the evaluation saw along the way. */
export interface LossResult {
  /** Data loss plus regularization loss. */
  loss: number;
  /** dL/dW, D×C, in W's dtype. */
  grad: Matrix;
  /** The averaged hinge (SVM) or cross-entropy (softmax) term. */
  dataLoss: number;
  /** reg·ΣW². */
  regLoss: number;
  /** SVM: share of the (i, j≠y_i) margins that are violated (positive); softmax: 0. */
  violatedShare: number;
  /** Share of the rows whose highest score is their label's. */
  accuracy: number;
}

/** A loss value without a gradient (cheaper: one pass fewer). */
export type LossValue = Omit<LossResult, 'grad'>;

const SVM_OPTIONS = ['reg', 'delta', 'batch'] as const;
const SOFTMAX_OPTIONS = ['reg', 'batch'] as const;

// Calls shorter than this many multiply-adds (about a millisecond of kernel time) run on the
// calling thread even from the async API: handing them to a worker costs ~0.1 ms, more than it
// saves, and a millisecond does not freeze anyone's UI.
const ASYNC_THRESHOLD = 1 << 24;

function problem(fn: string, kind: LossKind, W: unknown, X: unknown, y: unknown, opts: unknown): LossProblem {
  const o = options(fn, opts as LossOptions | undefined, kind === 'svm' ? SVM_OPTIONS : SOFTMAX_OPTIONS);
  return checkProblem(fn, kind, W, X, y, o);
}

function result(fn: string, p: LossProblem, grad: Matrix | null, stats: Float64Array): LossResult {
  if (!Number.isFinite(stats[Stat.Loss]!)) explainNonFinite(fn, p.W, p.X);
  // The loss sums in double, the gradient is written in X's dtype: it can overflow alone (float32
  // data near 3e38; the native kernels add in float32, where the reference rounds a double sum
  // that may still fit). An error says so rather than hand back ±Inf.
  const at = grad ? firstNonFinite(grad.data) : -1;
  if (at >= 0) {
    explainNonFinite(fn, p.W, p.X);
    throw rangeError(
      fn,
      `the gradient overflows ${grad!.dtype} at row ${Math.floor(at / grad!.cols)}, column ${at % grad!.cols} although W and X are finite; expected W and X of a smaller scale (or float64)`,
    );
  }
  return {
    loss: stats[Stat.Loss]!,
    grad: grad as Matrix,
    dataLoss: stats[Stat.DataLoss]!,
    regLoss: stats[Stat.RegLoss]!,
    violatedShare: stats[Stat.ViolatedShare]!,
    accuracy: stats[Stat.Accuracy]!,
  };
}

/** Runs a validated problem on the current backend, synchronously. */
export function evaluateSync(fn: string, p: LossProblem, withGrad: boolean): LossResult {
  const stats = new Float64Array(STATS_LENGTH);
  const grad = withGrad ? new Matrix(p.W.rows, p.W.cols, allocate(p.W.dtype, p.W.size)) : null;
  getBackend().lossGrad(p, grad ? grad.data : null, stats);
  return result(fn, p, grad, stats);
}

/** Runs a validated problem on the current backend, off the JS thread when it is large. */
export async function evaluate(fn: string, p: LossProblem, withGrad: boolean): Promise<LossResult> {
  const rows = p.batch ? p.batch.length : p.X.rows;
  if (rows * p.X.cols * p.W.cols < ASYNC_THRESHOLD) return evaluateSync(fn, p, withGrad);
  const stats = new Float64Array(STATS_LENGTH);
  const grad = withGrad ? new Matrix(p.W.rows, p.W.cols, allocate(p.W.dtype, p.W.size)) : null;
  await getBackend().lossGradAsync(p, grad ? grad.data : null, stats);
  return result(fn, p, grad, stats);
}

/**
 * Multiclass SVM loss and its gradient, off the JS thread for large inputs.
 *
 * @param W weights, D×C (CS231n's layout: the lecture's W transposed)
 * @param X data, N×D, same dtype as W (bias column included if you use the bias trick)
 * @param y N labels in [0, C)
 * @param opts `reg` (default 0), `delta` (Δ, default 1), `batch` (row indices; default all rows)
 * @returns `{ loss, grad, dataLoss, regLoss, violatedShare, accuracy }`
 * @throws TypeError/RangeError naming the argument for mismatched shapes or dtypes, labels out of
 *   range or non-integer, NaN/Inf in W or X, empty data, W with fewer than 2 columns, negative
 *   reg or delta, batch indices outside [0, N), an unknown option
 * @example
 * const { loss, grad } = await svmLoss(W, X, y, { reg: 2.5e4 });
 */
export function svmLoss(W: Matrix, X: Matrix, y: Labels, opts?: LossOptions): Promise<LossResult> {
  try {
    return evaluate('svmLoss', problem('svmLoss', 'svm', W, X, y, opts), true);
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * {@link svmLoss} on the calling thread: for small problems and tight loops. Same arguments,
 * defaults and errors (thrown, not rejected).
 */
export function svmLossSync(W: Matrix, X: Matrix, y: Labels, opts?: LossOptions): LossResult {
  return evaluateSync('svmLossSync', problem('svmLossSync', 'svm', W, X, y, opts), true);
}

/**
 * Softmax (cross-entropy) loss and its gradient, numerically stable (scores shifted by their row
 * maximum), off the JS thread for large inputs.
 *
 * @param W weights, D×C
 * @param X data, N×D, same dtype as W
 * @param y N labels in [0, C)
 * @param opts `reg` (default 0), `batch` (row indices; default all rows)
 * @throws TypeError/RangeError as {@link svmLoss}
 * @example
 * const { loss } = await softmaxLoss(W, X, y, { reg: 1e-3 }); // ≈ ln C for small random W
 */
export function softmaxLoss(W: Matrix, X: Matrix, y: Labels, opts?: Omit<LossOptions, 'delta'>): Promise<LossResult> {
  try {
    return evaluate('softmaxLoss', problem('softmaxLoss', 'softmax', W, X, y, opts), true);
  } catch (err) {
    return Promise.reject(err);
  }
}

/** {@link softmaxLoss} on the calling thread. Same arguments, defaults and errors (thrown, not rejected). */
export function softmaxLossSync(W: Matrix, X: Matrix, y: Labels, opts?: Omit<LossOptions, 'delta'>): LossResult {
  return evaluateSync('softmaxLossSync', problem('softmaxLossSync', 'softmax', W, X, y, opts), true);
}

/**
 * Either loss by name, off the JS thread for large inputs: {@link svmLoss} for 'svm',
 * {@link softmaxLoss} for 'softmax' (where `delta` is ignored).
 * @param kind 'svm' or 'softmax'
 * @param W weights, D×C
 * @param X data, N×D, same dtype as W
 * @param y N labels in [0, C)
 * @param opts `reg` (default 0), `delta` (default 1; SVM only), `batch` (default all rows)
 * @throws RangeError for an unknown kind; otherwise as {@link svmLoss}
 */
export function loss(kind: LossKind, W: Matrix, X: Matrix, y: Labels, opts?: LossOptions): Promise<LossResult> {
  if (kind === 'softmax') {
    // Softmax has no margin: a delta meant for the SVM is dropped, anything else passes through
    // (so a non-object is refused by softmaxLoss as it would be by svmLoss).
    if (!isPlainObject(opts)) return softmaxLoss(W, X, y, opts);
    const { delta: _ignored, ...rest } = opts;
    return softmaxLoss(W, X, y, rest);
  }
  if (kind !== 'svm') {
    return Promise.reject(new RangeError(`loss: expected 'svm' or 'softmax' for kind but received ${String(kind)}`));
  }
  return svmLoss(W, X, y, opts);
}

/** A loss as a function of W alone, `f(W) → { loss, grad }`, for {@link gradCheck} and friends (see {@link lossFunction}). */
export interface LossFunction {
  (W: Matrix): LossResult;
  /** True for losses without kinks (softmax): a gradient check then flags none. */
  readonly smooth: boolean;
}

/**
 * Fixes X, y and the options of a loss and returns f(W). The function accepts W in either dtype
 * and converts X to match (once per dtype), so a gradient check can run in float64 on float32
 * data. X, y and the options are validated here, not at the first call; W (and labels against
 * its columns) when f is called.
 * @param kind 'svm' or 'softmax' (the returned f is `smooth` for softmax)
 * @param X data, N×D (any dtype: converted to W's at the first call in each dtype)
 * @param y N labels, non-negative integers (checked against W's C columns at each call)
 * @param opts `reg` (default 0), `delta` (default 1; SVM only, an unknown option for softmax),
 *   `batch` (row indices; default all rows)
 * @returns f(W), synchronous, returning `{ loss, grad, dataLoss, regLoss, violatedShare, accuracy }`
 * @throws TypeError/RangeError naming the argument, as {@link svmLoss}; also RangeError for an
 *   unknown kind
 * @example
 * const f = lossFunction('svm', X, y, { reg: 0.1 });
 * const report = await gradCheck(f, W);
 */
export function lossFunction(kind: LossKind, X: Matrix, y: Labels, opts?: LossOptions): LossFunction {
  const fn = 'lossFunction';
  if (kind !== 'svm' && kind !== 'softmax') {
    throw new RangeError(`${fn}: expected 'svm' or 'softmax' for kind but received ${String(kind)}`);
  }
  const o = options(fn, opts, kind === 'svm' ? SVM_OPTIONS : SOFTMAX_OPTIONS);
  const X0 = checkMatrix(fn, 'X', X);
  if (X0.rows === 0) throw rangeError(fn, 'X has no rows; expected at least one example');
  if (X0.cols === 0) throw rangeError(fn, 'X has no columns; expected at least one feature');
  checkFinite(fn, 'X', X0);
  const labels = checkLabels(fn, y, X0.rows, Infinity);
  number(fn, 'reg', o.reg, 0, { min: 0 });
  number(fn, 'delta', o.delta, 1, { min: 0 });
  checkBatch(fn, o.batch, X0.rows);
  const byDtype = new Map<string, Matrix>();
  const f = (W: Matrix): LossResult => {
    const w = checkMatrix(fn, 'W', W);
    let x = byDtype.get(w.dtype);
    if (!x) {
      x = X0.astype(w.dtype);
      byDtype.set(w.dtype, x);
    }
    return evaluateSync(fn, checkProblem(fn, kind, w, x, labels, o), true);
  };
  return Object.assign(f, { smooth: kind === 'softmax' });
}
