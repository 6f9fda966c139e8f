/**
 * `svm race`: the lecture's three strategies on one budget of loss evaluations — random search,
 * random local search and gradient descent — drawn live as each spends its budget: a bar and the
 * best loss per strategy and their curves on one chart (loss against evaluations spent).
 */
import { useSyncExternalStore } from 'react';
import { Command, InvalidArgumentError, Option } from 'commander';
import { race, RACE_STRATEGIES, type LossKind, type RacePoint, type RaceStrategy } from '@svm/core';
import { Box, Text } from 'ink';
import { applyBackend } from '../backend.js';
import { LineChart } from '../components/LineChart.js';
import { bar } from '../components/ProgressBar.js';
import { useTerminal } from '../components/terminal.js';
import { describeAnalysis, loadAnalysisData } from '../data/analysis.js';
import { count, duration, num, sci } from '../format.js';
import { StopKeys } from '../components/StopKeys.js';
import { mount, onInterrupt } from '../ink/mount.js';
import { addBackendOptions, addDatasetOptions, addOutputOptions, lossOption, regOption, type BackendFlags, type DatasetFlags, type OutputFlags } from '../options/common.js';
import { numberIn } from '../options/parse.js';
import { jsonPrinter, streamWriter } from '../output/json.js';
import { outputMode } from '../output/mode.js';
import { formatTable } from '../output/table.js';
import { plotWidth } from '../render/chart.js';
import { ThrottledStore } from '../train/store.js';

const DEFAULT_STRATEGIES: RaceStrategy[] = ['random-search', 'random-local-search', 'gradient-descent'];
/** asciichart colours (and Ink colour names) per strategy, in race order. */
const COLOURS = ['\x1b[33m', '\x1b[35m', '\x1b[36m', '\x1b[32m'];
const INK_COLOURS = ['yellow', 'magenta', 'cyan', 'green'];

interface RaceFlags extends DatasetFlags, OutputFlags, BackendFlags {
  loss: LossKind;
  reg: number;
  budget: number;
  seconds?: number;
  lr: number;
  strategies: string;
}

export interface Lane {
  strategy: RaceStrategy;
  points: RacePoint[];
  done: boolean;
}

export interface RaceState {
  title: string;
  budget: number;
  lanes: Lane[];
  finished: boolean;
}

function parseStrategies(text: string): RaceStrategy[] {
  return text.split(',').map((s) => s.trim()) as RaceStrategy[];
}

export function raceCommand(): Command {
  const cmd = new Command('race').description('random search vs random local search vs gradient descent under one budget of loss evaluations, live');
  addDatasetOptions(cmd, { limitHelp: 'examples the loss is computed on (default 2000)' });
  cmd.addHelpText(
    'after',
    "\nA gradient step's evaluation also computes the gradient (about twice the work of a loss alone) yet counts once,\n" +
      "as in the lecture's comparison by number of tries; --seconds compares them by time instead.",
  );
  cmd
    .addOption(lossOption())
    .addOption(regOption(0))
    .addOption(new Option('--budget <n>', 'loss evaluations each strategy may spend').argParser(numberIn({ integer: true, min: 1 })).default(300))
    .addOption(new Option('--seconds <s>', 'also stop each strategy after this long').argParser(numberIn({ above: 0 })))
    .addOption(new Option('--lr <rate>', "gradient descent's step size (full batch)").argParser(numberIn({ above: 0 })).default(0.1))
    .addOption(
      new Option('--strategies <list>', `comma-separated, from ${RACE_STRATEGIES.join(', ')}`)
        .default(DEFAULT_STRATEGIES.join(','))
        .argParser((v: string) => {
          const list = parseStrategies(v);
          const bad = list.find((s) => !(RACE_STRATEGIES as readonly string[]).includes(s));
          if (bad !== undefined || list.length === 0) throw new InvalidArgumentError(`Expected a comma-separated list of ${RACE_STRATEGIES.join(', ')}.`);
          return v;
        }),
    );
  addBackendOptions(cmd);
  addOutputOptions(cmd);
  cmd.action(async (f: RaceFlags) => {
    applyBackend(f);
    process.exitCode = await runRace({ ...f, limit: f.limit ?? 2000 });
  });
  return cmd;
}

export async function runRace(f: RaceFlags): Promise<number> {
  const mode = outputMode(f);
  const a = await loadAnalysisData(f);
  const strategies = parseStrategies(f.strategies);
  const title = `svm race · ${describeAnalysis(a)} · ${f.loss} loss, reg ${sci(f.reg)} · budget ${count(f.budget)} evaluations${f.seconds ? ` or ${f.seconds} s` : ''} · gradient descent lr ${sci(f.lr)}`;
  const store = new ThrottledStore<RaceState>({ title, budget: f.budget, lanes: strategies.map((s) => ({ strategy: s, points: [], done: false })), finished: false });
  const write = streamWriter();
  const json = jsonPrinter(write);
  const ctrl = new AbortController();
  const release = onInterrupt(() => ctrl.abort());
  const app = mode === 'tty' ? mount(<RaceApp store={store} onStop={() => ctrl.abort()} />) : undefined;
  if (mode === 'json') json({ type: 'start', command: 'race', dataset: describeAnalysis(a), strategies, budget: f.budget, loss: f.loss, reg: f.reg, learningRate: f.lr });
  if (mode === 'plain') write(title);
  let current: RaceStrategy | undefined;
  try {
    await race(a.X, a.y, {
      strategies,
      budget: { evaluations: f.budget, ...(f.seconds ? { seconds: f.seconds } : {}) },
      loss: f.loss,
      reg: f.reg,
      learningRate: f.lr,
      seed: f.seed,
      signal: ctrl.signal,
      onProgress: (strategy, point) => {
        if (mode === 'json') json({ type: 'progress', strategy, ...point });
        if (mode === 'plain' && strategy !== current) write(`${strategy}: running…`);
        current = strategy;
        store.update((s) => ({
          ...s,
          lanes: s.lanes.map((l) => (l.strategy === strategy ? { ...l, points: [...l.points, point] } : l.points.length && l.strategy !== strategy ? { ...l, done: true } : l)),
        }));
      },
    });
  } finally {
    release();
  }
  store.update((s) => ({ ...s, finished: true, lanes: s.lanes.map((l) => ({ ...l, done: true })) }));
  store.close();
  const final = store.get();
  if (mode === 'json') for (const l of final.lanes) json({ type: 'result', strategy: l.strategy, ...lastPoint(l) });
  if (mode === 'plain') for (const line of raceTable(final)) write(line);
  if (app) {
    await new Promise((r) => setTimeout(r, 30));
    app.unmount();
    await app.waitUntilExit();
  }
  return 0;
}

/**
 * A lane's curve on a shared x axis of `width` columns spanning the whole budget: column k shows
 * the newest loss reached within (k + 1)/width of the budget, so curves compare at equal cost.
 */
export function onBudgetAxis(points: RacePoint[], budget: number, width: number): number[] {
  const out: number[] = [];
  let j = -1;
  for (let k = 0; k < width; k++) {
    const e = ((k + 1) / width) * budget;
    while (j + 1 < points.length && points[j + 1]!.evaluations <= e) j++;
    if (j < 0) out.push(points.length ? points[0]!.loss : Number.NaN);
    else if (j === points.length - 1 && points[j]!.evaluations < e && k > 0 && points[j]!.evaluations < budget * 0.999) break;
    else out.push(points[j]!.loss);
  }
  return out;
}

function lastPoint(l: Lane): RacePoint {
  return l.points[l.points.length - 1] ?? { evaluations: 0, elapsedMs: 0, loss: Number.NaN };
}

export function raceTable(s: RaceState): string[] {
  const ranked = [...s.lanes].sort((x, y) => lastPoint(x).loss - lastPoint(y).loss);
  return formatTable(
    [{ header: 'strategy', align: 'left' }, { header: 'loss' }, { header: 'evaluations' }, { header: 'time' }, { header: 'place', align: 'left' }],
    s.lanes.map((l) => {
      const p = lastPoint(l);
      return [l.strategy, num(p.loss, 5), count(p.evaluations), duration(p.elapsedMs), `#${ranked.indexOf(l) + 1}`];
    }),
  );
}

function RaceApp({ store, onStop }: { store: ThrottledStore<RaceState>; onStop: () => void }) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  return (
    <>
      <StopKeys onStop={onStop} />
      <RaceView state={state} />
    </>
  );
}

export function RaceView({ state: s }: { state: RaceState }) {
  const { columns } = useTerminal();
  const barWidth = Math.max(10, Math.min(30, columns - 60));
  const chartWidth = Math.min(columns - 1, 100);
  return (
    <Box flexDirection="column">
      <Text bold color="cyan" wrap="truncate">
        {s.title}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {s.lanes.map((l, i) => {
          const p = lastPoint(l);
          const [full, empty] = bar(p.evaluations / s.budget, barWidth);
          return (
            <Text key={l.strategy} wrap="truncate">
              <Text color={INK_COLOURS[i]}>{l.strategy.padEnd(22)}</Text>
              <Text color={INK_COLOURS[i]}>{full}</Text>
              <Text dimColor>{empty}</Text>
              {` ${count(p.evaluations).padStart(7)} evals  loss ${l.points.length ? num(p.loss, 5).padEnd(8) : '—'.padEnd(8)} ${l.done ? '✓' : l.points.length ? '…' : ''}`}
            </Text>
          );
        })}
      </Box>
      <Box marginTop={1}>
        <LineChart
          title="loss (best so far for the searches) against evaluations spent"
          series={s.lanes.map((l) => onBudgetAxis(l.points, s.budget, plotWidth(chartWidth)))}
          colours={COLOURS.slice(0, s.lanes.length)}
          width={chartWidth}
          height={10}
          log
          caption={`x: evaluations spent, 0 → ${count(s.budget)}`}
        />
      </Box>
      {s.finished ? (
        <Box flexDirection="column" marginTop={1}>
          {raceTable(s).map((line, i) => (
            <Text key={i} bold={i === 0}>
              {line}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
