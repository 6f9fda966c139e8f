/**
 * The score function of a linear classifier, S = X·W, and its predictions argmax_c S, on data
 * already preprocessed (bias column included when W has a bias row). LinearClassifier wraps these
 * with its own preprocessing; these are for matrices you prepared yourself.
 */
import { allocate, Matrix } from './matrix.js';
import { getBackend } from './backend/registry.js';
import { checkFinite, checkLabels, checkMatrix, checkShapes, explainNonFinite, type Labels } from './loss/problem.js';
import { rangeError } from './util/validate.js';

/**
 * NaN scores from inputs that were finite when checked: X (whose check is cached) changed since,
 * or X·W overflowed. Names the culprit either way; `row` is the first row with a NaN score.
 */
function explainNaN(fn: string, W: Matrix, X: Matrix, row: number): never {
  explainNonFinite(fn, W, X);
  throw rangeError(
    fn,
    `the scores of row ${row} are NaN although W and X are finite: X·W overflows ${X.dtype}; expected W and X of a smaller scale`,
  );
}

/** Predictions as the backend gives them, with its -1 (a NaN score) explained as an error. */
export function checkPredictions(fn: string, W: Matrix, X: Matrix, pred: Int32Array): Int32Array {
  const row = pred.indexOf(-1);
  if (row >= 0) explainNaN(fn, W, X, row);
  return pred;
}

/** Scores as the backend gives them; a NaN among them is explained as an error. */
export function checkScores(fn: string, W: Matrix, X: Matrix, S: Matrix): Matrix {
  const at = S.data.findIndex(Number.isNaN);
  if (at >= 0) explainNaN(fn, W, X, Math.floor(at / S.cols));
  return S;
}

function check(fn: string, W: unknown, X: unknown): { W: Matrix; X: Matrix } {
  const w = checkMatrix(fn, 'W', W);
  const x = checkMatrix(fn, 'X', X);
  checkShapes(fn, w, x);
  checkFinite(fn, 'W', w, false);
  checkFinite(fn, 'X', x);
  return { W: w, X: x };
}

/**
 * Class scores S = X·W (N×C), off the JS thread on the native backend.
 * @param W weights, D×C
 * @param X data, N×D, same dtype as W (preprocessed: bias column included when W has a bias row)
 * @returns S, N×C in X's dtype
 * @throws TypeError/RangeError for mismatched shapes or dtypes, W with fewer than 2 columns, empty
 *   X, NaN/Inf in W or X
 * @example
 * const S = await scores(W, X); // S.get(i, c): example i's score for class c
 */
export async function scores(W: Matrix, X: Matrix): Promise<Matrix> {
  const p = check('scores', W, X);
  const out = new Matrix(p.X.rows, p.W.cols, allocate(p.X.dtype, p.X.rows * p.W.cols));
  await getBackend().scoresAsync(p.X, p.W, out.data);
  return checkScores('scores', p.W, p.X, out);
}

/** {@link scores} on the calling thread; same arguments and errors. */
export function scoresSync(W: Matrix, X: Matrix): Matrix {
  const p = check('scoresSync', W, X);
  const out = new Matrix(p.X.rows, p.W.cols, allocate(p.X.dtype, p.X.rows * p.W.cols));
  getBackend().scores(p.X, p.W, out.data);
  return checkScores('scoresSync', p.W, p.X, out);
}

/**
 * The predicted class of each row, argmax_c (X·W)[i, c] (the first on ties), off the JS thread.
 * @param W weights, D×C
 * @param X data, N×D, same dtype as W
 * @returns N class indices in [0, C)
 * @throws TypeError/RangeError as {@link scores}
 * @example
 * const labels = await predict(W, Xtest);
 */
export async function predict(W: Matrix, X: Matrix): Promise<Int32Array> {
  const p = check('predict', W, X);
  const out = new Int32Array(p.X.rows);
  await getBackend().predictAsync(p.X, p.W, out);
  return checkPredictions('predict', p.W, p.X, out);
}

/** {@link predict} on the calling thread; same arguments and errors. */
export function predictSync(W: Matrix, X: Matrix): Int32Array {
  const p = check('predictSync', W, X);
  const out = new Int32Array(p.X.rows);
  getBackend().predict(p.X, p.W, out);
  return checkPredictions('predictSync', p.W, p.X, out);
}

/**
 * Share of rows of X whose predicted class is their label, in [0, 1].
 * @param W weights, D×C
 * @param X data, N×D, same dtype as W
 * @param y N labels in [0, C)
 * @throws TypeError/RangeError as the losses: y must hold one integer class index in [0, C) per row
 */
export async function accuracy(W: Matrix, X: Matrix, y: Labels): Promise<number> {
  const p = check('accuracy', W, X);
  return accuracyOf(p.W, p.X, checkLabels('accuracy', y, p.X.rows, p.W.cols));
}

/**
 * accuracy() without the argument checks, for callers that validated already (training loops);
 * `fn` names the caller should the scores turn out NaN.
 */
export async function accuracyOf(W: Matrix, X: Matrix, y: ArrayLike<number>, fn = 'accuracy'): Promise<number> {
  const pred = new Int32Array(X.rows);
  await getBackend().predictAsync(X, W, pred);
  checkPredictions(fn, W, X, pred);
  let ok = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) ok++;
  return pred.length ? ok / pred.length : 0;
}
