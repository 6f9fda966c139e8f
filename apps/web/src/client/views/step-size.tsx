/**
 * Step size: from a random W, the loss after one gradient step of each size on a log axis — tiny
 * steps barely move, a good one drops the loss most, larger ones overshoot and the loss rises.
 */
import { useEffect, useMemo } from 'preact/hooks';
import type { StepSizeResponse } from '../../shared/api-types.js';
import { STEP_SIZE_FIELDS } from '../../shared/fields.js';
import { SERIES } from '../charts/colors.js';
import { LineChart } from '../charts/line-chart.js';
import { SettingsForm } from '../components/form.js';
import { Banner, Stat } from '../components/stat.js';
import { useSettings } from '../url-state.js';
import { useAnalysis } from './use-analysis.js';

export default function StepSizeView() {
  const settings = useSettings('step-size', STEP_SIZE_FIELDS);
  const { result, error, busy, run } = useAnalysis<typeof STEP_SIZE_FIELDS, StepSizeResponse>('/api/step-size', settings);
  const values = settings.values;

  useEffect(() => {
    if (values) void run(values);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const data = useMemo(
    () => (result ? [result.entries.map((e) => e.stepSize), result.entries.map((e) => e.loss), result.entries.map(() => result.initialLoss)] : [[], [], []]),
    [result],
  );
  const best = result ? result.entries[result.best] : undefined;
  const rise = result && result.firstRise !== null ? result.entries[result.firstRise] : undefined;
  const positive = result ? result.entries.every((e) => e.loss > 0) : true;

  return (
    <section class="view" data-testid="view-step-size" data-busy={busy}>
      <header>
        <h2>Step size</h2>
        <p>One step W − η·∇L(W) from a random W, for each η: the full-data loss after the step. The dashed line is L(W) before it.</p>
      </header>
      <SettingsForm specs={STEP_SIZE_FIELDS} settings={settings} disabled={busy} onSubmit={() => values && run(values)}>
        <button type="submit" class="primary" data-testid="compute" disabled={!values || busy}>
          {busy ? 'Sweeping…' : 'Sweep'}
        </button>
      </SettingsForm>
      {error ? <Banner kind="error">{error}</Banner> : null}
      {result ? (
        <>
          <div class="stats">
            <Stat id="step-initial-loss" label="L(W)" value={result.initialLoss} />
            <Stat id="step-best" label="Best η" value={best?.stepSize} />
            <Stat id="step-best-loss" label="Loss after the best step" value={best?.loss} />
            <Stat id="step-first-rise" label="Loss rises from η =" value={rise?.stepSize ?? null} />
          </div>
          <LineChart
            id="chart-step-size"
            title="Loss after one step"
            xLabel="step size η"
            yLabel="loss"
            logX
            logY={positive}
            height={340}
            series={[
              { label: 'L(W − η∇L)', color: SERIES.first, width: 2, points: true },
              { label: 'L(W)', color: '#777', dash: [6, 4] },
            ]}
            data={data}
            markers={[
              ...(best ? [{ x: best.stepSize, label: `best η ${best.stepSize.toExponential(1)}`, color: SERIES.good }] : []),
              ...(rise ? [{ x: rise.stepSize, label: `rises from ${rise.stepSize.toExponential(1)}`, color: SERIES.third }] : []),
            ]}
          />
        </>
      ) : null}
    </section>
  );
}
