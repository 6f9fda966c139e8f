/**
 * @svm/core for browsers: the same API on the pure-TypeScript reference backend (no addon, no
 * file system).
 * @packageDocumentation
 */
export * from './api.js';
