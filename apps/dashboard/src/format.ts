/** Number, time and size formatting shared by every view (TTY, plain and JSON-adjacent text). */

/** 0.9065 → "90.7%". */
export function percent(v: number | undefined, digits = 1): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return `${(v * 100).toFixed(digits)}%`;
}

/** A number in a fixed width-friendly form: 0.0312 → "0.0312", 3e-7 → "3.0e-7", 1234.5 → "1234.5". */
export function num(v: number | undefined, digits = 4): string {
  if (v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(Math.max(1, digits - 2));
  return Number(v.toPrecision(digits)).toString();
}

/** A learning rate or regularization strength: always compact scientific for small values. */
export function sci(v: number | undefined, digits = 1): string {
  if (v === undefined) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-2 && a < 1e3) return Number(v.toPrecision(digits + 1)).toString();
  return v.toExponential(digits).replace('e+', 'e');
}

/** Milliseconds as "850 ms", "12.3 s", "4m 05s", "1h 02m". */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** 12345 → "12,345". */
export function count(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

/** Pads or truncates to exactly `width` columns (left-aligned by default). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (text.length > width) return width > 1 ? `${text.slice(0, width - 1)}…` : text.slice(0, width);
  return align === 'left' ? text.padEnd(width) : text.padStart(width);
}
