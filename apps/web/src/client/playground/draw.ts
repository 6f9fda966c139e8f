/**
 * Draws the playground: class regions (the argmax of the scores on a grid), each class's
 * zero-score line w_k·x + b_k = 0 with an arrow along w_k (towards higher score), the points in
 * their class colours, and a ring around every point inside the margin.
 */
import { classColor } from '../charts/colors.js';
import type { Bounds, Playground } from './model.js';

export const CELLS = 72;

export interface View {
  size: number;
  toPx(x: number): number;
  toPy(y: number): number;
  toData(px: number, py: number): [number, number];
}

export function viewOf(bounds: Bounds, size: number): View {
  const { x0, x1, y0, y1 } = bounds;
  return {
    size,
    toPx: (x) => ((x - x0) / (x1 - x0)) * size,
    toPy: (y) => size - ((y - y0) / (y1 - y0)) * size,
    toData: (px, py) => [x0 + (px / size) * (x1 - x0), y0 + ((size - py) / size) * (y1 - y0)],
  };
}

/** A class colour washed towards white (opaque, so neighbouring cells leave no seams). */
function tint(hex: string, amount: number): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => Math.round(255 + (v - 255) * amount)) as [number, number, number];
}

let regionCanvas: HTMLCanvasElement | undefined;

export function drawPlayground(ctx: CanvasRenderingContext2D, pg: Playground, view: View, loss: 'svm' | 'softmax', inMargin: Uint8Array): void {
  const { size } = view;
  ctx.clearRect(0, 0, size, size);

  // Regions: one pixel per cell, scaled up crisply.
  const regions = pg.regions(CELLS, loss);
  const img = new ImageData(CELLS, CELLS);
  const tints = Array.from({ length: pg.classes }, (_, k) => tint(classColor(k), 0.25));
  for (let p = 0; p < regions.length; p++) img.data.set([...tints[regions[p]!]!, 255], 4 * p);
  regionCanvas ??= document.createElement('canvas');
  regionCanvas.width = CELLS;
  regionCanvas.height = CELLS;
  regionCanvas.getContext('2d')!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(regionCanvas, 0, 0, size, size);

  const { x0, x1, y0, y1 } = pg.bounds;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  for (let k = 0; k < pg.classes; k++) {
    const wx = pg.W.get(0, k);
    const wy = pg.W.get(1, k);
    const b = pg.W.get(2, k);
    const norm2 = wx * wx + wy * wy;
    if (!(norm2 > 1e-12)) continue;
    // Two far points of the line w·p + b = 0, then the canvas clips.
    const t = Math.hypot(x1 - x0, y1 - y0) * 2;
    const d = (wx * cx + wy * cy + b) / norm2;
    const px = cx - d * wx;
    const py = cy - d * wy;
    const ux = -wy / Math.sqrt(norm2);
    const uy = wx / Math.sqrt(norm2);
    ctx.strokeStyle = classColor(k);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(view.toPx(px - t * ux), view.toPy(py - t * uy));
    ctx.lineTo(view.toPx(px + t * ux), view.toPy(py + t * uy));
    ctx.stroke();
    // The normal w_k from the point of the line nearest the centre: where class k's score grows.
    const ax = view.toPx(px);
    const ay = view.toPy(py);
    const len = 28;
    const nx = wx / Math.sqrt(norm2);
    const ny = -wy / Math.sqrt(norm2);
    ctx.beginPath();
    ctx.moveTo(ax, ay);
    ctx.lineTo(ax + len * nx, ay + len * ny);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(ax + len * nx, ay + len * ny, 3, 0, 2 * Math.PI);
    ctx.fillStyle = classColor(k);
    ctx.fill();
  }

  for (let i = 0; i < pg.X.rows; i++) {
    const x = view.toPx(pg.X.get(i, 0));
    const y = view.toPy(pg.X.get(i, 1));
    ctx.beginPath();
    ctx.arc(x, y, 5, 0, 2 * Math.PI);
    ctx.fillStyle = classColor(pg.y[i]!);
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#222';
    ctx.stroke();
    if (inMargin[i]) {
      ctx.beginPath();
      ctx.arc(x, y, 8.5, 0, 2 * Math.PI);
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#222';
      ctx.stroke();
    }
  }
}
