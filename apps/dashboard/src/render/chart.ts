/**
 * Line charts with asciichart, sized to a width: series are resampled to the columns available
 * (bin means, so a chart of 100 000 steps still shows the trend), non-finite points are dropped,
 * and an optional log scale keeps a diverging or overshooting loss readable.
 */
import asciichart from 'asciichart';
import { num } from '../format.js';

/**
 * Means of `width` equal bins over `values`; with `stretch`, a short series is widened to `width`
 * by repeating each value (a step plot: a handful of step sizes still gets a readable chart).
 */
export function resample(values: ArrayLike<number>, width: number, stretch = false): number[] {
  const n = values.length;
  if (n <= width) {
    if (!stretch || n === 0) return Array.from(values);
    return Array.from({ length: width }, (_, i) => values[Math.min(n - 1, Math.floor((i * n) / width))]!);
  }
  const out: number[] = [];
  for (let b = 0; b < width; b++) {
    const from = Math.floor((b * n) / width);
    const to = Math.max(from + 1, Math.floor(((b + 1) * n) / width));
    let sum = 0;
    let k = 0;
    for (let i = from; i < to; i++) {
      const v = values[i]!;
      if (Number.isFinite(v)) (sum += v), k++;
    }
    out.push(k ? sum / k : Number.NaN);
  }
  return out;
}

/** Replaces non-finite points by their nearest finite neighbour before them (asciichart cannot skip). */
function finite(series: number[]): number[] {
  let last = series.find(Number.isFinite) ?? 0;
  return series.map((v) => (Number.isFinite(v) ? (last = v) : last));
}

export interface ChartOptions {
  /** Total width in columns, labels included. */
  width: number;
  /** Rows of plot area (the chart is height + 1 lines). */
  height: number;
  /** asciichart colour codes, one per series (omit for plain text). */
  colours?: string[];
  /** Plot log10 of the values (labels show the values). */
  log?: boolean;
  /** Label width in characters. Default 8. */
  labelWidth?: number;
  /** Widen short series to the full width (see resample). */
  stretch?: boolean;
}

/** The width of the plot area for a chart of total width `width`. */
export function plotWidth(width: number, labelWidth = 8): number {
  return Math.max(4, width - labelWidth - 2);
}

/**
 * A line chart of one or more series (all resampled to the same plot width, so x is "share of the
 * run" for each). Returns the chart's lines, or [] when there is nothing to plot.
 */
export function lineChart(series: ArrayLike<number>[], o: ChartOptions): string[] {
  const labelWidth = o.labelWidth ?? 8;
  const pw = plotWidth(o.width, labelWidth);
  // A series with nothing finite yet (a race lane that has not started) is left out, with its
  // colour: drawn, its NaNs would become a flat line at 0 (1 on a log scale) stretching the axis.
  const kept = series
    .map((s, i) => {
      const r = resample(s, pw, o.stretch);
      return { values: o.log ? r.map((v) => (v > 0 ? Math.log10(v) : Number.NaN)) : r, colour: o.colours?.[i] };
    })
    .filter((s) => s.values.some(Number.isFinite));
  const transformed = kept.map((s) => finite(s.values));
  const colours = o.colours ? kept.map((s) => s.colour!) : undefined;
  if (transformed.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const s of transformed) for (const v of s) (min = Math.min(min, v)), (max = Math.max(max, v));
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max - min < 1e-12) (max += 0.5), (min -= 0.5);
  const text = asciichart.plot(transformed, {
    height: Math.max(1, o.height),
    min,
    max,
    offset: 3,
    ...(colours ? { colors: colours } : {}),
    format: (x: number) => num(o.log ? 10 ** x : x, 3).padStart(labelWidth).slice(-labelWidth),
  });
  return text.split('\n');
}
