/**
 * A labelled number the page shows — and exposes: `data-testid` and `data-value` carry the exact
 * value, which is what the end-to-end tests read (never pixels).
 */
interface StatProps {
  id: string;
  label: string;
  value: number | string | undefined | null;
  format?: (v: number) => string;
  /** Announced to screen readers when it changes (a run's state; not its step counter). */
  live?: boolean;
}

export const fixed = (digits: number) => (v: number) => v.toFixed(digits);
export const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
export const short = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toPrecision(4));

export function Stat({ id, label, value, format = short, live }: StatProps) {
  const shown = value === undefined || value === null ? '—' : typeof value === 'number' ? (Number.isFinite(value) ? format(value) : String(value)) : value;
  return (
    <div class="stat" data-testid={id} data-value={value ?? ''} aria-live={live ? 'polite' : undefined}>
      <span class="stat-label">{label}</span>
      <span class="stat-value">{shown}</span>
    </div>
  );
}

export function Banner({ kind, children }: { kind: 'error' | 'info'; children: preact.ComponentChildren }) {
  return (
    <p class={`banner ${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={`banner-${kind}`}>
      {children}
    </p>
  );
}
