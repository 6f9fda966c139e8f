/**
 * Train: one gradient-descent run on the server, watched live — loss and accuracy curves, the
 * class templates as they form, the confusion matrix at the end — and steered: pause/resume,
 * stop, learning rate ×½ / ×2, download the model. Leaving the view closes the stream, which
 * stops the run on the server.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CreatedJob, TemplateImages, TrainDoneEvent, TrainProgressEvent, TrainStartEvent } from '../../shared/api-types.js';
import { TRAIN_FIELDS } from '../../shared/fields.js';
import { ApiRequestError, openStream, postJson } from '../api.js';
import { SERIES } from '../charts/colors.js';
import { ConfusionMatrix } from '../charts/confusion.js';
import { LineChart } from '../charts/line-chart.js';
import { TemplateGrid } from '../charts/templates.js';
import { SettingsForm } from '../components/form.js';
import { Banner, fixed, percent, Stat } from '../components/stat.js';
import { useSettings } from '../url-state.js';

type Phase = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'failed';

/** A run whose `done` or `failure` has arrived: later replies and state events are stale. */
const over = (p: Phase) => p === 'done' || p === 'failed';

/** Loss points kept for the chart; beyond it every other one is dropped (the curve keeps its shape). */
const MAX_CHART_POINTS = 4000;

interface Curves {
  steps: number[];
  loss: number[];
  evalSteps: number[];
  trainAcc: number[];
  valAcc: Array<number | null>;
}

const emptyCurves = (): Curves => ({ steps: [], loss: [], evalSteps: [], trainAcc: [], valAcc: [] });

export default function TrainView() {
  const settings = useSettings('train', TRAIN_FIELDS);
  const [phase, setPhase] = useState<Phase>('idle');
  const [job, setJob] = useState<CreatedJob>();
  const [start, setStart] = useState<TrainStartEvent>();
  const [progress, setProgress] = useState<TrainProgressEvent>();
  const [done, setDone] = useState<TrainDoneEvent>();
  const [templates, setTemplates] = useState<TemplateImages>();
  const [error, setError] = useState<string>();
  const [firstLoss, setFirstLoss] = useState<number>();
  const curves = useRef<Curves>(emptyCurves());
  const [chartData, setChartData] = useState(() => ({ loss: [[], []] as number[][], acc: [[], [], []] as Array<Array<number | null>> }));
  const frame = useRef(0);
  const closeStream = useRef<() => void>();

  // Leaving the view (or the page) closes the stream; the server then stops the run.
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
      closeStream.current?.();
    },
    [],
  );

  /** Copies the curves into chart data at most once per animation frame. */
  const scheduleCharts = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const c = curves.current;
      setChartData({ loss: [c.steps.slice(), c.loss.slice()], acc: [c.evalSteps.slice(), c.trainAcc.slice(), c.valAcc.slice()] });
    });
  };

  const onProgress = (e: TrainProgressEvent) => {
    const c = curves.current;
    for (const [step, loss] of e.points) {
      c.steps.push(step);
      c.loss.push(loss);
    }
    if (c.steps.length > MAX_CHART_POINTS) {
      c.steps = c.steps.filter((_, i) => i % 2 === 0);
      c.loss = c.loss.filter((_, i) => i % 2 === 0);
    }
    for (const ev of e.evaluations) {
      c.evalSteps.push(ev.step);
      c.trainAcc.push(ev.trainAccuracy);
      c.valAcc.push(ev.valAccuracy ?? null);
    }
    if (e.points.length && c.loss.length === e.points.length) setFirstLoss(e.points[0]![1]);
    if (e.templates) setTemplates(e.templates);
    setProgress(e);
    setPhase((p) => (p === 'stopping' ? p : e.paused ? 'paused' : 'running'));
    scheduleCharts();
  };

  const begin = async () => {
    const values = settings.values;
    if (!values) return;
    closeStream.current?.();
    curves.current = emptyCurves();
    setChartData({ loss: [[], []], acc: [[], [], []] });
    setProgress(undefined);
    setDone(undefined);
    setTemplates(undefined);
    setFirstLoss(undefined);
    setError(undefined);
    setPhase('starting');
    try {
      const created = await postJson<CreatedJob>('/api/runs', values);
      // Left while the job was being created: stop it, rather than stream it to nobody.
      if (!alive.current) return void postJson(`/api/runs/${created.id}/stop`).catch(() => undefined);
      setJob(created);
      closeStream.current = openStream(created.events, {
        start: (e: TrainStartEvent) => {
          setStart(e);
          setPhase('running');
        },
        progress: onProgress,
        // The stream and the stop request's reply race: whatever says the run is over wins.
        state: (e: { state: Phase }) => setPhase((p) => (over(p) ? p : e.state)),
        done: (e: TrainDoneEvent) => {
          setDone(e);
          if (e.templates) setTemplates(e.templates);
          setPhase('done');
        },
        failure: (e: { message: string }) => {
          setError(e.message);
          setPhase('failed');
        },
        onConnectionError: () => {
          setError('the connection to the server was lost; the run has stopped');
          setPhase('failed');
        },
      });
    } catch (err) {
      if (err instanceof ApiRequestError && err.field) settings.setError(err.field as keyof typeof TRAIN_FIELDS, err.message);
      else setError((err as Error).message);
      setPhase('idle');
    }
  };

  const command = async (path: string, body?: unknown) => {
    if (!job) return;
    try {
      await postJson(`/api/runs/${job.id}/${path}`, body);
      setError(undefined); // an earlier command's refusal no longer applies
      if (path === 'stop') setPhase((p) => (over(p) ? p : 'stopping'));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const live = phase === 'running' || phase === 'paused';
  const busy = live || phase === 'starting' || phase === 'stopping';
  const last = progress?.points[progress.points.length - 1];
  const lastEval = curves.current.evalSteps.length ? curves.current.evalSteps.length - 1 : -1;

  return (
    <section class="view" data-testid="view-train" data-phase={phase}>
      <header>
        <h2>Train</h2>
        <p>Minimize the loss by following the gradient, mini-batch by mini-batch, on the server's native kernels — and watch W learn.</p>
      </header>
      <SettingsForm specs={TRAIN_FIELDS} settings={settings} disabled={busy} onSubmit={begin}>
        <button type="submit" class="primary" data-testid="start" disabled={!settings.values || busy}>
          {phase === 'done' || phase === 'failed' ? 'Train again' : 'Start'}
        </button>
        <button type="button" data-testid="pause" disabled={!live} onClick={() => command(phase === 'paused' ? 'resume' : 'pause')}>
          {phase === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" data-testid="stop" disabled={!live} onClick={() => command('stop')}>
          Stop
        </button>
        <button type="button" disabled={!live} title="halve the learning rate from the next chunk on" onClick={() => command('learning-rate', { factor: 0.5 })}>
          lr ×½
        </button>
        <button type="button" disabled={!live} title="double the learning rate from the next chunk on" onClick={() => command('learning-rate', { factor: 2 })}>
          lr ×2
        </button>
        {done ? (
          <a class="button" href={done.model} download data-testid="download-model">
            Download model
          </a>
        ) : null}
      </SettingsForm>
      {error ? <Banner kind="error">{error}</Banner> : null}

      <div class="stats">
        <Stat id="train-phase" label="State" value={phase} live />
        <Stat id="train-step" label="Step" value={progress?.step ?? done?.steps} format={(v) => `${v}${start ? ` / ${start.iterations}` : ''}`} />
        <Stat id="train-first-loss" label="First loss" value={firstLoss} />
        <Stat id="train-loss" label="Batch loss" value={done ? done.loss : last?.[1]} />
        <Stat id="train-lr" label="Learning rate" value={progress?.learningRate} />
        <Stat id="train-train-accuracy" label="Train accuracy" value={lastEval >= 0 ? curves.current.trainAcc[lastEval] : undefined} format={percent} />
        <Stat id="train-val-accuracy" label="Val accuracy" value={lastEval >= 0 ? curves.current.valAcc[lastEval] : undefined} format={percent} />
        <Stat id="train-speed" label="Steps/s" value={progress?.stepsPerSecond} format={fixed(0)} />
        {done ? <Stat id="train-test-accuracy" label="Test accuracy" value={done.testAccuracy} format={percent} /> : null}
      </div>
      {done?.stopped === 'diverged' ? (
        <Banner kind="error">
          The loss diverged at step {done.diverged?.step} (learning rate {done.diverged?.learningRate}): try a smaller learning rate.
        </Banner>
      ) : null}

      <div class="charts two">
        <LineChart id="chart-loss" title="Loss (mini-batch)" xLabel="step" yLabel="loss" series={[{ label: 'batch loss', color: SERIES.first }]} data={chartData.loss} />
        <LineChart
          id="chart-accuracy"
          title="Accuracy"
          xLabel="step"
          yLabel="accuracy"
          series={[
            { label: 'train', color: SERIES.first, points: true },
            { label: 'validation', color: SERIES.second, points: true },
          ]}
          data={chartData.acc}
        />
      </div>

      {templates && start ? (
        <section>
          <h3>Class templates {done ? '(final)' : '(live)'}</h3>
          <p class="note">Each class's column of W without the bias, as an image: what the classifier matches against.</p>
          <TemplateGrid images={templates} classNames={start.classNames} />
        </section>
      ) : null}
      {done ? (
        <section>
          <h3>
            Confusion matrix — test accuracy {percent(done.testAccuracy)} ({done.stopped}, {done.steps} steps in {(done.elapsedMs / 1000).toFixed(2)} s)
          </h3>
          <ConfusionMatrix counts={done.confusion} classNames={done.classNames} />
        </section>
      ) : null}
    </section>
  );
}
