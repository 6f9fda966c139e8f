/**
 * CS231n's preprocessing: subtract the mean image (computed on training data only and reused for
 * validation and test data), then the bias trick (a constant 1 appended to every row, so the bias
 * is the last row of W). Also standardization and min-max scaling, each as fit (on training data,
 * returning reusable statistics) + apply (to any split). Pure TypeScript.
 */
import { Matrix } from '../matrix.js';
import { checkFinite, checkMatrix } from '../loss/problem.js';
import { boolean, describe, isPlainObject, options, rangeError, typeError } from '../util/validate.js';

/**
 * The mean of each column of X (the "mean image"), as a Float64Array of length D.
 * @example
 * const X = Matrix.from(2, 3, [[0, 2, 4], [2, 4, 6]]);
 * meanImage(X); // Float64Array [1, 3, 5]
 */
export function meanImage(X: Matrix): Float64Array {
  const x = checkMatrix('meanImage', 'X', X);
  if (x.rows === 0) throw rangeError('meanImage', 'X has no rows; expected at least one example');
  checkFinite('meanImage', 'X', x); // one NaN would make its whole column of the mean NaN
  const mean = new Float64Array(x.cols);
  for (let r = 0; r < x.rows; r++) {
    const off = r * x.cols;
    for (let c = 0; c < x.cols; c++) mean[c] = mean[c]! + x.data[off + c]!;
  }
  for (let c = 0; c < x.cols; c++) mean[c] = mean[c]! / x.rows;
  return mean;
}

/**
 * X − mean (row-wise), as a new matrix of X's dtype.
 * @example
 * const Xtrain = Matrix.from(2, 2, [[0, 2], [2, 4]]);
 * const Xval = Matrix.from(1, 2, [[1, 1]]);
 * subtractMean(Xval, meanImage(Xtrain)).toArray(); // [[0, -2]]: the training mean, reused
 */
export function subtractMean<M extends Matrix>(X: M, mean: ArrayLike<number>): M {
  const x = checkMatrix('subtractMean', 'X', X);
  checkStats('subtractMean', x, 'mean', mean);
  const out = x.clone();
  for (let r = 0; r < x.rows; r++) {
    const off = r * x.cols;
    for (let c = 0; c < x.cols; c++) out.data[off + c] = x.data[off + c]! - mean[c]!;
  }
  return out as M;
}

/**
 * The bias trick: X with a column of ones appended (N×D → N×(D+1)).
 * @example
 * appendBias(Matrix.from(1, 2, [5, 6])).toArray(); // [[5, 6, 1]]
 */
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

/** Per-column statistics for standardization, fitted on training data ({@link fitStandardizer}). */
export interface Standardizer {
  /** Column means. */
  mean: Float64Array;
  /** Column standard deviations (population, ddof 0); a constant column gets 1 so it maps to 0, not NaN. */
  std: Float64Array;
}

/** Per-column range for min-max scaling, fitted on training data ({@link fitMinMaxScaler}). */
export interface MinMaxScaler {
  /** Column minima. */
  min: Float64Array;
  /** Column maxima. */
  max: Float64Array;
}

function nonEmpty(fn: string, X: unknown): Matrix {
  const x = checkMatrix(fn, 'X', X);
  if (x.rows === 0) throw rangeError(fn, 'X has no rows; expected at least one example');
  return x;
}

function checkStats(fn: string, x: { cols: number }, name: string, arr: unknown, has = `X has ${x.cols} columns`): ArrayLike<number> {
  if (!(arr instanceof Float64Array || arr instanceof Float32Array || Array.isArray(arr))) {
    throw typeError(fn, name, 'a Float64Array (or array) with one entry per column', arr);
  }
  if (arr.length !== x.cols) throw rangeError(fn, `${name} has ${arr.length} entries but ${has}`);
  return arr as ArrayLike<number>;
}

/** Column mean and standard deviation of X, accumulated in double (two passes). */
function columnStd(x: Matrix, mean: Float64Array): Float64Array {
  const v = new Float64Array(x.cols);
  for (let r = 0; r < x.rows; r++) {
    const off = r * x.cols;
    for (let c = 0; c < x.cols; c++) {
      const d = x.data[off + c]! - mean[c]!;
      v[c] = v[c]! + d * d;
    }
  }
  for (let c = 0; c < x.cols; c++) {
    const s = Math.sqrt(v[c]! / x.rows);
    v[c] = s > 0 ? s : 1;
  }
  return v;
}

/**
 * Fits a standardizer on (training) data: each column's mean and standard deviation. Apply it to
 * every split with {@link applyStandardizer}, so validation and test data are scaled with the
 * training statistics.
 * @example
 * const stats = fitStandardizer(Matrix.from(3, 2, [[1, 10], [2, 20], [3, 30]]));
 * // stats.mean = [2, 20], stats.std = [0.816…, 8.16…]
 * applyStandardizer(Matrix.from(1, 2, [[2, 30]]), stats).toArray(); // [[0, 1.2247…]]
 */
export function fitStandardizer(X: Matrix): Standardizer {
  const x = nonEmpty('fitStandardizer', X);
  const mean = meanImage(x);
  return { mean, std: columnStd(x, mean) };
}

/**
 * (X − mean) / std column by column, as a new matrix of X's dtype.
 * @example
 * const stats = { mean: Float64Array.of(2, 20), std: Float64Array.of(1, 10) };
 * applyStandardizer(Matrix.from(1, 2, [[3, 0]]), stats).toArray(); // [[1, -2]]
 */
export function applyStandardizer<M extends Matrix>(X: M, stats: Standardizer): M {
  const fn = 'applyStandardizer';
  const x = checkMatrix(fn, 'X', X);
  if (!isPlainObject(stats)) throw typeError(fn, 'stats', 'a Standardizer ({ mean, std })', stats);
  const mean = checkStats(fn, x, 'stats.mean', stats.mean);
  const std = checkStats(fn, x, 'stats.std', stats.std);
  return transform(x, mean, std, false) as M;
}

/**
 * Fits a min-max scaler on (training) data: each column's minimum and maximum.
 * @example
 * const range = fitMinMaxScaler(Matrix.from(2, 2, [[0, 10], [4, 20]])); // min [0, 10], max [4, 20]
 * applyMinMaxScaler(Matrix.from(1, 2, [[2, 25]]), range).toArray(); // [[0.5, 1.5]]
 */
export function fitMinMaxScaler(X: Matrix): MinMaxScaler {
  const x = nonEmpty('fitMinMaxScaler', X);
  const min = new Float64Array(x.cols).fill(Infinity);
  const max = new Float64Array(x.cols).fill(-Infinity);
  for (let r = 0; r < x.rows; r++) {
    const off = r * x.cols;
    for (let c = 0; c < x.cols; c++) {
      const v = x.data[off + c]!;
      if (v < min[c]!) min[c] = v;
      if (v > max[c]!) max[c] = v;
    }
  }
  return { min, max };
}

/**
 * (X − min) / (max − min) column by column, as a new matrix of X's dtype: the training range maps
 * to [0, 1] (other data may fall outside it); a constant column maps to 0.
 * @example
 * const range = { min: Float64Array.of(0, 10), max: Float64Array.of(4, 20) };
 * applyMinMaxScaler(Matrix.from(1, 2, [[1, 15]]), range).toArray(); // [[0.25, 0.5]]
 */
export function applyMinMaxScaler<M extends Matrix>(X: M, stats: MinMaxScaler): M {
  const fn = 'applyMinMaxScaler';
  const x = checkMatrix(fn, 'X', X);
  if (!isPlainObject(stats)) throw typeError(fn, 'stats', 'a MinMaxScaler ({ min, max })', stats);
  const min = checkStats(fn, x, 'stats.min', stats.min);
  const max = checkStats(fn, x, 'stats.max', stats.max);
  const scale = new Float64Array(x.cols);
  for (let c = 0; c < x.cols; c++) {
    const range = max[c]! - min[c]!;
    scale[c] = range > 0 ? range : 1;
  }
  return transform(x, min, scale, false) as M;
}

/** (x − shift) / scale per column (either may be null), optionally with the bias column, in one pass. */
function transform(x: Matrix, shift: ArrayLike<number> | null, scale: ArrayLike<number> | null, bias: boolean): Matrix {
  const D = x.cols;
  const W = D + (bias ? 1 : 0);
  const out = Matrix.zeros(x.rows, W, x.dtype);
  const sh = new Float64Array(D);
  const inv = new Float64Array(D).fill(1);
  for (let c = 0; c < D; c++) {
    if (shift) sh[c] = shift[c]!;
    if (scale) inv[c] = 1 / scale[c]!;
  }
  const src = x.data;
  const dst = out.data;
  for (let r = 0; r < x.rows; r++) {
    const i = r * D;
    const o = r * W;
    if (scale) for (let c = 0; c < D; c++) dst[o + c] = (src[i + c]! - sh[c]!) * inv[c]!;
    else for (let c = 0; c < D; c++) dst[o + c] = src[i + c]! - sh[c]!;
    if (bias) dst[o + D] = 1;
  }
  return out;
}

/** Options of {@link preprocess}. */
export interface PreprocessOptions {
  /** Subtract the training mean image. Default true. */
  center?: boolean;
  /** Divide each column by its training standard deviation. Default false. */
  standardize?: boolean;
  /** Append the bias column of ones (the bias trick). Default true. */
  bias?: boolean;
}

/**
 * Preprocessing fitted on training data, to apply to any data later with {@link applyPreprocess}
 * (a model keeps it next to W). Arrays are Float64Array; `Array.from` them for JSON.
 */
export interface PreprocessStats {
  /** Number of input columns (features before the bias column). */
  cols: number;
  /** The training mean image subtracted, or null (no centering). */
  mean: Float64Array | null;
  /** The training column standard deviations divided by, or null (no standardization). */
  std: Float64Array | null;
  /** Whether a column of ones is appended. */
  bias: boolean;
}

/**
 * Fits preprocessing on training data without applying it.
 * @example
 * const stats = fitPreprocess(Matrix.from(2, 2, [[0, 2], [2, 4]]), { center: true, bias: true });
 * // stats = { cols: 2, mean: Float64Array [1, 3], std: null, bias: true }
 */
export function fitPreprocess(train: Matrix, opts?: PreprocessOptions): PreprocessStats {
  const fn = 'fitPreprocess';
  const x = nonEmpty(fn, train);
  checkFinite(fn, 'train', x); // before the mean and std, which would spread a NaN down its column
  const o = options(fn, opts, ['center', 'standardize', 'bias']);
  const center = boolean(fn, 'center', o.center, true);
  const standardize = boolean(fn, 'standardize', o.standardize, false);
  const bias = boolean(fn, 'bias', o.bias, true);
  const m = center || standardize ? meanImage(x) : null;
  return { cols: x.cols, mean: center ? m : null, std: standardize ? columnStd(x, m!) : null, bias };
}

/**
 * Applies fitted preprocessing: (X − mean) / std, then the bias column, in one pass; a new matrix
 * of X's dtype with `stats.cols` (+1 with bias) columns.
 * @example
 * const stats = fitPreprocess(Matrix.from(2, 2, [[0, 2], [2, 4]]));
 * applyPreprocess(Matrix.from(1, 2, [[1, 1]]), stats).toArray(); // [[0, -2, 1]]: centred, bias appended
 */
export function applyPreprocess<M extends Matrix>(X: M, stats: PreprocessStats): M {
  const fn = 'applyPreprocess';
  const x = checkMatrix(fn, 'X', X);
  checkPreprocessStats(fn, stats);
  if (x.cols !== stats.cols) {
    throw rangeError(fn, `X has ${x.cols} columns but the preprocessing was fitted on ${stats.cols}; expected raw features (no bias column)`);
  }
  return transform(x, stats.mean, stats.std, stats.bias) as M;
}

/** Validates PreprocessStats (as fitPreprocess makes them): cols, mean and std of cols entries or null, bias a boolean. */
export function checkPreprocessStats(fn: string, stats: unknown, name = 'stats'): PreprocessStats {
  if (!isPlainObject(stats) || typeof stats.cols !== 'number') {
    throw typeError(fn, name, 'PreprocessStats ({ cols, mean, std, bias }) from fitPreprocess', stats);
  }
  if (!Number.isInteger(stats.cols) || stats.cols < 0) {
    throw rangeError(fn, `expected a non-negative integer for ${name}.cols but received ${describe(stats.cols)}`);
  }
  const shape = { cols: stats.cols };
  if (stats.mean !== null) checkStats(fn, shape, `${name}.mean`, stats.mean, `${name}.cols is ${stats.cols}`);
  if (stats.std !== null) checkStats(fn, shape, `${name}.std`, stats.std, `${name}.cols is ${stats.cols}`);
  if (typeof stats.bias !== 'boolean') throw typeError(fn, `${name}.bias`, 'a boolean', stats.bias);
  return stats as unknown as PreprocessStats;
}

/**
 * CS231n's preprocessing in one call: fit on the training matrix (mean image; column standard
 * deviations when `standardize`), apply to it and to every other matrix (validation, test, dev),
 * and return the fitted stats so a model can apply the same preprocessing to new data later.
 * Defaults: center = true, bias = true, standardize = false.
 * @example
 * const { train, val, test } = split(makeBlobs({ n: 300, seed: 1 }), { train: 200, val: 50, test: 50 });
 * const { train: Xtr, others: [Xval, Xte], stats } = preprocess(train.X, [val.X, test.X]);
 * // Xtr = appendBias(subtractMean(train.X, meanImage(train.X))); stats.mean is that mean image
 * console.log(Xtr.cols, Xval?.rows, Xte?.rows); // 3 50 50
 */
export function preprocess<M extends Matrix>(
  train: M,
  others: M[] = [],
  opts?: PreprocessOptions,
): { train: M; others: M[]; stats: PreprocessStats } {
  const fn = 'preprocess';
  if (!Array.isArray(others)) throw typeError(fn, 'others', 'an array of matrices', others);
  others.forEach((m, i) => checkMatrix(fn, `others[${i}]`, m));
  checkFinite(fn, 'train', checkMatrix(fn, 'train', train));
  const stats = fitPreprocess(train, opts);
  others.forEach((m, i) => {
    if (m.cols !== stats.cols) throw rangeError(fn, `others[${i}] has ${m.cols} columns but train has ${stats.cols}`);
  });
  return { train: applyPreprocess(train, stats), others: others.map((m) => applyPreprocess(m, stats)), stats };
}
