import type { NativeTrainConfig } from '@svm/native';
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
export interface Backend extends OptimizationBackend {
  readonly name: 'native' | 'reference';
  /**
   * Offered every freshly allocated large array before it is written (native: transparent huge
   * pages). Best-effort: never throws.
   */
  adviseHugePages?: (array: FloatArray) => void;
  /** Loss (and gradient into `grad`, D×C, when not null) with statistics written into `stats`. */
  lossGrad(p: LossProblem, grad: FloatArray | null, stats: Float64Array): void;
  /** Same as lossGrad, off the calling thread where the backend can. */
  lossGradAsync(p: LossProblem, grad: FloatArray | null, stats: Float64Array): Promise<void>;
  /** out (N×C) = X·W. */
  scores(X: Matrix, W: Matrix, out: FloatArray): void;
  scoresAsync(X: Matrix, W: Matrix, out: FloatArray): Promise<void>;
  /** out[i] = argmax_c (X·W)[i, c], the first on ties; -1 where a score of row i is NaN. */
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

/** Update rules, numbered as the native layer numbers them. */
export const UPDATE_RULES = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'] as const;
/** An update rule's name: 'sgd', 'momentum', 'nesterov', 'rmsprop' or 'adam' (parameters: `OptimizerSpec`). */
export type UpdateRule = (typeof UPDATE_RULES)[number];

/** Learning-rate schedules, numbered as the native layer numbers them. */
export const SCHEDULES = ['constant', 'step', 'exponential', 'inverse'] as const;
/** A learning-rate schedule's name: 'constant', 'step', 'exponential' or 'inverse' (parameters: `ScheduleSpec`). */
export type ScheduleKind = (typeof SCHEDULES)[number];

/**
 * Everything a training chunk needs besides the data, as plain numbers: the native addon's
 * configuration (its fields are documented in @svm/native's types), with the two flags narrowed.
 */
export interface TrainConfig extends NativeTrainConfig {
  kind: 0 | 1;
  replace: 0 | 1;
}

/** A training run's mutable state, owned by the caller and continued across chunks. */
export interface TrainJob {
  config: TrainConfig;
  X: Matrix;
  y: Int32Array;
  /** Updated in place. */
  W: Matrix;
  /** Optimizer buffers (W's shape and dtype), null when the rule needs none. */
  s1: FloatArray | null;
  s2: FloatArray | null;
  rngState: Uint32Array;
  /** N row indices, for sampling without replacement. */
  perm: Int32Array | null;
  /** Position in perm (Int32Array(1)); N forces a reshuffle. */
  cursor: Int32Array;
}

/** Doubles per step a training chunk records: loss, lr, grad norm, violated share, batch accuracy, data loss. */
export const STEP_RECORD = 6;

export interface ChunkResult {
  steps: number;
  diverged: boolean;
}

/** The backend half of optimization and analysis (see {@link Backend}). */
export interface OptimizationBackend {
  /** Runs up to maxSteps steps (or maxMillis) of training, writing STEP_RECORD doubles per step. */
  trainChunk(job: TrainJob, stepStart: number, maxSteps: number, maxMillis: number, out: Float64Array): Promise<ChunkResult>;
  /** Data losses at S0 + a_i·S1 + b_j·S2 into out[i·nb + j] (S2 null: 1-D, out[i]). */
  lossGrid(
    kind: LossKind,
    delta: number,
    S0: FloatArray,
    S1: FloatArray,
    S2: FloatArray | null,
    N: number,
    C: number,
    y: Int32Array,
    a: Float64Array,
    b: Float64Array | null,
    out: Float64Array,
  ): Promise<void>;
  /** K candidates scored side by side in S (N × K·C): out[2k] loss, out[2k+1] accuracy. */
  candidateLosses(
    kind: LossKind,
    delta: number,
    S: FloatArray,
    N: number,
    K: number,
    C: number,
    y: Int32Array,
    out: Float64Array,
  ): Promise<void>;
  predictAsync(X: Matrix, W: Matrix, out: Int32Array): Promise<void>;
}
