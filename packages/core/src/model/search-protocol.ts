/** Messages between the hyper-parameter search and its worker threads. */
import type { DType } from '../matrix.js';
import type { LossKind, UpdateRule } from '../backend/types.js';
import type { StopReason } from '../optim/events.js';

/** One point of the search space. */
export interface TrialParams {
  /** The trial's (constant) learning rate. */
  learningRate: number;
  /** The trial's L2 strength. */
  reg: number;
  /** The trial's rows per step (capped at N). */
  batchSize: number;
  /** The trial's update rule, with its default parameters. */
  optimizer: UpdateRule;
}

export interface WorkerSetup {
  dtype: DType;
  D: number;
  C: number;
  /** Preprocessed training and validation data in shared memory (one copy for every worker). */
  X: SharedArrayBuffer;
  y: SharedArrayBuffer;
  Xval: SharedArrayBuffer;
  yval: SharedArrayBuffer;
  loss: LossKind;
  iterations: number;
}

export type ToWorker = { type: 'trial'; index: number; params: TrialParams; seed: number } | { type: 'stop' };

export interface TrialOutcome {
  index: number;
  valAccuracy: number;
  trainAccuracy: number;
  loss: number;
  stopped: StopReason;
  steps: number;
  elapsedMs: number;
  diverged?: { step: number; learningRate: number; loss: number };
  /** The trained weights (D×C), transferred. */
  W: Float32Array | Float64Array;
}

export type FromWorker =
  | { type: 'progress'; index: number; step: number; loss: number }
  | ({ type: 'result' } & TrialOutcome)
  | { type: 'error'; index: number; message: string };
