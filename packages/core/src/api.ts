// Everything @svm/core offers in any environment (Node and browsers). The Node entry adds the
// native backend and the file-based loaders.
export { Matrix, isMatrix, type DType, type FloatArray } from './matrix.js';
export { Rng } from './util/rng.js';
export {
  backendName,
  useBackend,
  availableBackends,
  nativeUnavailableReason,
  threads,
  setThreads,
  type BackendName,
} from './backend/registry.js';
export type { LossKind } from './backend/types.js';
export {
  svmLoss,
  svmLossSync,
  softmaxLoss,
  softmaxLossSync,
  loss,
  lossFunction,
  type LossResult,
  type LossValue,
  type LossOptions,
  type LossFunction,
  type Labels,
} from './loss/loss.js';
export {
  numericalGradient,
  gradCheck,
  readRelativeError,
  relativeError,
  type ScalarFunction,
  type LossOutput,
  type Scheme,
  type NumericalGradientOptions,
  type GradCheckOptions,
  type GradCheckReport,
  type GradCheckEntry,
  type GradCheckVerdict,
  type HSweepEntry,
} from './gradient.js';
export * from './data/index.common.js';
export { train, startTraining } from './optim/train.js';
export { TrainingRun } from './optim/training-run.js';
export type { TrainOptions, OptimizerSpec, ScheduleSpec } from './optim/train-options.js';
export type { TrainStep, TrainEvaluation, TrainProgress, TrainResult, StopReason } from './optim/events.js';
export { presets, type Preset } from './optim/presets.js';
export { initWeights } from './optim/init.js';
export { UPDATE_RULES, SCHEDULES, type UpdateRule, type ScheduleKind } from './backend/types.js';
export {
  randomSearch,
  randomLocalSearch,
  type SearchStep,
  type SearchResult,
  type RandomSearchOptions,
  type RandomLocalSearchOptions,
} from './optim/strategies.js';
export { stepSizeSweep, type StepSizeEntry, type StepSizeSweepOptions } from './analysis/step-size.js';
export {
  lossSlice1D,
  lossSlice2D,
  projectTrajectory,
  type Slice1D,
  type Slice2D,
  type Slice1DOptions,
  type Slice2DOptions,
  type DirectionNormalization,
} from './analysis/slices.js';
export { race, RACE_STRATEGIES, type RaceStrategy, type RaceOptions, type RaceEntry, type RacePoint } from './analysis/race.js';
export { gradientNoise, type GradientNoiseEntry, type GradientNoiseOptions } from './analysis/gradient-noise.js';
export {
  LinearClassifier,
  type LinearClassifierOptions,
  type FitOptions,
  type ClassTemplate,
  type ModelMetadata,
} from './model/linear-classifier.js';
export { MODEL_FORMAT, MODEL_VERSION, type ModelJSON } from './model/model-file.js';
export { trajectoryDirections, type TrajectoryDirectionsOptions } from './analysis/trajectory.js';
export { scores, scoresSync, predict, predictSync, accuracy } from './forward.js';
