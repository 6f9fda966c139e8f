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
  relativeError,
  type ScalarFunction,
  type LossOutput,
  type Scheme,
  type NumericalGradientOptions,
  type GradCheckOptions,
  type GradCheckReport,
  type GradCheckEntry,
  type HSweepEntry,
} from './gradient.js';
export { meanImage, subtractMean, appendBias } from './data/preprocess.js';
export type { Dataset } from './data/types.js';
