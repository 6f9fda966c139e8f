/**
 * `svm search`: the learning rate × regularization grid, trials training in parallel on worker
 * threads and the grid filling in live as they finish — validation accuracy per cell, running
 * cells with their progress, diverged cells marked ✗, the best one highlighted — then the best
 * model's test accuracy (and the model saved, with --save).
 */
import { useSyncExternalStore } from 'react';
import { Command, Option } from 'commander';
import { searchHyperparameters, type LossKind, type TrialResult } from '@svm/core';
import { Box, Text } from 'ink';
import { applyBackend, backendInfo, describeBackend } from '../backend.js';
import { bar } from '../components/ProgressBar.js';
import { describeData, loadDataset } from '../data/load.js';
import { RunError } from '../errors.js';
import { checkSaveTarget, saveFailure } from '../model/save-target.js';
import { count, fit, percent, sci } from '../format.js';
import { StopKeys } from '../components/StopKeys.js';
import { mount, onInterrupt } from '../ink/mount.js';
import { addBackendOptions, addDatasetOptions, addOutputOptions, lossOption, type BackendFlags, type DatasetFlags, type OutputFlags } from '../options/common.js';
import { countOrShare, numberIn, numberList } from '../options/parse.js';
import { jsonPrinter, streamWriter } from '../output/json.js';
import { outputMode } from '../output/mode.js';
import { ThrottledStore } from '../train/store.js';

export const DEFAULT_LRS = [1e-3, 1e-2, 1e-1, 1, 10];
export const DEFAULT_REGS = [0, 1e-4, 1e-2, 1];

interface SearchFlags extends DatasetFlags, OutputFlags, BackendFlags {
  loss: LossKind;
  lr: number[];
  reg: number[];
  steps: number;
  val: number;
  concurrency?: number;
  save?: string;
}

export type Cell = { state: 'waiting' } | { state: 'running'; step: number } | { state: 'done'; trial: TrialResult };

export interface SearchState {
  title: string;
  lrs: number[];
  regs: number[];
  steps: number;
  /** Row-major: cells[i·regs + j] is (lrs[i], regs[j]), the library's grid order. */
  cells: Cell[];
  best?: number;
  outcome?: {
    testAccuracy: number;
    params: TrialResult['params'];
    valAccuracy: number;
    savedTo?: string;
    elapsedMs: number;
    /** Trials that ran (all of the grid unless interrupted), and whether Ctrl-C cut the search short. */
    trials: number;
    interrupted: boolean;
  };
}

export function searchCommand(): Command {
  const cmd = new Command('search').description('hyper-parameter search over learning rate × regularization, the grid filling in live');
  addDatasetOptions(cmd);
  cmd
    .addOption(lossOption())
    .addOption(new Option('--lr <list>', 'learning rates, comma-separated').argParser(numberList({ above: 0 })).default(DEFAULT_LRS, DEFAULT_LRS.join(',')))
    .addOption(new Option('--reg <list>', 'regularization strengths, comma-separated').argParser(numberList({ min: 0 })).default(DEFAULT_REGS, DEFAULT_REGS.join(',')))
    .addOption(new Option('--steps <n>', 'steps per trial').argParser(numberIn({ integer: true, min: 1 })).default(500))
    .addOption(new Option('--val <n>', 'validation examples held out of the training set (a count, or a share when < 1)').argParser(countOrShare(false)).default(1000))
    .option('--concurrency <n>', 'trials at once (default: one per core)', numberIn({ integer: true, min: 1, max: 64 }))
    .option('--save <file>', 'save the best model here');
  addBackendOptions(cmd);
  addOutputOptions(cmd);
  cmd.action(async (f: SearchFlags) => {
    if (f.save !== undefined) checkSaveTarget(f.save);
    applyBackend(f);
    process.exitCode = await runSearch(f);
  });
  return cmd;
}

export async function runSearch(f: SearchFlags): Promise<number> {
  const mode = outputMode(f);
  const data = await loadDataset(f, f.val);
  if (!data.val) throw new RunError('the search needs validation examples: --val must leave at least one');
  const title = `svm search · ${data.name} · ${describeData(data)} · ${f.loss} loss · ${count(f.steps)} steps a trial · ${describeBackend(backendInfo())}`;
  const store = new ThrottledStore<SearchState>({ title, lrs: f.lr, regs: f.reg, steps: f.steps, cells: f.lr.flatMap(() => f.reg.map((): Cell => ({ state: 'waiting' }))) });
  const write = streamWriter();
  const json = jsonPrinter(write);
  const ctrl = new AbortController();
  const release = onInterrupt(() => ctrl.abort());
  const app = mode === 'tty' ? mount(<SearchApp store={store} onStop={() => ctrl.abort()} />) : undefined;
  if (mode === 'json') json({ type: 'start', command: 'search', dataset: data.name, learningRates: f.lr, regs: f.reg, steps: f.steps, loss: f.loss });
  if (mode === 'plain') write(title);
  try {
    const result = await searchHyperparameters(data.train, data.val, {
      grid: { learningRate: f.lr, reg: f.reg },
      loss: f.loss,
      iterations: f.steps,
      seed: f.seed,
      classNames: data.classNames,
      ...(data.imageShape ? { imageShape: data.imageShape } : {}),
      ...(f.concurrency ? { concurrency: f.concurrency } : {}),
      signal: ctrl.signal,
      onProgress: (p) => store.update((s) => ({ ...s, cells: s.cells.map((c, i) => (i === p.index && c.state !== 'done' ? { state: 'running', step: p.step } : c)) })),
      onTrial: (t) => {
        if (mode === 'json') json({ type: 'trial', index: t.index, ...t.params, valAccuracy: t.valAccuracy, trainAccuracy: t.trainAccuracy, loss: t.loss, stopped: t.stopped, steps: t.steps, elapsedMs: Math.round(t.elapsedMs) });
        if (mode === 'plain') write(trialLine(t));
        store.update((s) => {
          const cells = s.cells.map((c, i): Cell => (i === t.index ? { state: 'done', trial: t } : c));
          return { ...s, cells, best: bestIndex(cells) };
        });
      },
    });
    const testAccuracy = result.best.model.accuracy(data.test.X, data.test.y);
    // A failed save does not hide the results: they print, then the error (exit 1).
    let saveError: string | undefined;
    if (f.save) await result.best.model.save(f.save).catch((err: unknown) => (saveError = saveFailure(f.save!, err)));
    const savedTo = f.save && !saveError ? f.save : undefined;
    const outcome = {
      testAccuracy,
      params: result.best.params,
      valAccuracy: result.best.valAccuracy,
      elapsedMs: result.elapsedMs,
      trials: result.trials.length,
      interrupted: ctrl.signal.aborted,
      ...(savedTo ? { savedTo } : {}),
    };
    store.update((s) => ({ ...s, outcome, best: result.best.index }));
    store.close();
    if (mode === 'json') json({ type: 'done', best: { ...result.best.params, valAccuracy: result.best.valAccuracy }, testAccuracy, elapsedMs: Math.round(result.elapsedMs), ...(savedTo ? { savedTo } : {}) });
    if (mode === 'plain') for (const line of [...gridLines(store.get()), ...outcomeLines(store.get())]) write(line);
    if (saveError) throw new RunError(saveError);
    return 0;
  } catch (err) {
    if (err instanceof Error && /every trial diverged/.test(err.message)) throw new RunError(`every trial diverged; try smaller learning rates (--lr)`);
    throw err;
  } finally {
    release();
    store.close();
    if (app) {
      await new Promise((r) => setTimeout(r, 30));
      app.unmount();
      await app.waitUntilExit();
    }
  }
}

function bestIndex(cells: Cell[]): number | undefined {
  let best: number | undefined;
  cells.forEach((c, i) => {
    if (c.state !== 'done' || c.trial.stopped === 'diverged') return;
    const b = best === undefined ? undefined : cells[best];
    if (!b || (b.state === 'done' && c.trial.valAccuracy > b.trial.valAccuracy)) best = i;
  });
  return best;
}

function trialLine(t: TrialResult): string {
  const what =
    t.stopped === 'diverged'
      ? `diverged at step ${t.diverged?.step ?? t.steps}`
      : `val ${percent(t.valAccuracy)}  train ${percent(t.trainAccuracy)}${t.stopped === 'aborted' ? `  (stopped at step ${t.steps})` : ''}`;
  return `lr ${sci(t.params.learningRate).padEnd(7)} reg ${sci(t.params.reg).padEnd(7)} ${what}`;
}

const CELL = 10;

export function cellText(c: Cell, steps: number): string {
  if (c.state === 'waiting') return '·';
  if (c.state === 'running') return `${Math.floor((100 * c.step) / steps)}%…`;
  if (c.trial.stopped === 'diverged') return '✗ diverged';
  return c.trial.stopped === 'aborted' ? `${percent(c.trial.valAccuracy)}*` : percent(c.trial.valAccuracy); // * : see outcomeLines
}

/** The grid as text lines: a row per learning rate, a column per reg. */
export function gridLines(s: SearchState): string[] {
  const head = `${'lr \\ reg'.padEnd(9)}${s.regs.map((r) => fit(sci(r), CELL, 'right')).join(' ')}`;
  return [
    head,
    ...s.lrs.map((lr, i) => `${fit(sci(lr), 9)}${s.regs.map((_, j) => fit(cellText(s.cells[i * s.regs.length + j]!, s.steps), CELL, 'right')).join(' ')}`),
  ];
}

function trialCount(ran: number, total: number): string {
  return ran === total ? `${count(total)} trials` : `${count(ran)} of ${count(total)} trials`;
}

function outcomeLines(s: SearchState): string[] {
  if (!s.outcome) return [];
  const o = s.outcome;
  return [
    `best: lr ${sci(o.params.learningRate)}, reg ${sci(o.params.reg)} — val accuracy ${percent(o.valAccuracy)} (${trialCount(o.trials, s.cells.length)} in ${(o.elapsedMs / 1000).toFixed(1)} s)`,
    ...(o.interrupted ? ['interrupted (Ctrl-C): * marks a trial stopped before its last step, ranked on the steps it had; · never ran'] : []),
    `test accuracy ${percent(o.testAccuracy)}`,
    ...(o.savedTo ? [`best model saved to ${o.savedTo}`] : []),
  ];
}

function SearchApp({ store, onStop }: { store: ThrottledStore<SearchState>; onStop: () => void }) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  return (
    <>
      <StopKeys onStop={onStop} />
      <SearchView state={state} />
    </>
  );
}

/** Cell colour: validation accuracy from dim (low) to bright green (high); red for diverged. */
function cellColour(c: Cell, s: SearchState, index: number): { color?: string; dimColor?: boolean; bold?: boolean; inverse?: boolean } {
  if (c.state === 'waiting') return { dimColor: true };
  if (c.state === 'running') return { color: 'yellow' };
  if (c.trial.stopped === 'diverged') return { color: 'red' };
  if (index === s.best) return { color: 'green', bold: true, inverse: true };
  const done = s.cells.filter((x): x is Extract<Cell, { state: 'done' }> => x.state === 'done' && x.trial.stopped !== 'diverged').map((x) => x.trial.valAccuracy);
  const lo = Math.min(...done);
  const hi = Math.max(...done);
  const t = hi > lo ? (c.trial.valAccuracy - lo) / (hi - lo) : 1;
  return t > 0.66 ? { color: 'green' } : t > 0.33 ? { color: 'greenBright', dimColor: true } : { dimColor: true };
}

export function SearchView({ state: s }: { state: SearchState }) {
  const finished = s.cells.filter((c) => c.state === 'done').length;
  const [full, empty] = bar(finished / s.cells.length, 30);
  return (
    <Box flexDirection="column">
      <Text bold color="cyan" wrap="truncate">
        {s.title}
      </Text>
      <Text>
        <Text color="green">{full}</Text>
        <Text dimColor>{empty}</Text> {finished}/{s.cells.length} trials
      </Text>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>
          {'lr \\ reg'.padEnd(9)}
          {s.regs.map((r) => fit(sci(r), CELL, 'right')).join(' ')}
        </Text>
        {s.lrs.map((lr, i) => (
          <Text key={lr}>
            <Text bold>{fit(sci(lr), 9)}</Text>
            {s.regs.map((_, j) => {
              const index = i * s.regs.length + j;
              const c = s.cells[index]!;
              return (
                <Text key={j}>
                  {j ? ' ' : ''}
                  <Text {...cellColour(c, s, index)}>{fit(cellText(c, s.steps), CELL, 'right')}</Text>
                </Text>
              );
            })}
          </Text>
        ))}
      </Box>
      <Text dimColor>cells: validation accuracy · running: progress · ✗: diverged (the loss blew up)</Text>
      {s.outcome ? (
        <Box flexDirection="column" marginTop={1}>
          {outcomeLines(s).map((l) => (
            <Text key={l} bold={l.startsWith('test')} color={l.startsWith('test') ? 'green' : undefined}>
              {l}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
