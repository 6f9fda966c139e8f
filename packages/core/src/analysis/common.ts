/** Shared pieces of the analysis functions: option checks, score products, regularization algebra. */
import { allocate, type FloatArray, type Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';
import type { LossKind } from '../backend/types.js';
import { checkFinite, checkLabels, checkMatrix, checkShapes } from '../loss/problem.js';
import { number, oneOf } from '../util/validate.js';

export interface ProblemOptions {
  /** 'svm' (default) or 'softmax'. */
  loss?: LossKind;
  /** L2 strength. Default 0. */
  reg?: number;
  /** SVM margin. Default 1. */
  delta?: number;
}

export interface CheckedProblem {
  W: Matrix;
  X: Matrix;
  y: Int32Array;
  kind: LossKind;
  reg: number;
  delta: number;
}

export function checkAnalysisProblem(fn: string, W: unknown, X: unknown, y: unknown, o: ProblemOptions): CheckedProblem {
  const w = checkMatrix(fn, 'W', W);
  const x = checkMatrix(fn, 'X', X);
  checkShapes(fn, w, x);
  const labels = checkLabels(fn, y, x.rows, w.cols);
  checkFinite(fn, 'W', w, false);
  checkFinite(fn, 'X', x);
  return {
    W: w,
    X: x,
    y: labels,
    kind: oneOf(fn, 'loss', o.loss, ['svm', 'softmax'] as const, 'svm'),
    reg: number(fn, 'reg', o.reg, 0, { min: 0 }),
    delta: number(fn, 'delta', o.delta, 1, { min: 0 }),
  };
}

/** S = X·W (N×C) in X's dtype, off the JS thread on the native backend. */
export async function scoresOf(X: Matrix, W: Matrix): Promise<FloatArray> {
  const out = allocate(X.dtype, X.rows * W.cols);
  await getBackend().scoresAsync(X, W, out);
  return out;
}

/** ⟨A, B⟩ = Σ A_ij·B_ij in double. */
export function dot(a: FloatArray, b: FloatArray): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * A loss computed far from W can overflow double precision (scores beyond ~1e308 give ±Infinity,
 * and Infinity − Infinity gives NaN). The loss there is larger than any double: report Infinity.
 */
export function lossOrInfinity(v: number): number {
  return Number.isFinite(v) ? v : Infinity;
}
