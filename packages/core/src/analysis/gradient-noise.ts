/**
 * How well a mini-batch gradient points where the full gradient points: the cosine between them
 * across batch sizes — the lecture's argument for mini-batches, in numbers. Small batches already
 * point roughly the right way at a fraction of the cost.
 */
import { allocate, type Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';
import { STATS_LENGTH } from '../backend/types.js';
import type { Labels } from '../loss/problem.js';
import { Rng } from '../util/rng.js';
import { number, options, rangeError, typeError } from '../util/validate.js';
import { eventLoopPacer } from '../util/yield.js';
import { checkAnalysisProblem, dot, type ProblemOptions } from './common.js';

/** Options of {@link gradientNoise}, besides the loss's `loss` ('svm'), `reg` (0) and `delta` (1). */
export interface GradientNoiseOptions extends ProblemOptions {
  /** Batch sizes. Default 1, 2, 4, … up to N, and N itself. */
  batchSizes?: number[];
  /** Batches drawn per size. Default 20. */
  samples?: number;
  /** Seed of the batch sampling. Default 0. */
  seed?: number;
}

/** The cosine between mini-batch and full gradients for one batch size. */
export interface GradientNoiseEntry {
  /** The batch size B. */
  batchSize: number;
  /** Mean of cos(∇L_batch, ∇L_full) over the samples: 1 means the batch points exactly downhill. */
  meanCosine: number;
  /** Standard deviation of the cosine over the samples (0 for B = N, which is sampled once). */
  stdCosine: number;
  /** Smallest cosine seen. */
  minCosine: number;
}

/**
 * For each batch size B, draws `samples` batches of B distinct rows and measures
 * cos(∇L_batch, ∇L_full). With reg > 0 both share the 2·reg·W term, which inflates the cosine;
 * the default reg is 0.
 * @param W the point, D×C
 * @param X data, N×D, same dtype as W
 * @param y N labels in [0, C)
 * @param opts `batchSizes` (default 1, 2, 4, … and N), `samples` (default 20), `seed` (default 0),
 *   `loss` ('svm'), `reg` (0), `delta` (1)
 * @returns one entry per batch size, in the order given
 * @throws TypeError/RangeError for mismatched shapes or dtypes, bad labels, NaN/Inf in W or X, an
 *   empty batchSizes or a batch size above N, an unknown option
 * @example
 * const noise = await gradientNoise(W, X, y, { batchSizes: [1, 10, 100, 1000] });
 */
export async function gradientNoise(W: Matrix, X: Matrix, y: Labels, opts?: GradientNoiseOptions): Promise<GradientNoiseEntry[]> {
  const fn = 'gradientNoise';
  const o = options(fn, opts, ['batchSizes', 'samples', 'seed', 'loss', 'reg', 'delta']);
  const p = checkAnalysisProblem(fn, W, X, y, o);
  const N = p.X.rows;
  let sizes: number[];
  if (o.batchSizes === undefined) {
    sizes = [];
    for (let b = 1; b < N; b *= 2) sizes.push(b);
    sizes.push(N);
  } else {
    if (!Array.isArray(o.batchSizes) || o.batchSizes.length === 0) throw typeError(fn, 'batchSizes', 'a non-empty array', o.batchSizes);
    sizes = o.batchSizes.map((b, i) => number(fn, `batchSizes[${i}]`, b, undefined, { integer: true, min: 1 }));
    const big = sizes.find((b) => b > N);
    if (big !== undefined) throw rangeError(fn, `batch size ${big} is larger than the ${N} rows of X`);
  }
  const samples = number(fn, 'samples', o.samples, 20, { integer: true, min: 1 });
  const rng = new Rng(number(fn, 'seed', o.seed, 0, { integer: true }));
  const backend = getBackend();
  const stats = new Float64Array(STATS_LENGTH);
  const base = { kind: p.kind, X: p.X, y: p.y, W: p.W, reg: p.reg, delta: p.delta };
  const full = allocate(p.W.dtype, p.W.size);
  await backend.lossGradAsync({ ...base, batch: null }, full, stats);
  const fullNorm = Math.sqrt(dot(full, full));
  const g = allocate(p.W.dtype, p.W.size);
  const perm = new Int32Array(N);
  const out: GradientNoiseEntry[] = [];
  const pace = eventLoopPacer(); // the reference backend computes on this thread
  for (const B of sizes) {
    const cos: number[] = [];
    for (let s = 0; s < (B === N ? 1 : samples); s++) {
      await pace();
      // B distinct rows: a partial Fisher–Yates shuffle.
      for (let i = 0; i < N; i++) perm[i] = i;
      for (let i = 0; i < B; i++) {
        const j = i + rng.int(N - i);
        const t = perm[i]!;
        perm[i] = perm[j]!;
        perm[j] = t;
      }
      await backend.lossGradAsync({ ...base, batch: perm.slice(0, B) }, g, stats);
      const gn = Math.sqrt(dot(g, g));
      cos.push(gn > 0 && fullNorm > 0 ? dot(g, full) / (gn * fullNorm) : 0);
    }
    const mean = cos.reduce((a, b) => a + b, 0) / cos.length;
    const std = Math.sqrt(cos.reduce((a, b) => a + (b - mean) ** 2, 0) / cos.length);
    out.push({ batchSize: B, meanCosine: mean, stdCosine: std, minCosine: Math.min(...cos) });
  }
  return out;
}
