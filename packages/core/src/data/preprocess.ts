/**
 * CS231n's preprocessing: subtract the mean image (computed on training data only and reused for
 * validation and test data), then the bias trick (a constant 1 appended to every row, so the bias
 * is the last row of W).
 */
import { Matrix } from '../matrix.js';
import { checkMatrix } from '../loss/problem.js';
import { rangeError } from '../util/validate.js';

/** The mean of each column of X (the "mean image"), as a Float64Array of length D. */
export function meanImage(X: Matrix): Float64Array {
  const x = checkMatrix('meanImage', 'X', X);
  if (x.rows === 0) throw rangeError('meanImage', 'X has no rows; expected at least one example');
  const mean = new Float64Array(x.cols);
  for (let r = 0; r < x.rows; r++) {
    const off = r * x.cols;
    for (let c = 0; c < x.cols; c++) mean[c] = mean[c]! + x.data[off + c]!;
  }
  for (let c = 0; c < x.cols; c++) mean[c] = mean[c]! / x.rows;
  return mean;
}

/** X − mean (row-wise), as a new matrix of X's dtype. */
export function subtractMean<M extends Matrix>(X: M, mean: ArrayLike<number>): M {
  const x = checkMatrix('subtractMean', 'X', X);
  if (mean.length !== x.cols) {
    throw rangeError('subtractMean', `mean has ${mean.length} entries but X has ${x.cols} columns`);
  }
  const out = x.clone();
  for (let r = 0; r < x.rows; r++) {
    const off = r * x.cols;
    for (let c = 0; c < x.cols; c++) out.data[off + c] = x.data[off + c]! - mean[c]!;
  }
  return out as M;
}

/** The bias trick: X with a column of ones appended (N×D → N×(D+1)). */
export function appendBias<M extends Matrix>(X: M): M {
  const x = checkMatrix('appendBias', 'X', X);
  const D = x.cols;
  const out = Matrix.zeros(x.rows, D + 1, x.dtype);
  for (let r = 0; r < x.rows; r++) {
    out.data.set(x.data.subarray(r * D, (r + 1) * D), r * (D + 1));
    out.data[r * (D + 1) + D] = 1;
  }
  return out as unknown as M;
}
