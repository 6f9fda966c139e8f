/**
 * Gradient check: the analytic gradient against centered finite differences at sampled weights,
 * in float64 and float32 side by side, relative errors coloured by the lecture's rules of thumb,
 * coordinates whose difference straddles a hinge kink flagged.
 */
import { useEffect } from 'preact/hooks';
import type { GradCheckResponse } from '../../shared/api-types.js';
import { GRAD_CHECK_FIELDS, rowsFor, TRAIN_ROWS } from '../../shared/fields.js';
import { SettingsForm } from '../components/form.js';
import { Banner, Stat } from '../components/stat.js';
import { useSettings } from '../url-state.js';
import { useAnalysis } from './use-analysis.js';

/** The table's colour for CS231n's reading of a float64 relative error (computed by @svm/core). */
const VERDICT_CLASS = { right: 'good', suspicious: 'fair', wrong: 'bad' } as const;

const sci = (v: number) => v.toExponential(3);

export default function GradCheckView() {
  const settings = useSettings('grad-check', GRAD_CHECK_FIELDS);
  const { result, error, busy, run: request } = useAnalysis<typeof GRAD_CHECK_FIELDS, GradCheckResponse>('/api/grad-check', settings);
  const values = settings.values;
  // At most the dataset's training rows (the server refuses more): the result says how many were used.
  const run = (v: NonNullable<typeof values>) => request({ ...v, rows: rowsFor(v.dataset, v.rows) });

  useEffect(() => {
    if (values) void run(values);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const kinks = result ? result.float64.checks.filter((c) => c.nearKink).length : 0;

  return (
    <section class="view" data-testid="view-grad-check" data-busy={busy}>
      <header>
        <h2>Gradient check</h2>
        <p>
          Compute the gradient analytically, check it numerically: relative error |a − n| / max(|a|, |n|) at random weights. In float64 a right gradient agrees
          to ~1e-8; in float32 rounding alone gives ~1e-4–1e-3 (more where the gradient is tiny) — which is why checks run in float64.
        </p>
      </header>
      <SettingsForm specs={GRAD_CHECK_FIELDS} settings={settings} disabled={busy} onSubmit={() => values && run(values)}>
        <button type="submit" class="primary" data-testid="compute" disabled={!values || busy}>
          {busy ? 'Checking…' : 'Check'}
        </button>
      </SettingsForm>
      {error ? <Banner kind="error">{error}</Banner> : null}
      {result ? (
        <>
          <p class="note" data-testid="grad-rows" data-value={result.rows}>
            On {result.rows} training examples of {result.settings.dataset}
            {result.rows === TRAIN_ROWS[result.settings.dataset] ? ' (all of them)' : ''}.
          </p>
          <div class="stats">
            <Stat id="grad-max-float64" label="Max rel. error, float64" value={result.float64.maxRelError} format={sci} />
            <Stat id="grad-max-float64-smooth" label="…away from kinks" value={result.float64.maxRelErrorAwayFromKinks} format={sci} />
            <Stat id="grad-max-float32" label="Max rel. error, float32" value={result.float32.maxRelError} format={sci} />
            <Stat id="grad-kinks" label="Near a kink" value={kinks} format={String} />
          </div>
          <table class="grad-table" data-testid="grad-table">
            <thead>
              <tr>
                <th>W[row, col]</th>
                <th>analytic</th>
                <th>numeric (float64)</th>
                <th>rel. error (float64)</th>
                <th>numeric (float32)</th>
                <th>rel. error (float32)</th>
                <th>kink</th>
              </tr>
            </thead>
            <tbody>
              {result.float64.checks.map((c, k) => {
                const f32 = result.float32.checks[k]!;
                return (
                  <tr key={`${c.row}-${c.col}`} data-kink={c.nearKink}>
                    <td>
                      [{c.row}, {c.col}]
                    </td>
                    <td class="num">{c.analytic.toPrecision(6)}</td>
                    <td class="num">{c.numeric.toPrecision(6)}</td>
                    <td class={`num ${VERDICT_CLASS[c.verdict]}`} data-testid="rel-error-float64" data-value={c.relError}>
                      {sci(c.relError)}
                    </td>
                    <td class="num">{f32.numeric.toPrecision(6)}</td>
                    <td class="num" data-testid="rel-error-float32" data-value={f32.relError}>
                      {sci(f32.relError)}
                    </td>
                    <td>{c.nearKink ? <span class="badge" title="a margin crosses 0 within ±h: the finite difference straddles a kink">kink</span> : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p class="note">
            Float64: green below 1e-7 (1e-5 where the gradient itself is below 1e-4 and the loss's rounding dominates); amber up to 1e-4, or up to 1e-2
            at a kink; red above. A flagged kink explains a large float64 error for the SVM: the finite difference straddles the hinge, which is why CS231n
            checks with few examples and a small h (fewer kinks crossed). Float32 is left uncoloured: its errors are rounding.
          </p>
        </>
      ) : null}
    </section>
  );
}
