/**
 * Directions for a slice that holds an optimizer's path: the two principal components of the
 * path's weights around a centre (Li et al., 2018, "Visualizing the Loss Landscape of Neural
 * Nets", §6), so that lossSlice2D over them shows the path lying in the plane, not a projection of
 * a path that mostly left it.
 */
import { Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';
import { checkMatrix } from '../loss/problem.js';
import { Rng } from '../util/rng.js';
import { number, options, rangeError, typeError } from '../util/validate.js';
import { dot } from './common.js';

/** Options of {@link trajectoryDirections}. */
export interface TrajectoryDirectionsOptions {
  /** The slice's centre. Default: the last point (where the optimizer ended). */
  center?: Matrix;
  /** Seed of the fallback direction when the path is a straight line. Default 0. */
  seed?: number;
}

/**
 * The top two principal directions of `points − center`, each of unit Frobenius norm and
 * orthogonal to the other. Pass them to lossSlice2D as `directions` (with `W = center`) and
 * project the points with projectTrajectory to choose a `range` that holds the path.
 * @param points the path's weights (e.g. snapshots of W from `snapshotEvery`), at least two, all
 *   of one shape
 * @param opts `center` (default the last point), `seed` (default 0)
 * @returns [W1, W2], shaped like the points (in the first point's dtype)
 * @throws TypeError/RangeError for fewer than two points, points (or a center) of different shapes,
 *   weights with fewer than 2 entries, an unknown option
 * @example
 * const center = snapshots[snapshots.length - 1]!;
 * const [W1, W2] = trajectoryDirections(snapshots); // centred on the last snapshot by default
 * const path = projectTrajectory(center, [W1, W2], snapshots);
 * const span = Math.max(...path.a.map(Math.abs), ...path.b.map(Math.abs));
 * const plane = await lossSlice2D(center, X, y, { directions: [W1, W2], range: [-1.2 * span, 1.2 * span] });
 */
export function trajectoryDirections(points: Matrix[], opts?: TrajectoryDirectionsOptions): [Matrix, Matrix] {
  const fn = 'trajectoryDirections';
  const o = options(fn, opts, ['center', 'seed']);
  if (!Array.isArray(points) || points.length < 2) throw typeError(fn, 'points', 'an array of at least two weight matrices', points);
  const first = checkMatrix(fn, 'points[0]', points[0]);
  if (first.size < 2) {
    throw rangeError(fn, `the points are ${first.rows}×${first.cols}; expected weights with at least 2 entries (two orthogonal directions need two dimensions)`);
  }
  points.forEach((p, i) => {
    const m = checkMatrix(fn, `points[${i}]`, p);
    if (m.rows !== first.rows || m.cols !== first.cols) throw rangeError(fn, `points[${i}] is ${m.rows}×${m.cols} but points[0] is ${first.rows}×${first.cols}`);
  });
  const center = o.center === undefined ? points[points.length - 1]! : checkMatrix(fn, 'center', o.center);
  if (center.rows !== first.rows || center.cols !== first.cols) throw rangeError(fn, `center is ${center.rows}×${center.cols} but the points are ${first.rows}×${first.cols}`);
  const T = points.length;
  const size = first.size;
  // The differences as the rows of one T×size matrix, so that the products below are single
  // matrix products: on the native backend BLAS does in ~1 ms what dot products in JS took
  // 120–190 ms for 61 snapshots of a 785×10 W (holding a server's event loop all the while).
  const Dm = Matrix.zeros(T, size, 'float64');
  const diffs = points.map((p, t) => {
    const d = Dm.data.subarray(t * size, (t + 1) * size);
    for (let i = 0; i < size; i++) d[i] = p.data[i]! - center.data[i]!;
    return d;
  });
  const backend = getBackend();
  // Gram matrix of the differences (T×T), then its top eigenvectors by power iteration with deflation.
  const gram = new Float64Array(T * T);
  backend.matmul(Dm, Dm, false, true, gram);
  const rng = new Rng(number(fn, 'seed', o.seed, 0, { integer: true }));
  const eigen: Float64Array[] = [];
  for (let k = 0; k < 2; k++) {
    let v = Float64Array.from({ length: T }, () => rng.normal());
    for (let it = 0; it < 300; it++) {
      const w = new Float64Array(T);
      for (let a = 0; a < T; a++) {
        let sum = 0;
        for (let b = 0, row = a * T; b < T; b++) sum += gram[row + b]! * v[b]!;
        w[a] = sum;
      }
      for (const e of eigen) {
        const proj = dot(w, e);
        for (let a = 0; a < T; a++) w[a] = w[a]! - proj * e[a]!;
      }
      const norm = Math.sqrt(dot(w, w));
      if (norm === 0) break;
      let same = true;
      for (let a = 0; a < T; a++) {
        w[a] = w[a]! / norm;
        same &&= w[a] === v[a];
      }
      v = w;
      // A fixed point in floating point: every further iteration would give these same bits.
      if (same) break;
    }
    eigen.push(v);
  }
  // Each direction is Σ_t e[t]·diffs[t]: both at once as the product (2×T)·(T×size).
  const combined = new Float64Array(2 * size);
  backend.matmul(new Matrix(2, T, Float64Array.from([...eigen[0]!, ...eigen[1]!])), Dm, false, false, combined);
  const dirs: Float64Array[] = [];
  for (let k = 0; k < 2; k++) {
    const d = combined.subarray(k * size, (k + 1) * size);
    for (const prev of dirs) {
      const proj = dot(d, prev);
      for (let i = 0; i < size; i++) d[i] = d[i]! - proj * prev[i]!;
    }
    let norm = Math.sqrt(dot(d, d));
    if (norm < 1e-12 * (Math.sqrt(dot(diffs[0]!, diffs[0]!)) || 1)) {
      // A straight path (or no movement): any direction orthogonal to the first will do.
      for (let i = 0; i < size; i++) d[i] = rng.normal();
      for (const prev of dirs) {
        const proj = dot(d, prev);
        for (let i = 0; i < size; i++) d[i] = d[i]! - proj * prev[i]!;
      }
      norm = Math.sqrt(dot(d, d));
    }
    for (let i = 0; i < size; i++) d[i] = d[i]! / norm;
    dirs.push(d);
  }
  const toMatrix = (d: Float64Array) => {
    const m = Matrix.zeros(first.rows, first.cols, first.dtype);
    m.data.set(d);
    return m;
  };
  return [toMatrix(dirs[0]!), toMatrix(dirs[1]!)];
}
