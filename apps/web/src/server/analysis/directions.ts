/**
 * Directions for a slice that contains an optimizer's path (the "trajectory plane" of Li et al.,
 * 2018): the first runs from the path's start to its end, the second along the path's largest
 * sideways excursion from that line. A random second direction would be almost orthogonal to
 * everything the path does in thousands of dimensions — and would barely change the scores,
 * because random weights ignore the image structure a trained W has.
 */
import { initWeights, type Matrix } from '@svm/core';

function dot(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i]! * b.data[i]!;
  return s;
}

/** [end − start, the largest excursion (orthogonal to it)], both of length ‖end − start‖. */
export function pathDirections(path: Matrix[], seed: number): [Matrix, Matrix] {
  const start = path[0]!;
  const end = path[path.length - 1]!;
  const along = end.clone();
  for (let i = 0; i < along.size; i++) along.data[i] = end.data[i]! - start.data[i]!;
  const length2 = dot(along, along);
  let across: Matrix | undefined;
  let widest = 0;
  for (const W of path) {
    const r = W.clone();
    for (let i = 0; i < r.size; i++) r.data[i] = W.data[i]! - start.data[i]!;
    const t = length2 > 0 ? dot(r, along) / length2 : 0;
    for (let i = 0; i < r.size; i++) r.data[i] = r.data[i]! - t * along.data[i]!;
    const n2 = dot(r, r);
    if (n2 > widest) {
      widest = n2;
      across = r;
    }
  }
  // A straight path (or one step) has no excursion: fall back to a random direction.
  if (!across || widest < 1e-12 * length2) across = initWeights(start.rows, start.cols, { seed: seed + 1, scale: 1, dtype: start.dtype });
  const scale = Math.sqrt(length2 / (dot(across, across) || 1));
  for (let i = 0; i < across.size; i++) across.data[i] = across.data[i]! * scale;
  return [along, across];
}
