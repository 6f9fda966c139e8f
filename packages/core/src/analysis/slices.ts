/**
 * Pictures of the loss along random lines and planes through weight space (the lecture's
 * L(W + a·W1) and L(W + a·W1 + b·W2)): piecewise linear for the SVM along a line, a convex bowl
 * over a plane. Scores are linear in (a, b), so a whole grid costs three score products plus
 * elementwise work in native code.
 */
import { Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';
import type { Labels } from '../loss/problem.js';
import { checkFinite, checkMatrix } from '../loss/problem.js';
import { Rng } from '../util/rng.js';
import { number, oneOf, options, rangeError, typeError } from '../util/validate.js';
import { checkAnalysisProblem, dot, lossOrInfinity, scoresOf, type CheckedProblem, type ProblemOptions } from './common.js';

/**
 * How random directions are scaled: 'frobenius' (default) gives each direction W's Frobenius norm
 * (or 1 when W is 0); 'filter' scales each class column to that column's norm in W (Li et al.,
 * 2018, "filter normalization"); 'none' keeps N(0, 1) entries.
 */
export type DirectionNormalization = 'frobenius' | 'filter' | 'none';

export interface SliceOptions extends ProblemOptions {
  /** Interval of a (and b). Default [-1, 1]. */
  range?: [number, number];
  /** Grid points per axis, ends included. Default 101 for 1-D, 51 for 2-D. */
  steps?: number;
  /** Seed of the random directions. Default 0. */
  seed?: number;
  /** Scaling of random directions (given directions are used as they are). Default 'frobenius'. */
  normalize?: DirectionNormalization;
}

/**
 * Options of {@link lossSlice1D}: `range` ([-1, 1]), `steps` (101), `seed` (0), `normalize`
 * ('frobenius'), the loss's `loss` ('svm'), `reg` (0), `delta` (1), and the direction.
 */
export interface Slice1DOptions extends SliceOptions {
  /** The direction W1 (D×C). Default: random. */
  direction?: Matrix;
}

/**
 * Options of {@link lossSlice2D}: `range` ([-1, 1], for a and b), `steps` (51 per axis), `seed`
 * (0), `normalize` ('frobenius'), the loss's `loss` ('svm'), `reg` (0), `delta` (1), and the
 * directions.
 */
export interface Slice2DOptions extends SliceOptions {
  /** The directions W1, W2 (D×C each). Default: random. */
  directions?: [Matrix, Matrix];
}

/** What {@link lossSlice1D} returns. */
export interface Slice1D {
  /** The grid of a: `steps` points evenly spaced over `range`, ends included. */
  a: Float64Array;
  /** loss[i] = L(W + a[i]·W1). */
  loss: Float64Array;
  /** The direction W1 used (the given one, or the normalized random one), D×C. */
  direction: Matrix;
}

/** What {@link lossSlice2D} returns. */
export interface Slice2D {
  /** The grid of a (along W1): `steps` points evenly spaced over `range`, ends included. */
  a: Float64Array;
  /** The grid of b (along W2): the same points as a. */
  b: Float64Array;
  /** Row-major: loss[i·steps + j] = L(W + a[i]·W1 + b[j]·W2). */
  loss: Float64Array;
  /** The directions [W1, W2] used (given, or normalized random ones), D×C each: pass them to {@link projectTrajectory}. */
  directions: [Matrix, Matrix];
}

function normalized(dir: Matrix, W: Matrix, how: DirectionNormalization): Matrix {
  if (how === 'none') return dir;
  if (how === 'frobenius') {
    const target = Math.sqrt(dot(W.data, W.data)) || 1;
    const scale = target / (Math.sqrt(dot(dir.data, dir.data)) || 1);
    for (let i = 0; i < dir.size; i++) dir.data[i] = dir.data[i]! * scale;
    return dir;
  }
  for (let c = 0; c < W.cols; c++) {
    let wn = 0;
    let dn = 0;
    for (let r = 0; r < W.rows; r++) {
      wn += W.get(r, c) ** 2;
      dn += dir.get(r, c) ** 2;
    }
    const scale = (Math.sqrt(wn) || 1) / (Math.sqrt(dn) || 1);
    for (let r = 0; r < W.rows; r++) dir.set(r, c, dir.get(r, c) * scale);
  }
  return dir;
}

function randomDirection(W: Matrix, rng: Rng, how: DirectionNormalization): Matrix {
  const d = Matrix.zeros(W.rows, W.cols, W.dtype);
  rng.fillNormal(d.data);
  return normalized(d, W, how);
}

function checkDirection(fn: string, name: string, d: unknown, W: Matrix): Matrix {
  const m = checkMatrix(fn, name, d);
  if (m.rows !== W.rows || m.cols !== W.cols) throw rangeError(fn, `${name} is ${m.rows}×${m.cols} but W is ${W.rows}×${W.cols}; expected the same shape`);
  if (m.dtype !== W.dtype) throw typeError(fn, name, `W's dtype (${W.dtype})`, `${m.dtype} data`);
  checkFinite(fn, name, m, false);
  return m;
}

function grid(fn: string, o: SliceOptions, fallbackSteps: number): Float64Array {
  let lo = -1;
  let hi = 1;
  if (o.range !== undefined) {
    if (!Array.isArray(o.range) || o.range.length !== 2) throw typeError(fn, 'range', '[lo, hi]', o.range);
    lo = number(fn, 'range[0]', o.range[0], undefined);
    hi = number(fn, 'range[1]', o.range[1], undefined);
    if (!(hi > lo)) throw rangeError(fn, `range [${lo}, ${hi}] is empty; expected lo < hi`);
    if (!Number.isFinite(hi - lo)) throw rangeError(fn, `range [${lo}, ${hi}] is too wide: hi − lo overflows; expected a finite hi − lo`);
  }
  const steps = number(fn, 'steps', o.steps, fallbackSteps, { integer: true, min: 2, max: 2001 });
  return Float64Array.from({ length: steps }, (_, i) => lo + ((hi - lo) * i) / (steps - 1));
}

// reg·‖W + a·W1 + b·W2‖², expanded so no grid point touches W.
function regAt(p: CheckedProblem, W1: Matrix, W2: Matrix | null) {
  // reg = 0 adds nothing even where a² overflows (0·Infinity would be NaN).
  if (p.reg === 0) return () => 0;
  const w = p.W.data;
  const ww = dot(w, w);
  const w1 = dot(w, W1.data);
  const d11 = dot(W1.data, W1.data);
  const w2 = W2 ? dot(w, W2.data) : 0;
  const d22 = W2 ? dot(W2.data, W2.data) : 0;
  const d12 = W2 ? dot(W1.data, W2.data) : 0;
  return (a: number, b: number) => p.reg * (ww + 2 * a * w1 + 2 * b * w2 + a * (a * d11) + 2 * a * (b * d12) + b * (b * d22));
}

const KNOWN_1D = ['direction', 'range', 'steps', 'seed', 'normalize', 'loss', 'reg', 'delta'] as const;
const KNOWN_2D = ['directions', 'range', 'steps', 'seed', 'normalize', 'loss', 'reg', 'delta'] as const;

/**
 * The loss along a line through W: L(W + a·W1) for a on a grid. For the SVM it is piecewise
 * linear (a sum of hinges, each linear in a). Where the loss overflows double precision (a range
 * far beyond W's scale) it is reported as Infinity; a range whose width hi − lo overflows is a
 * RangeError.
 * @param W the centre, D×C
 * @param X data, N×D, same dtype as W
 * @param y N labels in [0, C)
 * @param opts `direction` (default random), `range` (default [-1, 1]), `steps` (default 101),
 *   `seed` (default 0), `normalize` (default 'frobenius'), `loss` ('svm'), `reg` (0), `delta` (1)
 * @throws TypeError/RangeError for mismatched shapes or dtypes, bad labels, NaN/Inf in W, X or the
 *   direction, a direction not shaped and typed like W, an empty range, steps outside [2, 2001],
 *   an unknown option
 * @example
 * const { a, loss } = await lossSlice1D(W, X, y, { range: [-2, 2], steps: 201 });
 */
export async function lossSlice1D(W: Matrix, X: Matrix, y: Labels, opts?: Slice1DOptions): Promise<Slice1D> {
  const fn = 'lossSlice1D';
  const o = options(fn, opts, KNOWN_1D);
  const p = checkAnalysisProblem(fn, W, X, y, o);
  const how = oneOf(fn, 'normalize', o.normalize, ['frobenius', 'filter', 'none'] as const, 'frobenius');
  const a = grid(fn, o, 101);
  const rng = new Rng(number(fn, 'seed', o.seed, 0, { integer: true }));
  const W1 = o.direction !== undefined ? checkDirection(fn, 'direction', o.direction, p.W) : randomDirection(p.W, rng, how);
  const [S0, S1] = await Promise.all([scoresOf(p.X, p.W), scoresOf(p.X, W1)]);
  const loss = new Float64Array(a.length);
  await getBackend().lossGrid(p.kind, p.delta, S0, S1, null, p.X.rows, p.W.cols, p.y, a, null, loss);
  const reg = regAt(p, W1, null);
  for (let i = 0; i < a.length; i++) loss[i] = lossOrInfinity(loss[i]! + reg(a[i]!, 0));
  return { a, loss, direction: W1 };
}

/**
 * The loss over a plane through W: L(W + a·W1 + b·W2) on a steps × steps grid — the lecture's
 * heat-map (blue low, red high), a convex bowl for the SVM and softmax. Overflowing points are
 * Infinity, as in {@link lossSlice1D}. Costs steps² grid points: mind `steps` on large data.
 * @param W the centre, D×C
 * @param X data, N×D, same dtype as W
 * @param y N labels in [0, C)
 * @param opts `directions` (default two random ones), `range` (default [-1, 1]), `steps` (default
 *   51), `seed` (default 0), `normalize` (default 'frobenius'), `loss` ('svm'), `reg` (0), `delta` (1)
 * @throws TypeError/RangeError as {@link lossSlice1D}
 * @example
 * const { a, b, loss } = await lossSlice2D(W, X, y, { steps: 101 }); // loss[i * 101 + j] at (a[i], b[j])
 */
export async function lossSlice2D(W: Matrix, X: Matrix, y: Labels, opts?: Slice2DOptions): Promise<Slice2D> {
  const fn = 'lossSlice2D';
  const o = options(fn, opts, KNOWN_2D);
  const p = checkAnalysisProblem(fn, W, X, y, o);
  const how = oneOf(fn, 'normalize', o.normalize, ['frobenius', 'filter', 'none'] as const, 'frobenius');
  const a = grid(fn, o, 51);
  const b = a.slice();
  const rng = new Rng(number(fn, 'seed', o.seed, 0, { integer: true }));
  let dirs: [Matrix, Matrix];
  if (o.directions !== undefined) {
    if (!Array.isArray(o.directions) || o.directions.length !== 2) throw typeError(fn, 'directions', '[W1, W2]', o.directions);
    dirs = [checkDirection(fn, 'directions[0]', o.directions[0], p.W), checkDirection(fn, 'directions[1]', o.directions[1], p.W)];
  } else {
    dirs = [randomDirection(p.W, rng, how), randomDirection(p.W, rng, how)];
  }
  const [S0, S1, S2] = await Promise.all([scoresOf(p.X, p.W), scoresOf(p.X, dirs[0]), scoresOf(p.X, dirs[1])]);
  const loss = new Float64Array(a.length * b.length);
  await getBackend().lossGrid(p.kind, p.delta, S0, S1, S2, p.X.rows, p.W.cols, p.y, a, b, loss);
  const reg = regAt(p, dirs[0], dirs[1]);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) loss[i * b.length + j] = lossOrInfinity(loss[i * b.length + j]! + reg(a[i]!, b[j]!));
  return { a, b, loss, directions: dirs };
}

/**
 * Projects weights (an optimizer's snapshots) onto the plane of a 2-D slice: the (a, b) whose
 * W + a·W1 + b·W2 is closest to each point (least squares), so a path can be drawn over the
 * heat-map. With one direction it returns the coordinate along the line (b is all zeros).
 * @param W the slice's centre, D×C
 * @param directions the slice's W1 (a line) or [W1, W2] (a plane), shaped and typed like W
 * @param points the weights to project, each shaped like W
 * @returns `{ a, b }`: point k sits at (a[k], b[k])
 * @throws TypeError/RangeError for directions or points not shaped like W, and for zero or
 *   parallel directions
 * @example
 * const path = projectTrajectory(W, slice.directions, snapshots);
 */
export function projectTrajectory(W: Matrix, directions: Matrix | [Matrix, Matrix], points: Matrix[]): { a: Float64Array; b: Float64Array } {
  const fn = 'projectTrajectory';
  const w = checkMatrix(fn, 'W', W);
  const dirs = Array.isArray(directions) ? directions : [directions];
  if (dirs.length < 1 || dirs.length > 2) throw typeError(fn, 'directions', 'a Matrix or [W1, W2]', directions);
  const [d1, d2] = dirs.map((d, i) => checkDirection(fn, `directions[${i}]`, d, w));
  if (!Array.isArray(points)) throw typeError(fn, 'points', 'an array of matrices', points);
  const a = new Float64Array(points.length);
  const b = new Float64Array(points.length);
  const g11 = dot(d1!.data, d1!.data);
  const g22 = d2 ? dot(d2.data, d2.data) : 1;
  const g12 = d2 ? dot(d1!.data, d2.data) : 0;
  const det = g11 * g22 - g12 * g12;
  if (!(det > 0)) throw rangeError(fn, 'the directions are zero or parallel; expected two independent directions');
  // Every point's offset against both directions in one product, (T×size)·(size×2): dot products
  // in JS took ~20 ms for a web landscape's 61 snapshots, on the server's event loop.
  const T = points.length;
  if (T === 0) return { a, b };
  const diffs = Matrix.zeros(T, w.size, 'float64');
  points.forEach((pt, k) => {
    const m = checkMatrix(fn, `points[${k}]`, pt);
    if (m.rows !== w.rows || m.cols !== w.cols) throw rangeError(fn, `points[${k}] is ${m.rows}×${m.cols} but W is ${w.rows}×${w.cols}`);
    const row = diffs.data.subarray(k * w.size, (k + 1) * w.size);
    for (let i = 0; i < w.size; i++) row[i] = m.data[i]! - w.data[i]!;
  });
  const both = Matrix.zeros(w.size, 2, 'float64');
  for (let i = 0; i < w.size; i++) {
    both.data[2 * i] = d1!.data[i]!;
    both.data[2 * i + 1] = d2 ? d2.data[i]! : 0;
  }
  const r = new Float64Array(2 * T);
  getBackend().matmul(diffs, both, false, false, r);
  for (let k = 0; k < T; k++) {
    const r1 = r[2 * k]!;
    const r2 = r[2 * k + 1]!;
    a[k] = (g22 * r1 - g12 * r2) / det;
    b[k] = d2 ? (g11 * r2 - g12 * r1) / det : 0;
  }
  return { a, b };
}

