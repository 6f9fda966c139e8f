/**
 * `svm gradcheck`: the lecture's "compute the gradient analytically, check it numerically" — the
 * analytic gradient against centered differences at sampled weights, float64 and float32 side by
 * side (float32 differences are too coarse to check anything: the table shows it), with the
 * weights whose finite difference straddles a hinge kink flagged.
 */
import { Command, Option } from 'commander';
import { gradCheck, lossFunction, train, type GradCheckReport, type LossKind } from '@svm/core';
import { Box, Text } from 'ink';
import { applyBackend } from '../backend.js';
import { describeAnalysis, loadAnalysisData, startingWeights } from '../data/analysis.js';
import { addBackendOptions, addDatasetOptions, addOutputOptions, lossOption, regOption, type BackendFlags, type DatasetFlags, type OutputFlags } from '../options/common.js';
import { numberIn } from '../options/parse.js';
import { outputMode } from '../output/mode.js';
import { sci } from '../format.js';
import { present } from '../output/present.js';
import { columnOffset, columnWidths, formatTable } from '../output/table.js';

interface GradcheckFlags extends DatasetFlags, OutputFlags, BackendFlags {
  loss: LossKind;
  reg: number;
  samples: number;
  h: number;
  steps: number;
}

export interface GradcheckResult {
  dataset: string;
  loss: LossKind;
  reg: number;
  h: number;
  steps: number;
  float64: GradCheckReport;
  float32: GradCheckReport;
}

export function gradcheckCommand(): Command {
  const cmd = new Command('gradcheck').description('check the analytic gradient against numerical differences, float64 and float32 side by side');
  addDatasetOptions(cmd, { limitHelp: 'examples the loss is computed on (default 500, CS231n\'s dev set)' });
  cmd
    .addOption(lossOption())
    .addOption(regOption(1e-2))
    .addOption(new Option('--samples <n>', 'weights to check').argParser(numberIn({ integer: true, min: 1, max: 1000 })).default(10))
    .addOption(new Option('--h <step>', 'finite-difference step').argParser(numberIn({ above: 0 })).default(1e-5))
    .addOption(new Option('--steps <n>', 'train this many mini-batch SGD steps first (0: check at the random start W)').argParser(numberIn({ integer: true, min: 0 })).default(0));
  addBackendOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText('after', '\nRules of thumb (CS231n): relative error < 1e-7 is right; ~1e-4 is acceptable where a kink is crossed (SVM) and too high for a smooth loss (softmax); > 1e-2 is wrong. Few examples and a small h cross fewer kinks.');
  cmd.action(async (f: GradcheckFlags) => {
    applyBackend(f);
    const result = await runGradcheck({ ...f, limit: f.limit ?? 500 });
    await present(outputMode(f), gradcheckPresentation(result));
  });
  return cmd;
}

export async function runGradcheck(f: GradcheckFlags): Promise<GradcheckResult> {
  const a = await loadAnalysisData(f);
  let W = startingWeights(a, f.seed);
  if (f.steps > 0) {
    W = (await train(a.X, a.y, { W0: W, loss: f.loss, reg: f.reg, learningRate: 3e-2, iterations: f.steps, batchSize: Math.min(200, a.X.rows), seed: f.seed, evalEvery: 0 })).W;
  }
  const fn = lossFunction(f.loss, a.X, a.y, { reg: f.reg });
  const opts = { samples: f.samples, h: f.h, seed: f.seed };
  const float64 = await gradCheck(fn, W, { ...opts, dtype: 'float64' });
  const float32 = await gradCheck(fn, W, { ...opts, dtype: 'float32' });
  return { dataset: describeAnalysis(a), loss: f.loss, reg: f.reg, h: f.h, steps: f.steps, float64, float32 };
}

const e = (v: number) => (v === 0 ? '0' : v.toExponential(2));
const g = (v: number) => (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(3) : v.toFixed(6));

export function gradcheckRows(r: GradcheckResult): string[][] {
  return r.float64.checks.map((c, i) => {
    const c32 = r.float32.checks[i]!;
    return [`(${c.row}, ${c.col})`, g(c.analytic), g(c.numeric), e(c.relError), g(c32.numeric), e(c32.relError), c.nearKink ? 'kink' : ''];
  });
}

const COLUMNS = [
  { header: 'weight', align: 'left' as const },
  { header: 'analytic' },
  { header: 'numeric f64' },
  { header: 'rel err f64' },
  { header: 'numeric f32' },
  { header: 'rel err f32' },
  { header: 'near kink', align: 'left' as const },
];

/** Whether every float64 check away from kinks reads as right. */
export function gradientLooksRight(r: GradcheckResult): boolean {
  return r.float64.checks.every((c) => c.nearKink || c.verdict === 'right');
}

export function summaryLines(r: GradcheckResult): string[] {
  const kinks = r.float64.checks.filter((c) => c.nearKink).length;
  return [
    `float64: max relative error ${e(r.float64.maxRelError)} (${e(r.float64.maxRelErrorAwayFromKinks)} away from ${kinks} kink${kinks === 1 ? '' : 's'}) — ${gradientLooksRight(r) ? 'the gradient is right' : 'check the gradient'}`,
    `float32: max relative error ${e(r.float32.maxRelError)} — rounding swamps differences over h = ${sci(r.h, 0)}:`,
    '  check gradients in float64',
  ];
}

function header(r: GradcheckResult): string {
  return `svm gradcheck · ${r.dataset} · ${r.loss} loss, reg ${sci(r.reg)} · h ${sci(r.h, 0)} · W ${r.steps ? `after ${r.steps} mini-batch SGD steps` : 'random (0.001·randn)'}`;
}

export function gradcheckPresentation(r: GradcheckResult) {
  return {
    json: () => [
      { type: 'gradcheck', dataset: r.dataset, loss: r.loss, reg: r.reg, h: r.h, steps: r.steps },
      ...r.float64.checks.map((c, i) => ({
        type: 'check',
        row: c.row,
        col: c.col,
        analytic: c.analytic,
        numeric64: c.numeric,
        relError64: c.relError,
        verdict64: c.verdict,
        numeric32: r.float32.checks[i]!.numeric,
        relError32: r.float32.checks[i]!.relError,
        verdict32: r.float32.checks[i]!.verdict,
        nearKink: c.nearKink,
      })),
      { type: 'done', maxRelError64: r.float64.maxRelError, maxRelErrorAwayFromKinks64: r.float64.maxRelErrorAwayFromKinks, maxRelError32: r.float32.maxRelError },
    ],
    plain: () => [header(r), '', ...formatTable(COLUMNS, gradcheckRows(r)), '', ...summaryLines(r)],
    tty: () => <GradcheckView result={r} />,
  };
}

// CS231n's reading of each relative error (@svm/core's readRelativeError), as a colour.
const VERDICT_COLOUR = { right: 'green', suspicious: 'yellow', wrong: 'red' } as const;

export function GradcheckView({ result: r }: { result: GradcheckResult }) {
  const rows = gradcheckRows(r);
  const lines = formatTable(COLUMNS, rows);
  // The float32 half of each row gets its own colour.
  const split = columnOffset(columnWidths(COLUMNS, rows), 4);
  return (
    <Box flexDirection="column">
      <Text bold color="cyan" wrap="truncate">
        {header(r)}
      </Text>
      <Text> </Text>
      <Text bold>{lines[0]}</Text>
      <Text dimColor>{lines[1]}</Text>
      {lines.slice(2).map((line, i) => {
        const c64 = r.float64.checks[i]!;
        const c32 = r.float32.checks[i]!;
        const v = VERDICT_COLOUR[c64.verdict];
        return (
          <Text key={i} wrap="truncate">
            <Text color={v}>{line.slice(0, split)}</Text>
            <Text color={VERDICT_COLOUR[c32.verdict]}>{line.slice(split)}</Text>
          </Text>
        );
      })}
      <Text> </Text>
      {summaryLines(r).map((l, i) => (
        <Text key={l} color={i === 0 ? (gradientLooksRight(r) ? 'green' : 'yellow') : 'yellow'} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}
