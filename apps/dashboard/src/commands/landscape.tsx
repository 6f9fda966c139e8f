/**
 * `svm landscape`: pictures of the loss around weights — the 1-D slice L(W + a·W1) along a random
 * direction as a line chart, and the 2-D slice L(W + a·W1 + b·W2) as a heat-map (blue low, red
 * high) on the plane of an optimizer's path, with the path drawn on it from S(tart) to E(nd).
 */
import { Command, Option } from 'commander';
import { lossSlice1D, lossSlice2D, projectTrajectory, train, type LossKind, type Matrix, type UpdateRule } from '@svm/core';
import { Box, Text } from 'ink';
import { applyBackend } from '../backend.js';
import { RunError } from '../errors.js';
import { LineChart } from '../components/LineChart.js';
import { Picture } from '../components/Picture.js';
import { useTerminal } from '../components/terminal.js';
import { describeAnalysis, loadAnalysisData, startingWeights } from '../data/analysis.js';
import { num, sci } from '../format.js';
import { pathPlane } from '../landscape/path-plane.js';
import { addBackendOptions, addDatasetOptions, addOutputOptions, lossOption, OPTIMIZERS, regOption, type BackendFlags, type DatasetFlags, type OutputFlags } from '../options/common.js';
import { interval, numberIn } from '../options/parse.js';
import { outputMode } from '../output/mode.js';
import { present } from '../output/present.js';
import { lineChart } from '../render/chart.js';
import { gridLines } from '../render/pixels.js';
import { heatmapPicture } from '../render/heatmap.js';

interface LandscapeFlags extends DatasetFlags, OutputFlags, BackendFlags {
  loss: LossKind;
  reg: number;
  grid: number;
  range: [number, number];
  optimizer: UpdateRule;
  lr: number;
  steps: number;
  examples: 'all' | 'one';
}

export interface LandscapeResult {
  dataset: string;
  loss: LossKind;
  reg: number;
  optimizer: UpdateRule;
  lr: number;
  steps: number;
  examples: 'all' | 'one';
  slice1: { a: Float64Array; loss: Float64Array };
  slice2: { a: Float64Array; b: Float64Array; loss: Float64Array };
  path: { a: Float64Array; b: Float64Array };
}

export function landscapeCommand(): Command {
  const cmd = new Command('landscape').description("the loss along a line (chart) and over a plane (heat-map) through the weights, with an optimizer's path on it");
  addDatasetOptions(cmd, { limitHelp: 'examples the loss is computed on (default 2000)' });
  cmd
    .addOption(lossOption())
    .addOption(regOption(1e-2))
    .addOption(new Option('--grid <n>', 'grid points per axis of the heat-map').argParser(numberIn({ integer: true, min: 5, max: 201 })).default(41))
    .addOption(new Option('--range <lo,hi>', 'interval of a and b (1 = the length of the path)').argParser(interval).default([-0.75, 1.5], '-0.75,1.5'))
    .addOption(new Option('--optimizer <rule>', 'the optimizer whose path is drawn').choices(OPTIMIZERS).default('sgd'))
    .addOption(new Option('--lr <rate>', "the path's learning rate").argParser(numberIn({ above: 0 })).default(3e-2))
    .addOption(new Option('--steps <n>', "the path's steps").argParser(numberIn({ integer: true, min: 2 })).default(300))
    .addOption(
      new Option('--examples <which>', "the loss pictured: over all examples, or one example's data loss (the lecture's piecewise-linear slice)")
        .choices(['all', 'one'])
        .default('all'),
    );
  addBackendOptions(cmd);
  addOutputOptions(cmd);
  cmd.action(async (f: LandscapeFlags) => {
    applyBackend(f);
    await present(outputMode(f), landscapePresentation(await runLandscape({ ...f, limit: f.limit ?? 2000 })));
  });
  return cmd;
}

export async function runLandscape(f: LandscapeFlags): Promise<LandscapeResult> {
  const a = await loadAnalysisData(f);
  const W0 = startingWeights(a, f.seed);
  const snapshots: Matrix[] = [W0];
  const run = await train(a.X, a.y, {
    W0,
    loss: f.loss,
    reg: f.reg,
    optimizer: f.optimizer,
    learningRate: f.lr,
    iterations: f.steps,
    batchSize: Math.min(200, a.X.rows),
    seed: f.seed,
    evalEvery: 0,
    snapshotEvery: Math.max(1, Math.round(f.steps / 60)),
    onProgress: (e) => {
      if (e.W) snapshots.push(e.W);
    },
  });
  if (run.stopped === 'diverged') {
    // The path went off to NaN/Inf: there is no plane of it to draw.
    throw new RunError(`the path diverged at step ${run.diverged!.step} (loss ${num(run.diverged!.loss)}) at --lr ${f.lr}; try a smaller --lr`);
  }
  const { center, directions } = pathPlane(snapshots, f.seed);
  // The path learns from every example; the pictures show the loss over all of them or the first.
  const one = f.examples === 'one';
  const X = one ? a.X.takeRows([0]) : a.X;
  const y = one ? a.y.slice(0, 1) : a.y;
  // One example's picture is its data loss alone: the regularizer's bowl would curve the planes.
  const reg = one ? 0 : f.reg;
  const slice2 = await lossSlice2D(center, X, y, { directions, range: f.range, steps: f.grid, loss: f.loss, reg });
  const slice1 = await lossSlice1D(center, X, y, { range: [-1, 1], steps: 121, seed: f.seed, loss: f.loss, reg });
  const path = projectTrajectory(center, directions, snapshots);
  return { dataset: describeAnalysis(a), loss: f.loss, reg: f.reg, optimizer: f.optimizer, lr: f.lr, steps: f.steps, examples: f.examples, slice1, slice2, path };
}

function header(r: LandscapeResult): string {
  return `svm landscape · ${r.dataset} · ${r.loss} loss, reg ${sci(r.reg)}${r.examples === 'one' ? ' · data loss of example 0 alone' : ''}`;
}

const TITLE_1D = 'L(W + a·W1) along a random direction W1 (|W1| = |W|), a ∈ [-1, 1]';

function title2D(r: LandscapeResult): string {
  return `L(W + a·W1 + b·W2) on the plane of ${r.steps} ${r.optimizer} steps (lr ${sci(r.lr)}): a ↑, b →; path • from S to E = W`;
}

function legend(min: number, max: number): string {
  return `colour: blue ${num(min, 4)} → red ${num(max, 4)} (log scale)`;
}

export function landscapePresentation(r: LandscapeResult) {
  const pic = () => heatmapPicture({ values: r.slice2.loss, a: r.slice2.a, b: r.slice2.b }, r.path);
  return {
    json: () => [
      { type: 'landscape', dataset: r.dataset, loss: r.loss, reg: r.reg, optimizer: r.optimizer, learningRate: r.lr, steps: r.steps, examples: r.examples },
      { type: 'slice1d', a: r.slice1.a, loss: r.slice1.loss },
      { type: 'slice2d', a: r.slice2.a, b: r.slice2.b, loss: r.slice2.loss },
      { type: 'path', a: r.path.a, b: r.path.b },
    ],
    plain: () => {
      const p = pic();
      return [
        header(r),
        '',
        TITLE_1D,
        ...lineChart([r.slice1.loss], { width: 72, height: 8 }),
        '',
        title2D(r),
        ...gridLines(p.grid, 'none', p.marks),
        legend(p.min, p.max) + ` (shades ${JSON.stringify(' .:-=+*#%@')})`,
      ];
    },
    tty: () => <LandscapeView result={r} />,
  };
}

export function LandscapeView({ result: r }: { result: LandscapeResult }) {
  const { columns } = useTerminal();
  const p = heatmapPicture({ values: r.slice2.loss, a: r.slice2.a, b: r.slice2.b }, r.path);
  return (
    <Box flexDirection="column">
      <Text bold color="cyan" wrap="truncate">
        {header(r)}
      </Text>
      <Box marginTop={1}>
        <LineChart title={TITLE_1D} series={[r.slice1.loss]} width={Math.min(columns - 1, 90)} height={8} colour="cyan" />
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold wrap="truncate">
          {title2D(r)}
        </Text>
        <Picture grid={p.grid} marks={p.marks} />
        <Text dimColor>{legend(p.min, p.max)}</Text>
      </Box>
    </Box>
  );
}
