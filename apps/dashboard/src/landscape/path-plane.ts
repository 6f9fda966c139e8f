/**
 * The plane an optimizer's path is drawn on. Random directions through W (the lecture's slices)
 * are almost orthogonal to any path in a space of thousands of dimensions, so the path would
 * project to a dot; instead the plane is the path's own: @svm/core's trajectoryDirections (the two
 * principal directions of the path around its end W, unit length, orthogonal).
 *
 * Only the presentation is decided here: the library's directions have an arbitrary sign and unit
 * length, while `--range` counts in lengths of the path with the start on the positive side. So each
 * direction is flipped to put the start at a ≥ 0, b ≥ 0 and stretched to the start's distance from
 * the end — the start then lies on the unit circle, and the default range [-0.75, 1.5] holds it.
 */
import { Matrix, projectTrajectory, trajectoryDirections } from '@svm/core';

export interface PathPlane {
  /** The end of the path: the plane's origin. */
  center: Matrix;
  directions: [Matrix, Matrix];
}

/** `m` times `k` (a presentation choice of sign and unit, not a computation of the plane). */
function times(m: Matrix, k: number): Matrix {
  return Matrix.from(m.rows, m.cols, Array.from(m.data, (v) => v * k), m.dtype);
}

export function pathPlane(points: Matrix[], seed = 0): PathPlane {
  const center = points[points.length - 1]!;
  const [d1, d2] = trajectoryDirections(points, { center, seed });
  const start = projectTrajectory(center, [d1, d2], [points[0]!]);
  const a = start.a[0]!;
  const b = start.b[0]!;
  // The start's distance from the end on the plane (1 when the path did not move).
  const length = Math.hypot(a, b) || 1;
  return { center, directions: [times(d1, a < 0 ? -length : length), times(d2, b < 0 ? -length : length)] };
}
