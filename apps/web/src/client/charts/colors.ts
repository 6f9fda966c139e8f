/**
 * Colour scales, all from d3-scale-chromatic: the loss heatmap (reversed RdBu: blue low, red
 * high, as in the lecture), grey templates, blue confusion cells and categorical class colours.
 * Canvas code needs bytes, so each scale is sampled once into a 256-entry lookup table.
 */
import { interpolateBlues, interpolateGreys, interpolateRdBu, schemeTableau10 } from 'd3-scale-chromatic';

export type Rgb = [number, number, number];

function parse(css: string): Rgb {
  const [r = 0, g = 0, b = 0] = (css.match(/\d+/g) ?? []).map(Number);
  return [r, g, b];
}

function table(interpolate: (t: number) => string): Rgb[] {
  return Array.from({ length: 256 }, (_, k) => parse(interpolate(k / 255)));
}

/** Loss, low → high: blue → white → red. */
export const lossScale = (t: number) => interpolateRdBu(1 - t);
export const LOSS_LUT = table(lossScale);

/** Template weights, low → high: black → white. */
export const GREY_LUT = table((t) => interpolateGreys(1 - t));

export const confusionColor = (t: number) => interpolateBlues(0.05 + 0.9 * t);

/** One colour per class (index mod 10). */
export const classColor = (k: number) => schemeTableau10[k % schemeTableau10.length]!;

/** Lines of the charts: the same categorical scheme, by role. */
export const SERIES = { first: schemeTableau10[0]!, second: schemeTableau10[1]!, third: schemeTableau10[2]!, good: schemeTableau10[4]! };
