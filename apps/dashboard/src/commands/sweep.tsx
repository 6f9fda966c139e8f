/**
 * `svm sweep`: the lecture's step-size experiment — the full-data loss after one gradient step of
 * each size η from the same W. Tiny steps barely move, a good one drops the loss most, big ones
 * overshoot and the loss climbs: a table and a chart (log-scaled loss over log-spaced η).
 */
import { Command, Option } from 'commander';
import { loss, stepSizeSweep, train, type LossKind, type StepSizeEntry } from '@svm/core';
import { Box, Text } from 'ink';
import { applyBackend } from '../backend.js';
import { LineChart } from '../components/LineChart.js';
import { useTerminal } from '../components/terminal.js';
import { describeAnalysis, loadAnalysisData, startingWeights } from '../data/analysis.js';
import { num, sci } from '../format.js';
import { addBackendOptions, addDatasetOptions, addOutputOptions, lossOption, regOption, type BackendFlags, type DatasetFlags, type OutputFlags } from '../options/common.js';
import { numberIn, numberList } from '../options/parse.js';
import { outputMode } from '../output/mode.js';
import { present } from '../output/present.js';
import { formatTable } from '../output/table.js';
import { lineChart } from '../render/chart.js';

/** 1e-6 … 1e2, a decade apart: on data in [0, 1] the loss overshoots from about η = 1. */
export const DEFAULT_STEP_SIZES = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2];

interface SweepFlags extends DatasetFlags, OutputFlags, BackendFlags {
  loss: LossKind;
  reg: number;
  stepSizes: number[];
  steps: number;
}

export interface SweepResult {
  dataset: string;
  loss: LossKind;
  reg: number;
  steps: number;
  /** Loss at W before any step. */
  start: number;
  entries: StepSizeEntry[];
  /** The step size with the lowest finite loss; undefined when every step overflowed. */
  best: StepSizeEntry | undefined;
}

export function sweepCommand(): Command {
  const cmd = new Command('sweep').description('the step-size experiment: the loss after one gradient step of each size, as a table and a chart');
  addDatasetOptions(cmd);
  cmd
    .addOption(lossOption())
    .addOption(regOption(1e-4))
    .addOption(new Option('--step-sizes <list>', 'step sizes η, comma-separated').argParser(numberList({ min: 0 })).default(DEFAULT_STEP_SIZES, DEFAULT_STEP_SIZES.map((v) => sci(v, 0)).join(',')))
    .addOption(new Option('--steps <n>', 'train this many mini-batch SGD steps first (0: sweep from the random start W)').argParser(numberIn({ integer: true, min: 0 })).default(0));
  addBackendOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    "\nThe lecture sweeps 1e-10 … 1e-1 on raw CIFAR-10 pixels (0–255) and the loss is lowest near 1e-6. Here the pixels are\n" +
      'in [0, 1] with the mean image subtracted: a step of the same size moves the scores ~255² ≈ 65,000 times less (the\n' +
      'gradient and the scores it moves both scale with the pixels), so the same picture sits at larger steps: the loss\n' +
      'falls until about η = 0.1 and overshoots from about η = 1. Each step follows the analytic gradient.',
  );
  cmd.action(async (f: SweepFlags) => {
    applyBackend(f);
    await present(outputMode(f), sweepPresentation(await runSweep(f)));
  });
  return cmd;
}

export async function runSweep(f: SweepFlags): Promise<SweepResult> {
  const a = await loadAnalysisData(f);
  let W = startingWeights(a, f.seed);
  if (f.steps > 0) W = (await train(a.X, a.y, { W0: W, loss: f.loss, reg: f.reg, learningRate: 3e-2, iterations: f.steps, batchSize: Math.min(200, a.X.rows), seed: f.seed, evalEvery: 0 })).W;
  const stepSizes = [...f.stepSizes].sort((x, y) => x - y);
  const entries = await stepSizeSweep(W, a.X, a.y, { stepSizes, loss: f.loss, reg: f.reg });
  const finite = entries.filter((e) => Number.isFinite(e.loss));
  const best = finite.length ? finite.reduce((m, e2) => (e2.loss < m.loss ? e2 : m)) : undefined;
  // loss − change gives the start back, but not from an overflowed entry (∞ − ∞).
  const start = finite.length ? finite[0]!.loss - finite[0]!.change : (await loss(f.loss, W, a.X, a.y, { reg: f.reg })).loss;
  return { dataset: describeAnalysis(a), loss: f.loss, reg: f.reg, steps: f.steps, start, entries, best };
}

function effect(e: StepSizeEntry, best: StepSizeEntry | undefined): string {
  if (e === best) return '★ best';
  if (e.rises) return '↑ overshoots';
  return Math.abs(e.change) < 1e-3 * Math.abs(e.loss) ? '· barely moves' : '↓ helps';
}

export function sweepRows(r: SweepResult): string[][] {
  return r.entries.map((e) => [sci(e.stepSize, 0), num(e.loss, 5), `${e.change > 0 ? '+' : ''}${num(e.change, 3)}`, effect(e, r.best)]);
}

const COLUMNS = [{ header: 'step size η' }, { header: 'loss after step' }, { header: 'change' }, { header: 'effect', align: 'left' as const }];

function header(r: SweepResult): string {
  return `svm sweep · ${r.dataset} · ${r.loss} loss, reg ${sci(r.reg)} · from W ${r.steps ? `after ${r.steps} mini-batch SGD steps` : 'random (0.001·randn)'} (loss ${num(r.start, 5)})`;
}

const OVERFLOWED = 'every step overflowed (the loss is Infinity after each): nothing to chart; try smaller step sizes';

const CAPTION = (r: SweepResult) => `η: ${r.entries.map((e) => sci(e.stepSize, 0)).join(' → ')} (log-spaced, left to right)`;

export function sweepPresentation(r: SweepResult) {
  return {
    json: () => [
      { type: 'sweep', dataset: r.dataset, loss: r.loss, reg: r.reg, steps: r.steps, startLoss: r.start },
      ...r.entries.map((e) => ({ type: 'step-size', ...e, best: e === r.best })),
      { type: 'done', bestStepSize: r.best?.stepSize ?? null, bestLoss: r.best?.loss ?? null },
    ],
    plain: () => [
      header(r),
      '',
      ...formatTable(COLUMNS, sweepRows(r)),
      '',
      ...(r.best
        ? ['loss after one step (log scale)', ...lineChart([r.entries.map((e) => e.loss)], { width: 72, height: 8, log: true, stretch: true }), CAPTION(r)]
        : [OVERFLOWED]),
    ],
    tty: () => <SweepView result={r} />,
  };
}

export function SweepView({ result: r }: { result: SweepResult }) {
  const { columns } = useTerminal();
  const lines = formatTable(COLUMNS, sweepRows(r));
  return (
    <Box flexDirection="column">
      <Text bold color="cyan" wrap="truncate">
        {header(r)}
      </Text>
      <Text> </Text>
      <Text bold>{lines[0]}</Text>
      <Text dimColor>{lines[1]}</Text>
      {lines.slice(2).map((line, i) => {
        const e = r.entries[i]!;
        return (
          <Text key={i} color={e === r.best ? 'green' : e.rises ? 'red' : undefined} bold={e === r.best}>
            {line}
          </Text>
        );
      })}
      <Box marginTop={1}>
        {r.best ? (
          <LineChart title="loss after one step (log scale)" series={[r.entries.map((e) => e.loss)]} width={Math.min(columns - 1, 100)} height={8} log stretch colour="cyan" caption={CAPTION(r)} />
        ) : (
          <Text color="red">{OVERFLOWED}</Text>
        )}
      </Box>
    </Box>
  );
}
