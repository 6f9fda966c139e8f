/**
 * The plane an optimizer's path is drawn on. Random directions through W (the lecture's slices)
 * are almost orthogonal to any path in a space of thousands of dimensions, so the path would
 * project to a dot; instead the plane goes through three points of the path: the end W (centre),
 * d1 = start − end, and d2 = (middle − end) with its d1 component removed, scaled to |d1|
 * (the "trajectory plane" of loss-landscape papers, by Gram–Schmidt).
 */
import { Matrix, Rng } from '@svm/core';

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function pathPlane(points: Matrix[], seed = 0): { center: Matrix; directions: [Matrix, Matrix] } {
  const end = points[points.length - 1]!;
  const start = points[0]!;
  const mid = points[Math.floor(points.length / 2)]!;
  const d1 = Matrix.zeros(end.rows, end.cols, end.dtype);
  const d2 = Matrix.zeros(end.rows, end.cols, end.dtype);
  for (let i = 0; i < d1.size; i++) {
    d1.data[i] = start.data[i]! - end.data[i]!;
    d2.data[i] = mid.data[i]! - end.data[i]!;
  }
  let n1 = Math.sqrt(dot(d1.data, d1.data));
  if (!(n1 > 0)) {
    new Rng(seed).fillNormal(d1.data);
    n1 = Math.sqrt(dot(d1.data, d1.data));
  }
  const along = dot(d2.data, d1.data) / (n1 * n1);
  for (let i = 0; i < d2.size; i++) d2.data[i] = d2.data[i]! - along * d1.data[i]!;
  let n2 = Math.sqrt(dot(d2.data, d2.data));
  if (!(n2 > 1e-6 * n1)) {
    // A straight path: any direction orthogonal to it will do.
    new Rng(seed + 1).fillNormal(d2.data);
    const a2 = dot(d2.data, d1.data) / (n1 * n1);
    for (let i = 0; i < d2.size; i++) d2.data[i] = d2.data[i]! - a2 * d1.data[i]!;
    n2 = Math.sqrt(dot(d2.data, d2.data));
  }
  for (let i = 0; i < d2.size; i++) d2.data[i] = (d2.data[i]! * n1) / n2;
  return { center: end, directions: [d1, d2] };
}
