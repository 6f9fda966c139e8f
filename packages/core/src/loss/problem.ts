/**
 * Validation of a (W, X, y) problem shared by every function that evaluates a loss: shapes,
 * dtypes, labels, finiteness, hyper-parameters. Produces the LossProblem backends trust.
 */
import { isMatrix, type FloatArray, type Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';
import type { LossKind, LossProblem } from '../backend/types.js';
import { describe, number, rangeError, typeError } from '../util/validate.js';

/** Labels: class indices 0..C-1, as an Int32Array (used as is) or any array of integers (copied). */
export type Labels = Int32Array | ArrayLike<number>;

// Large arrays are scanned for NaN/Inf once (a scan of CIFAR's X costs as much as a loss call); a
// later non-finite result triggers a rescan (see explainNonFinite), so mutating a checked array
// cannot slip garbage through. Labels are checked on every call: a scan of N integers is cheap
// next to any kernel that reads N rows, and a label changed after a cached check would index
// outside the scores.
const finiteChecked = new WeakSet<FloatArray>();

/**
 * Index of the first NaN/±Inf in data, or -1: a loop here for small arrays (a call into the addon
 * costs about a microsecond, the whole budget of a tiny loss call), the backend's scan otherwise.
 */
export function firstNonFinite(data: FloatArray): number {
  if (data.length > 4096) return getBackend().firstNonFinite(data);
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return i;
  return -1;
}

export function checkMatrix(fn: string, name: string, m: unknown): Matrix {
  if (!isMatrix(m)) throw typeError(fn, name, 'a Matrix', m);
  return m;
}

export function checkFinite(fn: string, name: string, m: Matrix, cache = true): void {
  if (cache && finiteChecked.has(m.data)) return;
  const at = firstNonFinite(m.data);
  if (at >= 0) {
    const r = Math.floor(at / m.cols);
    const c = at % m.cols;
    throw rangeError(fn, `${name} contains ${describe(m.data[at])} at row ${r}, column ${c}; expected finite numbers`);
  }
  if (cache) finiteChecked.add(m.data);
}

/**
 * Validates labels for N examples and C classes; returns them as an Int32Array. `classesFrom`
 * says where C comes from, for the message about a label ≥ C (default: W's columns).
 */
export function checkLabels(fn: string, y: unknown, N: number, C: number, name = 'y', classesFrom = `W has ${C} columns, one per class`): Int32Array {
  if (!isLabelArray(y)) throw typeError(fn, name, 'an Int32Array or array of class indices', y);
  const arr = y as ArrayLike<number>;
  if (arr.length !== N) {
    const rows = name.endsWith('.y') ? `${name.slice(0, -1)}X` : 'X'; // validation.y goes with validation.X
    throw rangeError(fn, `${name} has ${arr.length} labels but ${rows} has ${N} rows; expected one label per row`);
  }
  if (y instanceof Int32Array) {
    // The common case, on every call: integers already, so only the range needs a look.
    let i = 0;
    while (i < N && y[i]! >= 0 && y[i]! < C) i++;
    if (i === N) return y;
  }
  const out = y instanceof Int32Array ? y : new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const v = arr[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= C) {
      const index = typeof v === 'number' && Number.isInteger(v) && v >= 0;
      throw rangeError(
        fn,
        (Number.isInteger(C)
          ? `expected ${name}[${i}] to be an integer class index in [0, ${C}) but received ${describe(v)}`
          : `expected ${name}[${i}] to be a non-negative integer class index but received ${describe(v)}`) +
          (index ? ` (${classesFrom})` : ''),
      );
    }
    out[i] = v;
  }
  return out;
}

function isLabelArray(y: unknown): boolean {
  return y !== null && typeof y === 'object' && typeof (y as ArrayLike<number>).length === 'number';
}

/** Most classes inferred from the labels (max label + 1); more need an explicit class count. */
export const MAX_INFERRED_CLASSES = 65536;

/**
 * The class count implied by labels, max(2, max label + 1), for functions that take `classes` as
 * an option. Checks first that every label is a non-negative integer, and that the count stays
 * within {@link MAX_INFERRED_CLASSES} (a stray huge label would otherwise ask for a giant W).
 * `option` names the option that gives the class count explicitly (null where there is none), for
 * the error message.
 */
export function inferClasses(fn: string, y: unknown, name = 'y', option: string | null = 'classes'): number {
  if (!isLabelArray(y)) throw typeError(fn, name, 'an Int32Array or array of class indices', y);
  const arr = y as ArrayLike<unknown>;
  let max = -1;
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw rangeError(fn, `expected ${name}[${i}] to be a non-negative integer class index but received ${describe(v)}`);
    }
    if (v >= MAX_INFERRED_CLASSES) {
      throw rangeError(
        fn,
        option === null
          ? `${name}[${i}] = ${v} implies ${v + 1} classes; expected at most ${MAX_INFERRED_CLASSES} classes`
          : `${name}[${i}] = ${v} implies ${v + 1} classes; expected labels in [0, ${option}) with ${option} given explicitly for more than ${MAX_INFERRED_CLASSES}`,
      );
    }
    if (v > max) max = v;
  }
  return Math.max(2, max + 1);
}

export function checkBatch(fn: string, batch: unknown, N: number): Int32Array | null {
  if (batch === undefined || batch === null) return null;
  if (!(batch instanceof Int32Array)) throw typeError(fn, 'batch', 'an Int32Array of row indices', batch);
  if (batch.length === 0) throw rangeError(fn, 'batch is empty; expected at least one row index');
  for (let i = 0; i < batch.length; i++) {
    const r = batch[i]!;
    if (r < 0 || r >= N) throw rangeError(fn, `batch[${i}] = ${r} is outside [0, ${N})`);
  }
  return batch;
}

/** Checks that X (N×D) and W (D×C) fit together and share a dtype. */
export function checkShapes(fn: string, W: Matrix, X: Matrix): void {
  if (X.rows === 0) throw rangeError(fn, 'X has no rows; expected at least one example');
  if (X.cols === 0) throw rangeError(fn, 'X has no columns; expected at least one feature');
  if (W.rows !== X.cols) {
    throw rangeError(
      fn,
      `W is ${W.rows}×${W.cols} but X is ${X.rows}×${X.cols}; expected W to have ${X.cols} rows (W is D×C, X is N×D)`,
    );
  }
  if (W.cols < 2) throw rangeError(fn, `W has ${W.cols} column(s); expected at least 2 (one per class)`);
  if (W.dtype !== X.dtype) {
    throw typeError(fn, 'W', `the same dtype as X (${X.dtype}); convert with W.astype('${X.dtype}')`, `${W.dtype} data`);
  }
}

/** Options of the loss functions ({@link svmLoss}, {@link softmaxLoss}, {@link loss}, {@link lossFunction}). */
export interface LossOptions {
  /** L2 regularization strength: the loss adds reg·ΣW². Default 0. */
  reg?: number;
  /** SVM margin Δ. Default 1. */
  delta?: number;
  /** Only these rows of X (a mini-batch; indices may repeat). Default: all rows. */
  batch?: Int32Array;
}

/** Validates everything and returns the problem a backend can run. */
export function checkProblem(
  fn: string,
  kind: LossKind,
  W: unknown,
  X: unknown,
  y: unknown,
  opts: LossOptions,
): LossProblem {
  const w = checkMatrix(fn, 'W', W);
  const x = checkMatrix(fn, 'X', X);
  checkShapes(fn, w, x);
  const labels = checkLabels(fn, y, x.rows, w.cols);
  const reg = number(fn, 'reg', opts.reg, 0, { min: 0 });
  const delta = number(fn, 'delta', opts.delta, 1, { min: 0 });
  const batch = checkBatch(fn, opts.batch, x.rows);
  checkFinite(fn, 'W', w, false);
  checkFinite(fn, 'X', x);
  return { kind, X: x, y: labels, W: w, batch, reg, delta };
}

/**
 * A non-finite loss from finite-checked inputs means either the inputs changed since their check
 * or the scores overflowed. Rescan and name the culprit; return quietly for a genuine overflow.
 */
export function explainNonFinite(fn: string, W: Matrix, X: Matrix): void {
  checkFinite(fn, 'W', W, false);
  checkFinite(fn, 'X', X, false);
}
