import type { Matrix } from '../matrix.js';

/** One optimization step, as recorded in a history. */
export interface TrainStep {
  /** Step index t (0-based): the loss is that of W_t on step t's batch, before its update. */
  step: number;
  /** Loss on the batch (data + regularization). */
  loss: number;
  dataLoss: number;
  /** Learning rate used for this step's update (schedule and live scaling applied). */
  learningRate: number;
  /** Frobenius norm of the (mini-batch) gradient. */
  gradNorm: number;
  /** SVM: share of the batch's margins that are violated; softmax: 0. */
  violatedShare: number;
  /** Share of the batch classified correctly by W_t. */
  batchAccuracy: number;
  /** Loss evaluations spent so far, this step included (a numerical gradient costs 2·D·C + 1). */
  evaluations: number;
}

/** Accuracy measured on whole datasets every `evalEvery` steps. */
export interface TrainEvaluation {
  /** Steps done when measured. */
  step: number;
  trainAccuracy: number;
  valAccuracy?: number;
}

/** What a training run reports while it runs. */
export interface TrainProgress {
  type: 'progress';
  /** Steps done. */
  step: number;
  /** Steps planned. */
  iterations: number;
  /** The newest step's record. */
  last: TrainStep;
  /** Every step recorded since the previous event. */
  steps: TrainStep[];
  /** An evaluation made since the previous event, if any. */
  evaluation?: TrainEvaluation;
  elapsedMs: number;
  stepsPerSecond: number;
  /** Estimated time to finish at the current pace. */
  etaMs: number;
  paused: boolean;
  /** A copy of W, every `snapshotEvery` steps. */
  W?: Matrix;
}

/** How a run ended. */
export type StopReason = 'done' | 'aborted' | 'diverged' | 'early-stopped';

export interface TrainResult {
  /** The final weights (the best ones by validation accuracy when early-stopped). */
  W: Matrix;
  /** Every step's record. */
  history: TrainStep[];
  evaluations: TrainEvaluation[];
  stopped: StopReason;
  /** Steps done. */
  steps: number;
  /** Loss of the last step. */
  loss: number;
  /** Loss of the first step. */
  initialLoss: number;
  elapsedMs: number;
  /** Where it diverged: the step, its learning rate and loss. */
  diverged?: { step: number; learningRate: number; loss: number };
  /** The step whose W has the best validation accuracy (when validation data was given). */
  best?: { step: number; valAccuracy: number };
}
