/**
 * Class templates from weights (CS231n's picture of what a linear classifier learns): each class's
 * column of W, bias row dropped, reshaped to the image, shrunk to a thumbnail. Grey images use a
 * diverging map around zero weight (red where a pixel votes for the class, blue against), colour
 * images show their channels as RGB scaled jointly over all classes, as the notebook does.
 */
import type { Matrix } from '@svm/core';
import { diverging } from './colormaps.js';
import { makeGrid, setPixel, type PixelGrid } from './pixels.js';

export interface TemplateImage {
  className: string;
  grid: PixelGrid;
}

/** Whether W's rows (less a bias row) make images of this shape. */
export function weightsMatchImage(W: Matrix, imageShape: number[] | undefined): boolean {
  if (!imageShape || imageShape.length < 2) return false;
  const size = imageShape.reduce((a, b) => a * b, 1);
  return W.rows === size || W.rows === size + 1;
}

/**
 * Box-filter shrink of class c's weights from (h, w, ch) to (th, tw, ch): each target pixel is the
 * mean of the source pixels it covers.
 */
function shrink(W: Matrix, c: number, h: number, w: number, ch: number, th: number, tw: number): Float64Array {
  const C = W.cols;
  const out = new Float64Array(th * tw * ch);
  for (let ty = 0; ty < th; ty++) {
    const y0 = Math.floor((ty * h) / th);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * h) / th));
    for (let tx = 0; tx < tw; tx++) {
      const x0 = Math.floor((tx * w) / tw);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * w) / tw));
      for (let k = 0; k < ch; k++) {
        let sum = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += W.data[((y * w + x) * ch + k) * C + c]!;
        out[(ty * tw + tx) * ch + k] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
  }
  return out;
}

/**
 * The C templates as pixel grids `width` pixels wide (height keeps the aspect ratio).
 * @param W D×C weights, optionally with the bias row last
 */
export function templateImages(W: Matrix, imageShape: number[], classNames: string[], width: number): TemplateImage[] {
  const [h, w] = imageShape as [number, number];
  const ch = imageShape[2] ?? 1;
  const tw = Math.max(1, Math.min(w, width));
  const th = Math.max(1, Math.round((h * tw) / w));
  const shrunk = Array.from({ length: W.cols }, (_, c) => shrink(W, c, h, w, ch, th, tw));
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of shrunk) for (const v of s) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  const maxAbs = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const span = hi - lo || 1;
  return shrunk.map((s, c) => {
    const grid = makeGrid(tw, th);
    for (let p = 0; p < tw * th; p++) {
      const x = p % tw;
      const y = Math.floor(p / tw);
      if (ch === 1) {
        // Symmetric around zero weight so 0.5 means "no vote" in every template.
        // Quantized to 13 levels: neighbouring pixels then often share a colour code (fewer bytes
        // for Ink to process each frame), and a 14-pixel thumbnail shows no more anyway.
        const v = Math.round((0.5 + (0.5 * s[p]!) / maxAbs) * 12) / 12;
        setPixel(grid, x, y, diverging(v), v);
      } else {
        const r = (s[p * ch]! - lo) / span;
        const g = (s[p * ch + 1]! - lo) / span;
        const b = (s[p * ch + 2]! - lo) / span;
        setPixel(grid, x, y, [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)], 0.299 * r + 0.587 * g + 0.114 * b);
      }
    }
    return { className: classNames[c] ?? String(c), grid };
  });
}
