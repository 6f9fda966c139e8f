/**
 * Race: the lecture's three strategies — random search, random local search, gradient descent —
 * from the same seed on the same budget of loss evaluations, their curves growing side by side.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CreatedJob, RaceDoneEvent, RaceProgressEvent, RaceStartEvent, RaceStrategyName } from '../../shared/api-types.js';
import { RACE_FIELDS, rowsFor, TRAIN_ROWS } from '../../shared/fields.js';
import { ApiRequestError, openStream, postJson } from '../api.js';
import { SERIES } from '../charts/colors.js';
import { LineChart } from '../charts/line-chart.js';
import { SettingsForm } from '../components/form.js';
import { Banner, fixed, Stat } from '../components/stat.js';
import { useSettings } from '../url-state.js';

const LINEUP: Array<{ name: RaceStrategyName; label: string; color: string }> = [
  { name: 'random-search', label: 'random search', color: SERIES.first },
  { name: 'random-local-search', label: 'random local search', color: SERIES.second },
  { name: 'gradient-descent', label: 'gradient descent', color: SERIES.third },
];

type Curves = Record<RaceStrategyName, Map<number, number>>;
const emptyCurves = (): Curves => ({ 'random-search': new Map(), 'random-local-search': new Map(), 'gradient-descent': new Map() });

/** Aligns the three curves on one evaluations axis (uPlot wants a shared x). */
function aligned(curves: Curves): Array<Array<number | null>> {
  const xs = [...new Set(LINEUP.flatMap((s) => [...curves[s.name].keys()]))].sort((a, b) => a - b);
  return [xs, ...LINEUP.map((s) => xs.map((x) => curves[s.name].get(x) ?? null))];
}

export default function RaceView() {
  const settings = useSettings('race', RACE_FIELDS);
  const [phase, setPhase] = useState<'idle' | 'starting' | 'running' | 'done' | 'failed'>('idle');
  const [job, setJob] = useState<CreatedJob>();
  const [start, setStart] = useState<RaceStartEvent>();
  const [done, setDone] = useState<RaceDoneEvent>();
  const [error, setError] = useState<string>();
  const curves = useRef<Curves>(emptyCurves());
  const [data, setData] = useState<Array<Array<number | null>>>([[], [], [], []]);
  const closeStream = useRef<() => void>();
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
      closeStream.current?.();
    },
    [],
  );

  const begin = async () => {
    if (!settings.values) return;
    closeStream.current?.();
    curves.current = emptyCurves();
    setData([[], [], [], []]);
    setDone(undefined);
    setError(undefined);
    setPhase('starting');
    try {
      // At most the dataset's training rows (the server refuses more): the note below says how many.
      const values = settings.values;
      const created = await postJson<CreatedJob>('/api/races', { ...values, rows: rowsFor(values.dataset, values.rows) });
      // Left while the race was being created: stop it, rather than stream it to nobody.
      if (!alive.current) return void postJson(`/api/races/${created.id}/stop`).catch(() => undefined);
      setJob(created);
      closeStream.current = openStream(created.events, {
        start: (e: RaceStartEvent) => {
          setStart(e);
          setPhase('running');
        },
        progress: (e: RaceProgressEvent) => {
          for (const [name, points] of Object.entries(e.points)) for (const [evals, loss] of points!) curves.current[name as RaceStrategyName].set(evals, loss);
          setData(aligned(curves.current));
        },
        done: (e: RaceDoneEvent) => {
          // The final curves are complete; the live points were a sample.
          curves.current = emptyCurves();
          for (const entry of e.entries) for (const [evals, loss] of entry.history) curves.current[entry.strategy].set(evals, loss);
          setData(aligned(curves.current));
          setDone(e);
          setPhase('done');
        },
        failure: (e: { message: string }) => {
          setError(e.message);
          setPhase('failed');
        },
        onConnectionError: () => {
          setError('the connection to the server was lost; the race has stopped');
          setPhase('failed');
        },
      });
    } catch (err) {
      if (err instanceof ApiRequestError && err.field) settings.setError(err.field as keyof typeof RACE_FIELDS, err.message);
      else setError((err as Error).message);
      setPhase('idle');
    }
  };

  const stop = () => job && postJson(`/api/races/${job.id}/stop`).catch((err: Error) => setError(err.message));
  const busy = phase === 'starting' || phase === 'running';
  const entry = (name: RaceStrategyName) => done?.entries.find((e) => e.strategy === name);

  return (
    <section class="view" data-testid="view-race" data-phase={phase}>
      <header>
        <h2>Strategy race</h2>
        <p>
          Three ways to find a good W on one budget of loss evaluations: try random W and keep the best; perturb W and keep the change when the loss drops; follow
          the gradient (one evaluation a step, full batch). A gradient step's evaluation also computes the gradient — about twice the work of a
          loss alone — yet counts once, as in the lecture's comparison by number of tries.
        </p>
      </header>
      <SettingsForm specs={RACE_FIELDS} settings={settings} disabled={busy} onSubmit={begin}>
        <button type="submit" class="primary" data-testid="start" disabled={!settings.values || busy}>
          {phase === 'done' ? 'Race again' : 'Start race'}
        </button>
        <button type="button" data-testid="stop" disabled={phase !== 'running'} onClick={stop}>
          Stop
        </button>
      </SettingsForm>
      {error ? <Banner kind="error">{error}</Banner> : null}
      {start ? (
        <p class="note" data-testid="race-rows" data-value={start.rows}>
          On {start.rows} training examples of {start.settings.dataset}
          {start.rows === TRAIN_ROWS[start.settings.dataset] ? ' (all of them)' : ''}.
        </p>
      ) : null}
      <LineChart
        id="chart-race"
        title="Loss (best so far for the searches)"
        xLabel="loss evaluations"
        yLabel="loss"
        height={340}
        series={LINEUP.map((s) => ({ label: s.label, color: s.color, width: 2 }))}
        data={data}
      />
      <div class="stats">
        {LINEUP.map((s) => (
          <Stat key={s.name} id={`race-${s.name}`} label={s.label} value={entry(s.name)?.loss} />
        ))}
        {done ? <Stat id="race-ms" label="Total time (ms)" value={done.entries.reduce((t, e) => t + e.elapsedMs, 0)} format={fixed(0)} /> : null}
      </div>
    </section>
  );
}
