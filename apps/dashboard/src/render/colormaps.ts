/**
 * Colour maps from d3-scale-chromatic, sampled once into 256-entry tables (a d3 interpolator
 * builds and parses a CSS string per call — too slow for thousands of pixels ten times a second).
 */
import { rgb } from 'd3-color';
import { interpolateRdBu, interpolateTurbo } from 'd3-scale-chromatic';
import type { Rgb } from './colour.js';

export type ColourMap = (v: number) => Rgb;

function table(interpolate: (t: number) => string): ColourMap {
  const entries: Rgb[] = Array.from({ length: 256 }, (_, i) => {
    const c = rgb(interpolate(i / 255));
    return [Math.round(c.r), Math.round(c.g), Math.round(c.b)] as const;
  });
  return (v) => {
    const t = Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
    return entries[Math.round(t * 255)]!;
  };
}

/** Diverging, for signed weights: 0 blue (negative), 0.5 near-white (zero), 1 red (positive). */
export const diverging: ColourMap = table((t) => interpolateRdBu(1 - t));

/** Sequential, for a loss surface: blue low, red high (the lecture's heat-map). */
export const heat: ColourMap = table(interpolateTurbo);
