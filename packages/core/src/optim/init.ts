import { checkSize, Matrix, type DType } from '../matrix.js';
import { Rng } from '../util/rng.js';
import { number, oneOf, options } from '../util/validate.js';

/** Fills a new D×C matrix with scale·N(0, 1) draws from `rng` (CS231n: W = 0.001·randn). */
export function randomWeights(D: number, C: number, scale: number, rng: Rng, dtype: DType = 'float32'): Matrix {
  const W = Matrix.zeros(D, C, dtype);
  rng.fillNormal(W.data, scale);
  return W;
}

/**
 * Random initial weights, D×C, scale·N(0, 1), reproducible from a seed (CS231n: W = 0.001·randn).
 * @param D rows: features, bias column included (e.g. 785 for MNIST with the bias trick)
 * @param C columns: classes
 * @param opts `scale` (default 0.001), `seed` (default 0), `dtype` (default 'float32')
 * @throws TypeError/RangeError for D or C not integers ≥ 1, D·C above 2^31 − 1, a negative scale,
 *   a non-integer seed, an unknown dtype or option
 * @example
 * const W = initWeights(785, 10, { seed: 1 });
 */
export function initWeights(D: number, C: number, opts?: { scale?: number; seed?: number; dtype?: DType }): Matrix {
  const fn = 'initWeights';
  const o = options(fn, opts, ['scale', 'seed', 'dtype']);
  const d = number(fn, 'D', D, undefined, { integer: true, min: 1 });
  const c = number(fn, 'C', C, undefined, { integer: true, min: 1 });
  checkSize(fn, 'W', d, c);
  const scale = number(fn, 'scale', o.scale, 0.001, { min: 0 });
  const seed = number(fn, 'seed', o.seed, 0, { integer: true });
  const dtype = oneOf(fn, 'dtype', o.dtype, ['float32', 'float64'] as const, 'float32');
  return randomWeights(d, c, scale, new Rng(seed), dtype);
}
