import { beforeAll, describe } from 'vitest';
import { Matrix, Rng, useBackend, type BackendName, type DType } from '../src/index.js';

export const BACKENDS: BackendName[] = ['native', 'reference'];

/** Runs the same suite against every backend (TensorFlow.js style). */
export function forEachBackend(title: string, suite: (backend: BackendName) => void): void {
  for (const backend of BACKENDS) {
    describe(`${title} [${backend}]`, () => {
      beforeAll(() => useBackend(backend));
      suite(backend);
    });
  }
}

/** A random classification problem: X ~ N(0, 1), W ~ scale·N(0, 1), uniform labels. */
export function randomProblem(N: number, D: number, C: number, opts: { seed?: number; dtype?: DType; scale?: number } = {}) {
  const rng = new Rng(opts.seed ?? 1);
  const dtype = opts.dtype ?? 'float64';
  const X = Matrix.zeros(N, D, dtype);
  rng.fillNormal(X.data);
  const W = Matrix.zeros(D, C, dtype);
  rng.fillNormal(W.data, opts.scale ?? 0.1);
  const y = new Int32Array(N);
  for (let i = 0; i < N; i++) y[i] = rng.int(C);
  return { X, W, y };
}

/** max |a − b| / max(max |b|, tiny). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let err = 0;
  let ref = 1e-30;
  for (let i = 0; i < a.length; i++) {
    err = Math.max(err, Math.abs(a[i]! - b[i]!));
    ref = Math.max(ref, Math.abs(b[i]!));
  }
  return err / ref;
}
