/**
 * Synthetic 2-D classification sets for demos and tests: blobs, CS231n's spirals, and a linearly
 * separable set with a guaranteed margin. Pure TypeScript (works in browsers), seeded with the
 * project's {@link Rng}: the same options give the same points everywhere.
 *
 * Every set has n points as evenly split across classes as possible (the first n mod K classes get
 * one more), X is float32 N×2, and the rows are shuffled (seeded), so any prefix holds every class.
 */
import { Matrix } from '../matrix.js';
import { Rng } from '../util/rng.js';
import { number, options } from '../util/validate.js';
import { indexNames } from './check.js';
import type { Dataset } from './types.js';

/** Options shared by the synthetic sets. */
export interface SyntheticOptions {
  /** Number of points in total. Default 300. */
  n?: number;
  /** Number of classes (2 or more). Default 3 (blobs, spirals), 2 (linearly separable). */
  classes?: number;
  /** Seed of the generator. Default 0. */
  seed?: number;
}

/** Options of {@link makeBlobs}. */
export interface BlobsOptions extends SyntheticOptions {
  /** Standard deviation of each blob around its centre (centres sit on a circle of radius 2). Default 0.5. */
  spread?: number;
}

/** Options of {@link makeSpirals}. */
export interface SpiralsOptions extends SyntheticOptions {
  /** Standard deviation of the noise added to each point's angle (radians). Default 0.2, as in CS231n. */
  noise?: number;
}

/** Options of {@link makeLinearlySeparable}. */
export interface LinearlySeparableOptions extends SyntheticOptions {
  /** Width of the empty band between any two classes' regions. Default 0.2. */
  margin?: number;
}

interface Common {
  n: number;
  K: number;
  rng: Rng;
}

function common(fn: string, o: SyntheticOptions, defaultClasses: number): Common {
  const n = number(fn, 'n', o.n, 300, { integer: true, min: 1, max: 1e8 });
  const K = number(fn, 'classes', o.classes, defaultClasses, { integer: true, min: 2, max: 1000 });
  const seed = number(fn, 'seed', o.seed, 0, { integer: true });
  return { n, K, rng: new Rng(seed) };
}

/**
 * Builds the dataset: `point(k, j, count, out)` writes the j-th of `count` points of class k to
 * out[0..1]; rows are then placed at shuffled positions.
 */
function build(
  c: Common,
  name: string,
  point: (k: number, j: number, count: number, out: [number, number]) => void,
): Dataset {
  const { n, K, rng } = c;
  const X = Matrix.zeros(n, 2, 'float32');
  const y = new Int32Array(n);
  const p: [number, number] = [0, 0];
  const raw = new Float64Array(2 * n);
  let i = 0;
  for (let k = 0; k < K; k++) {
    const count = Math.floor(n / K) + (k < n % K ? 1 : 0);
    for (let j = 0; j < count; j++, i++) {
      point(k, j, count, p);
      raw[2 * i] = p[0];
      raw[2 * i + 1] = p[1];
      y[i] = k;
    }
  }
  const order = rng.permutation(n);
  const labels = y.slice();
  for (let r = 0; r < n; r++) {
    const src = order[r]!;
    X.data[2 * r] = raw[2 * src]!;
    X.data[2 * r + 1] = raw[2 * src + 1]!;
    y[r] = labels[src]!;
  }
  return { X, y, classNames: indexNames(K, 'class '), name };
}

/**
 * Gaussian blobs: class k is drawn from N(centre_k, spread²·I) with the K centres evenly spaced on a
 * circle of radius 2 around the origin. Small `spread` gives well-separated clusters; around 1
 * they overlap.
 *
 * @example
 * const { X, y } = makeBlobs({ n: 300, classes: 3, spread: 0.5, seed: 1 });
 * console.log(X.rows, X.cols, y.length); // 300 2 300
 */
export function makeBlobs(opts?: BlobsOptions): Dataset {
  const fn = 'makeBlobs';
  const o = options(fn, opts, ['n', 'classes', 'spread', 'seed']);
  const c = common(fn, o, 3);
  const spread = number(fn, 'spread', o.spread, 0.5, { min: 0 });
  return build(c, `blobs (${c.n} points, ${c.K} classes)`, (k, _j, _count, out) => {
    const angle = (2 * Math.PI * k) / c.K;
    out[0] = 2 * Math.cos(angle) + spread * c.rng.normal();
    out[1] = 2 * Math.sin(angle) + spread * c.rng.normal();
  });
}

/**
 * CS231n's spiral dataset (the "linear classifier vs. neural network" demo): class k's points lie
 * on an arm with radius r = linspace(0, 1) and angle t = linspace(4k, 4(k+1)) + noise·N(0, 1),
 * at (r·sin t, r·cos t). Not linearly separable: a linear classifier gets about 50% on 3 classes.
 *
 * @example
 * const { X, y, classNames } = makeSpirals({ n: 300, classes: 3, noise: 0.2, seed: 0 });
 * console.log(X.rows, classNames); // 300 ['class 0', 'class 1', 'class 2']
 */
export function makeSpirals(opts?: SpiralsOptions): Dataset {
  const fn = 'makeSpirals';
  const o = options(fn, opts, ['n', 'classes', 'noise', 'seed']);
  const c = common(fn, o, 3);
  const noise = number(fn, 'noise', o.noise, 0.2, { min: 0 });
  return build(c, `spirals (${c.n} points, ${c.K} classes)`, (k, j, count, out) => {
    const f = count > 1 ? j / (count - 1) : 0; // np.linspace(0, 1, count)[j]
    const r = f;
    const t = 4 * k + 4 * f + noise * c.rng.normal();
    out[0] = r * Math.sin(t);
    out[1] = r * Math.cos(t);
  });
}

/**
 * A linearly separable set with a margin: the plane is cut into K equal sectors around the origin
 * (class k's sector is centred on angle 2πk/K), points are drawn uniformly in their class's sector
 * of the unit disc and then pushed outward along the sector's bisector so every point lies at least
 * margin/2 from every boundary: the classes are separated by empty bands of width `margin`.
 * W with column k = (cos 2πk/K, sin 2πk/K) classifies every point correctly (no bias needed), so a
 * trained linear classifier must reach 100% training accuracy.
 *
 * @example
 * const { X, y } = makeLinearlySeparable({ n: 200, classes: 2, margin: 0.5, seed: 3 });
 * // class 0 has x ≥ 0.25, class 1 has x ≤ −0.25
 */
export function makeLinearlySeparable(opts?: LinearlySeparableOptions): Dataset {
  const fn = 'makeLinearlySeparable';
  const o = options(fn, opts, ['n', 'classes', 'margin', 'seed']);
  const c = common(fn, o, 2);
  const margin = number(fn, 'margin', o.margin, 0.2, { min: 0 });
  const half = Math.PI / c.K; // half the sector's angle
  // Moving a point by s along the bisector moves it s·sin(half) away from each of the sector's two boundary rays.
  const push = margin / (2 * Math.sin(half));
  return build(c, `linearly separable (${c.n} points, ${c.K} classes, margin ${margin})`, (k, _j, _count, out) => {
    const centre = (2 * Math.PI * k) / c.K;
    const r = Math.sqrt(c.rng.uniform()); // uniform over the sector's area
    const angle = centre + (2 * c.rng.uniform() - 1) * half;
    out[0] = r * Math.cos(angle) + push * Math.cos(centre);
    out[1] = r * Math.sin(angle) + push * Math.sin(centre);
  });
}
