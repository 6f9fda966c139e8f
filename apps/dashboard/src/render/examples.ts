/** Input images (raw features in [0, 1], HWC) as thumbnails, grey or colour, for `svm predict`. */
import { makeGrid, setPixel, type PixelGrid } from './pixels.js';

export function exampleGrid(features: ArrayLike<number>, shape: number[], width: number): PixelGrid {
  const [h, w] = shape as [number, number];
  const ch = shape[2] ?? 1;
  const tw = Math.max(1, Math.min(w, width));
  const th = Math.max(1, Math.round((h * tw) / w));
  const grid = makeGrid(tw, th);
  for (let ty = 0; ty < th; ty++) {
    const y0 = Math.floor((ty * h) / th);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * h) / th));
    for (let tx = 0; tx < tw; tx++) {
      const x0 = Math.floor((tx * w) / tw);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * w) / tw));
      const sum = [0, 0, 0];
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let k = 0; k < ch; k++) sum[k]! += features[(y * w + x) * ch + k]!;
      const area = (y1 - y0) * (x1 - x0);
      const v = sum.map((s) => Math.min(1, Math.max(0, s / area)));
      const rgb = ch === 1 ? [v[0]!, v[0]!, v[0]!] : v;
      const grey = ch === 1 ? v[0]! : 0.299 * v[0]! + 0.587 * v[1]! + 0.114 * v[2]!;
      setPixel(grid, tx, ty, [Math.round(rgb[0]! * 255), Math.round(rgb[1]! * 255), Math.round(rgb[2]! * 255)], grey);
    }
  }
  return grid;
}
