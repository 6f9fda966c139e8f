/**
 * Landscape: the lecture's figure, computed live on real data — the loss along a line (piecewise
 * linear for the SVM) and over a plane (a bowl, blue low, red high) through the W an optimizer
 * reached from a random start, with its path drawn on it. New random directions on demand;
 * svm ⇄ softmax.
 */
import { useEffect, useMemo } from 'preact/hooks';
import type { LandscapeResponse } from '../../shared/api-types.js';
import { LANDSCAPE_FIELDS } from '../../shared/fields.js';
import { SERIES } from '../charts/colors.js';
import { Heatmap } from '../charts/heatmap.js';
import { LineChart } from '../charts/line-chart.js';
import { SettingsForm } from '../components/form.js';
import { Banner, fixed, Stat } from '../components/stat.js';
import { useSettings } from '../url-state.js';
import { useAnalysis } from './use-analysis.js';

export default function LandscapeView() {
  const settings = useSettings('landscape', LANDSCAPE_FIELDS);
  const { result, error, busy, run } = useAnalysis<typeof LANDSCAPE_FIELDS, LandscapeResponse>('/api/landscape', settings);
  const values = settings.values;

  // A shared link shows its figure at once.
  useEffect(() => {
    if (values) void run(values);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const change = (name: 'seed' | 'loss', value: string) => {
    settings.set(name, value);
    if (values) void run({ ...values, [name]: name === 'seed' ? Number(value) : value });
  };

  const line = useMemo(() => (result ? [result.slice1d.a, result.slice1d.loss] : [[], []]), [result]);
  const path = useMemo(() => (result ? { a: result.path.a, b: result.path.b } : undefined), [result]);
  const minLoss = result ? Math.min(...result.loss2d) : undefined;

  return (
    <section class="view" data-testid="view-landscape" data-busy={busy}>
      <header>
        <h2>Loss landscape</h2>
        <p>
          The loss along a line, L(W + a·W₁), and over a plane, L(W + a·W₁ + b·W₂), around the W an optimizer reached from a random start. With{' '}
          <em>path</em> directions the plane is the one that holds the path best: W₁ and W₂ are the path's two main directions of travel around its
          end (a = b = 0), each of length 1, so a and b are distances in weight space and the picture is to scale; the grid reaches <em>Range</em> times
          as far as the path. With <em>random</em> directions, both are random, as in the lecture, and scaled here to the length of W (the
          lecture leaves them unscaled and slices around a random W) — and the path all but vanishes from the plane. <em>Loss over one</em> example
          shows its data loss alone (no regularizer), the lecture's middle picture: each wrong class's hinge is a plane that is either flat or tilted, so the slice is piecewise linear;
          summed over all examples (and with the regularizer) the pieces blur into the convex bowl.
        </p>
      </header>
      <SettingsForm specs={LANDSCAPE_FIELDS} settings={settings} disabled={busy} onSubmit={() => values && run(values)}>
        <button type="submit" class="primary" data-testid="compute" disabled={!values || busy}>
          {busy ? 'Computing…' : 'Compute'}
        </button>
        <button type="button" data-testid="new-directions" disabled={!values || busy} onClick={() => values && change('seed', String(values.seed + 1))}>
          New random directions
        </button>
        <button type="button" data-testid="flip-loss" disabled={!values || busy} onClick={() => values && change('loss', values.loss === 'svm' ? 'softmax' : 'svm')}>
          Switch to {values?.loss === 'softmax' ? 'svm' : 'softmax'}
        </button>
      </SettingsForm>
      {error ? <Banner kind="error">{error}</Banner> : null}
      {result ? (
        <>
          <div class="stats">
            <Stat id="landscape-start-loss" label="Loss at the start" value={result.path.loss[0]} />
            <Stat id="landscape-center-loss" label="At the end (centre)" value={result.centerLoss} />
            <Stat id="landscape-min-loss" label="Lowest on the plane" value={minLoss} />
            <Stat id="landscape-ms" label="Computed in (ms)" value={result.elapsedMs} format={fixed(0)} />
          </div>
          <div class="charts two">
            <Heatmap a={result.a} b={result.b} loss={result.loss2d} path={path} />
            <LineChart
              id="chart-slice1d"
              title={`${result.settings.loss} loss along direction 1`}
              xLabel="a"
              yLabel="loss"
              series={[{ label: 'L(W + a·W₁)', color: SERIES.first, width: 2 }]}
              data={line}
              height={380}
              markers={[
                { x: 0, label: 'W (path end)', color: '#444' },
                // Where the start projects onto W₁: the start itself lies off this line (b ≠ 0), so its
                // loss is not the curve's value there. Random directions put it next to the end.
                ...(result.settings.directions === 'path' ? [{ x: result.path.a[0]!, label: "start's a", color: SERIES.second }] : []),
              ]}
            />
          </div>
        </>
      ) : busy ? (
        <p class="note">Computing the landscape…</p>
      ) : null}
    </section>
  );
}
