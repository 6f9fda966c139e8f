// Random problems for the benchmarks. A plain xorshift32 fills X: the project's Rng (xoshiro128**)
// is the right tool for reproducible training, but at ~150 M draws for a CIFAR-sized X it costs
// seconds, and timing data needs a distribution, not a particular stream.
import { Matrix } from '@svm/core';

/** rows × cols float32 matrix, entries uniform in [lo, hi). */
export function uniformMatrix(rows, cols, { seed = 1, lo = -0.5, hi = 0.5 } = {}) {
  // Allocated by the library, as a loader's data would be (large arrays get huge pages, as numpy's do).
  const X = Matrix.zeros(rows, cols);
  const data = X.data;
  let s = (seed * 0x9e3779b9) | 0 || 1;
  const scale = (hi - lo) / 16777216;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = lo + (s >>> 8) * scale;
  }
  return X;
}

/** n labels uniform in [0, C). */
export function randomLabels(n, C, seed = 2) {
  const y = new Int32Array(n);
  let s = (seed * 0x85ebca6b) | 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    y[i] = (s >>> 0) % C;
  }
  return y;
}

/** n row indices uniform in [0, N): a mini-batch sampled with replacement, as CS231n's SGD does. */
export function randomBatch(n, N, seed = 3) {
  return randomLabels(n, N, seed);
}
