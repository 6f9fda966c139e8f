import type { Matrix } from '../matrix.js';

/** One optimization step, as recorded in a history. */
export interface TrainStep {
  /** Step index t (0-based): the loss is that of W_t on step t's batch, before its update. */
  step: number;
  /** Loss on the batch (data + regularization). */
  loss: number;
  /** The data part of `loss` (averaged hinge or cross-entropy over the batch), without reg·ΣW². */
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
  /** Share of the whole training set classified correctly by the W reached. */
  trainAccuracy: number;
  /** The same on the validation data, when `validation` was given. */
  valAccuracy?: number;
}

/** What a training run reports while it runs. */
export interface TrainProgress {
  /** Always 'progress'. */
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
  /** Milliseconds since the run started. */
  elapsedMs: number;
  /** Average speed so far: steps / elapsed seconds. */
  stepsPerSecond: number;
  /** Estimated time to finish at the current pace. */
  etaMs: number;
  /** Whether the run was paused when this event was sent (see {@link TrainingRun.pause}). */
  paused: boolean;
  /** A copy of W, every `snapshotEvery` steps. */
  W?: Matrix;
}

/** How a run ended. */
export type StopReason = 'done' | 'aborted' | 'diverged' | 'early-stopped';

/** What a training run ends with ({@link train}'s value, `TrainingRun.result`). */
export interface TrainResult {
  /** The final weights (the best ones by validation accuracy when early-stopped). */
  W: Matrix;
  /** Every step's record. */
  history: TrainStep[];
  /** Every accuracy evaluation (every `evalEvery` steps and after the last planned step; none with evalEvery 0), in order. */
  evaluations: TrainEvaluation[];
  /** How the run ended: 'done', 'aborted', 'diverged' or 'early-stopped'. */
  stopped: StopReason;
  /** Steps done. */
  steps: number;
  /**
   * Loss of the last step (on its batch, before its update; NaN when no step ran). When
   * early-stopped this is the last step's loss, not that of the returned best W.
   */
  loss: number;
  /** Loss of the first step (NaN when no step ran). */
  initialLoss: number;
  /** Wall time of the run, ms. */
  elapsedMs: number;
  /**
   * Where it diverged: the step whose loss was NaN/Inf or exploded (or whose update left NaN/Inf
   * in W), its learning rate and loss.
   */
  diverged?: { step: number; learningRate: number; loss: number };
  /** The step whose W has the best validation accuracy (when validation data was given). */
  best?: { step: number; valAccuracy: number };
}
