/**
 * A 2-D loss slice as a heat-map grid (one pixel per grid point, blue low, red high, on a log
 * scale so the floor of the bowl keeps its detail) with an optimizer's path marked on it.
 */
import { heat } from './colormaps.js';
import { makeGrid, setPixel, type Mark, type PixelGrid } from './pixels.js';

export interface HeatmapInput {
  /** Row-major values: index i·nb + j is (a[i], b[j]). */
  values: ArrayLike<number>;
  a: ArrayLike<number>;
  b: ArrayLike<number>;
}

export interface HeatmapPicture {
  grid: PixelGrid;
  /** Loss range shown (for the legend). */
  min: number;
  max: number;
  /** Marks keyed by terminal cell (line · width + x). */
  marks: Map<number, Mark>;
}

/** log(v − min + ε) mapped to [0, 1]: spreads the low values where the interesting part is. */
function logScale(min: number, max: number): (v: number) => number {
  const eps = Math.max((max - min) * 1e-3, 1e-12);
  const top = Math.log(max - min + eps);
  const bottom = Math.log(eps);
  return (v) => (Math.log(Math.max(v - min, 0) + eps) - bottom) / (top - bottom || 1);
}

/**
 * Grid: a along the vertical axis (top = a's high end), b along the horizontal, as the lecture draws
 * W + a·W1 + b·W2. `path` points (a, b) are drawn as dots, its start as "S" and its end as "E".
 */
export function heatmapPicture(input: HeatmapInput, path?: { a: ArrayLike<number>; b: ArrayLike<number> }): HeatmapPicture {
  const na = input.a.length;
  const nb = input.b.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < input.values.length; i++) {
    const v = input.values[i]!;
    if (Number.isFinite(v)) (min = Math.min(min, v)), (max = Math.max(max, v));
  }
  const scale = logScale(min, max);
  const grid = makeGrid(nb, na);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      const t = scale(input.values[i * nb + j]!);
      setPixel(grid, j, na - 1 - i, heat(t), t);
    }
  }
  const marks = new Map<number, Mark>();
  if (path && path.a.length > 0) {
    const a0 = input.a[0]!;
    const a1 = input.a[na - 1]!;
    const b0 = input.b[0]!;
    const b1 = input.b[nb - 1]!;
    const cellOf = (a: number, b: number): number | undefined => {
      const i = Math.round(((a - a0) / (a1 - a0)) * (na - 1));
      const j = Math.round(((b - b0) / (b1 - b0)) * (nb - 1));
      if (!(i >= 0 && i < na && j >= 0 && j < nb)) return undefined;
      const y = na - 1 - i;
      return Math.floor(y / 2) * nb + j;
    };
    const n = path.a.length;
    for (let k = 0; k < n; k++) {
      const cell = cellOf(path.a[k]!, path.b[k]!);
      if (cell !== undefined && !marks.has(cell)) marks.set(cell, { char: '•' });
    }
    const start = cellOf(path.a[0]!, path.b[0]!);
    const end = cellOf(path.a[n - 1]!, path.b[n - 1]!);
    if (start !== undefined) marks.set(start, { char: 'S' });
    if (end !== undefined) marks.set(end, { char: 'E' });
  }
  return { grid, min, max, marks };
}
