/**
 * The 2-D loss slice as a heatmap (blue low, red high) with the optimizer's path drawn over it:
 * a steps×steps image scaled up without smoothing, a colour bar, axis ticks. `a` runs left to
 * right, `b` bottom to top; loss[i·steps + j] is at (a[i], b[j]). Colour follows log(1 + k·loss)
 * rather than the loss itself: a bowl's walls rise fast, and a linear scale would paint its whole
 * floor — where the optimizer is — one shade of blue.
 */
import { useEffect, useRef } from 'preact/hooks';
import { LOSS_LUT, lossScale } from './colors.js';

interface HeatmapProps {
  a: number[];
  b: number[];
  loss: number[];
  path?: { a: number[]; b: number[] };
  size?: number;
}

const PAD = { left: 44, bottom: 30, top: 8, right: 18 };
/** Compression of the colour scale: t = log(1 + K·x) / log(1 + K) for x in [0, 1]. */
const K = 50;
const compress = (x: number) => Math.log1p(K * x) / Math.log1p(K);
const expand = (t: number) => Math.expm1(t * Math.log1p(K)) / K;

export function Heatmap({ a, b, loss, path, size = 420 }: HeatmapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const finite = loss.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);

  useEffect(() => {
    const el = canvas.current!;
    const dpr = devicePixelRatio || 1;
    const width = size + PAD.left + PAD.right;
    const height = size + PAD.top + PAD.bottom;
    el.width = width * dpr;
    el.height = height * dpr;
    el.style.width = `${width}px`;
    el.style.height = `${height}px`;
    const ctx = el.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);

    // The grid as an image, one pixel per point, then scaled up crisply.
    const na = a.length;
    const nb = b.length;
    const img = new ImageData(na, nb);
    const span = hi - lo || 1;
    for (let i = 0; i < na; i++) {
      for (let j = 0; j < nb; j++) {
        const v = loss[i * nb + j]!;
        const [r, g, bl] = LOSS_LUT[Number.isFinite(v) ? Math.round(compress((v - lo) / span) * 255) : 255]!;
        const o = ((nb - 1 - j) * na + i) * 4;
        img.data[o] = r;
        img.data[o + 1] = g;
        img.data[o + 2] = bl;
        img.data[o + 3] = 255;
      }
    }
    const tile = document.createElement('canvas');
    tile.width = na;
    tile.height = nb;
    tile.getContext('2d')!.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(tile, PAD.left, PAD.top, size, size);

    const a0 = a[0]!;
    const a1 = a[na - 1]!;
    const b0 = b[0]!;
    const b1 = b[nb - 1]!;
    const px = (v: number) => PAD.left + ((v - a0) / (a1 - a0)) * size;
    const py = (v: number) => PAD.top + size - ((v - b0) / (b1 - b0)) * size;

    // Axes: ticks at the ends and the centre.
    ctx.fillStyle = '#333';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    for (const v of [a0, (a0 + a1) / 2, a1]) ctx.fillText(v.toFixed(2), px(v), PAD.top + size + 14);
    ctx.fillText('a (direction 1)', PAD.left + size / 2, PAD.top + size + 27);
    ctx.textAlign = 'right';
    for (const v of [b0, (b0 + b1) / 2, b1]) ctx.fillText(v.toFixed(2), PAD.left - 4, py(v) + 4);
    ctx.save();
    ctx.translate(10, PAD.top + size / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText('b (direction 2)', 0, 0);
    ctx.restore();

    if (path && path.a.length > 0) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(PAD.left, PAD.top, size, size);
      ctx.clip();
      ctx.lineJoin = 'round';
      for (const [color, width] of [['#fff', 4], ['#111', 2]] as const) {
        ctx.strokeStyle = color;
        ctx.lineWidth = width;
        ctx.beginPath();
        path.a.forEach((v, k) => (k === 0 ? ctx.moveTo(px(v), py(path.b[k]!)) : ctx.lineTo(px(v), py(path.b[k]!))));
        ctx.stroke();
      }
      const dot = (k: number, fill: string) => {
        ctx.fillStyle = fill;
        ctx.strokeStyle = '#111';
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.arc(px(path.a[k]!), py(path.b[k]!), 5, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      };
      dot(0, '#fff');
      dot(path.a.length - 1, '#ffd23f');
      ctx.restore();
    }
  }, [a, b, loss, path, size, lo, hi]);

  return (
    <figure class="heatmap">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`loss over a ${a.length}×${b.length} grid of the plane, from ${lo.toPrecision(3)} to ${hi.toPrecision(3)}`}
        data-testid="landscape-heatmap"
        data-min={lo}
        data-max={hi}
        data-grid={a.length}
      />
      <div class="colorbar" aria-label="loss colour scale (logarithmic)">
        <span>{lo.toPrecision(3)}</span>
        <div class="ramp" style={{ background: `linear-gradient(to right, ${[0, 0.2, 0.4, 0.6, 0.8, 1].map(lossScale).join(', ')})` }} />
        <span>{hi.toPrecision(3)}</span>
      </div>
      <div class="colorbar-ticks">
        middle of the bar: {(lo + (hi - lo) * expand(0.5)).toPrecision(3)} (log scale)
      </div>
      <figcaption>Loss over the plane W + a·W₁ + b·W₂ centred at W — white dot: the path's start, yellow: its end.</figcaption>
    </figure>
  );
}
