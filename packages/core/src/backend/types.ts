import type { FloatArray, Matrix } from '../matrix.js';

/** Which loss: the multiclass SVM (hinge, Weston–Watkins) or softmax (cross-entropy). */
export type LossKind = 'svm' | 'softmax';

/**
 * One loss evaluation, already validated: X is N×D, W is D×C of the same dtype, y holds N labels
 * in [0, C), batch (when present) holds row indices in [0, N).
 */
export interface LossProblem {
  kind: LossKind;
  X: Matrix;
  y: Int32Array;
  W: Matrix;
  batch: Int32Array | null;
  reg: number;
  delta: number;
}

/** Statistics a loss kernel writes into a Float64Array of this length, in this order. */
export const STATS_LENGTH = 5;
export const enum Stat {
  Loss = 0,
  DataLoss = 1,
  RegLoss = 2,
  ViolatedShare = 3,
  Accuracy = 4,
}

/**
 * What a backend computes. Backends trust their arguments (the public functions validate first)
 * and never allocate the outputs: callers pass them in.
 */
export interface Backend {
  readonly name: 'native' | 'reference';
  /** Loss (and gradient into `grad`, D×C, when not null) with statistics written into `stats`. */
  lossGrad(p: LossProblem, grad: FloatArray | null, stats: Float64Array): void;
  /** Same as lossGrad, off the calling thread where the backend can. */
  lossGradAsync(p: LossProblem, grad: FloatArray | null, stats: Float64Array): Promise<void>;
  /** out (N×C) = X·W. */
  scores(X: Matrix, W: Matrix, out: FloatArray): void;
  scoresAsync(X: Matrix, W: Matrix, out: FloatArray): Promise<void>;
  /** out[i] = argmax_c (X·W)[i, c], the first on ties. */
  predict(X: Matrix, W: Matrix, out: Int32Array): void;
  /** out = op(A)·op(B), op transposing when asked; out has op(A).rows × op(B).cols elements. */
  matmul(A: Matrix, B: Matrix, transA: boolean, transB: boolean, out: FloatArray): void;
  matmulAsync(A: Matrix, B: Matrix, transA: boolean, transB: boolean, out: FloatArray): Promise<void>;
  /** Index of the first NaN/±Inf in data, or -1. */
  firstNonFinite(data: FloatArray): number;
  /** Threads the backend may use (1 for the reference). */
  threads(): number;
  setThreads(n: number): void;
}
