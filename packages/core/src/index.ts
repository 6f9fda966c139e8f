/**
 * @svm/core for Node: the whole API, computed by the native addon (@svm/native) when it loads and
 * by the pure-TypeScript reference backend otherwise.
 * @packageDocumentation
 */
import { loadAddon, nativeBackend } from './backend/native.js';
import { adviseLargeArray, registerNativeLoader } from './backend/registry.js';
import { registerLargeArrayHook } from './matrix.js';
import { registerModelFileSystem } from './model/file-system.js';
import { nodeModelFileSystem } from './model/node-file-system.js';

registerNativeLoader(() => nativeBackend(loadAddon()));
registerModelFileSystem(nodeModelFileSystem);
registerLargeArrayHook(adviseLargeArray);

export * from './api.js';
export { loadMnist } from './data/mnist.js';
export * from './data/index.node.js';
export { loadSplits, DATASETS, type DatasetInfo, type DatasetSplits, type LoadSplitsOptions } from './data/registry.js';
export {
  searchHyperparameters,
  searchSpace,
  type SearchOptions,
  type SearchResult as HyperparameterSearchResult,
  type SearchSpaceGrid,
  type SearchSpaceRandom,
  type TrialParams,
  type TrialResult,
} from './model/search.js';
