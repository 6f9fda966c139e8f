/**
 * @svm/core for Node: the whole API, computed by the native addon (@svm/native) when it loads and
 * by the pure-TypeScript reference backend otherwise.
 * @packageDocumentation
 */
import { loadAddon, nativeBackend } from './backend/native.js';
import { registerNativeLoader } from './backend/registry.js';

registerNativeLoader(() => nativeBackend(loadAddon()));

export * from './api.js';
export { loadMnist } from './data/mnist.js';
