/**
 * A uPlot line chart as a Preact component. The chart is created once and fed new data with
 * setData (cheap enough for ten updates a second while a run streams); it follows its container's
 * width. Vertical markers label special x values (the step size where the loss starts to rise).
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface SeriesSpec {
  label: string;
  color: string;
  width?: number;
  dash?: number[];
  points?: boolean;
}

export interface Marker {
  x: number;
  label: string;
  color: string;
}

interface LineChartProps {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  series: SeriesSpec[];
  /** [xs, ys of series 1, ys of series 2, …]; null where a series has no value. */
  data: Array<ArrayLike<number | null>>;
  logX?: boolean;
  logY?: boolean;
  height?: number;
  markers?: Marker[];
}

/** Tick labels for log axes: uPlot's default prints 1e-8 as "0". Skipped ticks arrive as null. */
const logTicks = (_u: uPlot, splits: Array<number | null>) =>
  splits.map((v) => (v === null || v === undefined ? '' : v === 0 ? '0' : v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(3))) : v.toExponential(0)));

function markerPlugin(get: () => Marker[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
        for (const m of get()) {
          const x = u.valToPos(m.x, 'x', true);
          if (!(x >= bbox.left && x <= bbox.left + bbox.width)) continue;
          ctx.strokeStyle = m.color;
          ctx.fillStyle = m.color;
          ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
          ctx.lineWidth = 1.5 * devicePixelRatio;
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
          ctx.fillText(m.label, x + 4 * devicePixelRatio, bbox.top + 14 * devicePixelRatio);
        }
        ctx.restore();
      },
    },
  };
}

export function LineChart({ id, title, xLabel, yLabel, series, data, logX, logY, height = 260, markers = [] }: LineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const markersRef = useRef(markers);
  markersRef.current = markers;

  useEffect(() => {
    const el = box.current!;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      scales: {
        x: { time: false, ...(logX ? { distr: 3, log: 10 } : {}) },
        y: logY ? { distr: 3, log: 10 } : {},
      },
      axes: [
        { label: xLabel, ...(logX ? { values: logTicks } : {}) },
        { label: yLabel, size: 60, ...(logY ? { values: logTicks } : {}) },
      ],
      series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: s.width ?? 1.5, spanGaps: true, ...(s.dash ? { dash: s.dash } : {}), points: { show: s.points ?? false } }))],
      plugins: [markerPlugin(() => markersRef.current)],
      legend: { live: false },
    };
    const u = new uPlot(opts, data as uPlot.AlignedData, el);
    chart.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
    // The chart's shape is fixed per mount; data and markers flow in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [logX, logY, series.length]);

  useEffect(() => {
    chart.current?.setData(data as uPlot.AlignedData);
  }, [data, markers]);

  const count = data[0]?.length ?? 0;
  // The title lives outside uPlot so it can change without rebuilding the chart.
  return (
    <div class="chart" data-testid={id} data-points={count}>
      <div class="chart-title">{title}</div>
      {/* The canvas is a picture of the numbers the page's stats also show: named, not read out. */}
      <div ref={box} role="img" aria-label={`${title}: ${count} points`} />
    </div>
  );
}
