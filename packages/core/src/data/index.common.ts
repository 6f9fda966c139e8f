/**
 * Data helpers that work in any environment (Node and browsers): synthetic 2-D sets, seeded
 * stratified splits, and preprocessing fitted on training data. The Node-only file loaders live in
 * `index.node.ts`.
 */
export type { Dataset } from './types.js';
export {
  makeBlobs,
  makeSpirals,
  makeLinearlySeparable,
  type SyntheticOptions,
  type BlobsOptions,
  type SpiralsOptions,
  type LinearlySeparableOptions,
} from './synthetic.js';
export { split, type SplitOptions, type Splits } from './split.js';
export {
  meanImage,
  subtractMean,
  appendBias,
  fitStandardizer,
  applyStandardizer,
  fitMinMaxScaler,
  applyMinMaxScaler,
  fitPreprocess,
  applyPreprocess,
  preprocess,
  type Standardizer,
  type MinMaxScaler,
  type PreprocessOptions,
  type PreprocessStats,
} from './preprocess.js';
