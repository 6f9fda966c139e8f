/**
 * What bench/suites/dashboard.mjs measures: one training run with the live dashboard drawing to a
 * headless terminal (a sink stream that says it is a 24-bit TTY) against the same run with no view
 * at all — same data, options and snapshots, so the difference is the cost of drawing.
 */
import { PassThrough, Writable } from 'node:stream';
import type { Instance } from 'ink';
import { loadDataset, type LoadedData } from './data/load.js';
import { TrainingSession } from './train/session.js';
import type { TrainSettings } from './train/types.js';
import { TrainApp } from './components/TrainApp.js';
import { mount } from './ink/mount.js';
import { defaultEvalEvery, TRAIN_DEFAULTS } from './commands/train.js';
import { reserveCore } from './train/session.js';
export { reserveCore };

export interface BenchRun {
  /** Wall time of the run, training and final evaluation, ms. */
  wallMs: number;
  /** The library's own training time, ms. */
  trainMs: number;
  steps: number;
  /** Frames Ink drew and their total render time (dashboard runs). */
  frames: number;
  renderMs: number;
  /** Of those, the ones drawn between the start of training and its last step. */
  framesWhileTraining: number;
  bytesWritten: number;
  testAccuracy: number | undefined;
}

/** A stream that swallows output but looks like a terminal of the given size to Ink. */
export function headlessTerminal(columns = 120, rows = 40): { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream; bytes: () => number } {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      bytes += chunk.length;
      cb();
    },
  });
  Object.assign(sink, { isTTY: true, columns, rows, getColorDepth: () => 24, hasColors: () => true });
  const stdin = new PassThrough();
  Object.assign(stdin, { isTTY: false });
  return { stdout: sink as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: sink as unknown as NodeJS.WriteStream, bytes: () => bytes };
}

export function benchSettings(steps: number): TrainSettings {
  return {
    evalEvery: defaultEvalEvery(steps),
    data: { dataset: 'mnist', seed: 0 },
    val: TRAIN_DEFAULTS.val,
    loss: 'svm',
    optimizer: 'sgd',
    learningRate: TRAIN_DEFAULTS.learningRate,
    schedule: 'constant',
    reg: TRAIN_DEFAULTS.reg,
    batchSize: TRAIN_DEFAULTS.batchSize,
    steps,
    snapshots: true,
  };
}

export async function loadBenchData(settings: TrainSettings): Promise<LoadedData> {
  return loadDataset(settings.data, settings.val);
}

/** One run; with `dashboard` the live view draws to a headless 120×40 terminal at the usual throttle. */
export async function benchTrainRun(settings: TrainSettings, data: LoadedData, dashboard: boolean): Promise<BenchRun> {
  let trainStart = Infinity;
  let trainEnd = Infinity;
  const session = new TrainingSession(settings, {
    data,
    onEvent: (e) => {
      if (e.type === 'start') trainStart = performance.now();
      if (e.type === 'progress' && e.step === e.iterations) trainEnd = performance.now();
    },
  });
  let frames = 0;
  let renderMs = 0;
  const frameTimes: number[] = [];
  const term = headlessTerminal();
  let app: Instance | undefined;
  if (dashboard) {
    // Mounted as `svm train` mounts it (the store paces frames by its own measurements).
    app = mount(<TrainApp session={session} keysActive={false} />, term, {
      colour: 'truecolor',
      onFrame: (ms) => {
        frames++;
        renderMs += ms;
        frameTimes.push(performance.now());
      },
    });
    // As in `svm train`, where loading the data keeps the first frame ("loading…") apart from
    // the header's: Ink draws at most 15 frames a second and would hold the header back into
    // the run. Not timed: the data are loaded already, for both runs.
    await new Promise((r) => setTimeout(r, 100));
  }
  const started = performance.now();
  const outcome = await session.execute();
  const wallMs = performance.now() - started;
  if (app) {
    app.unmount();
    await app.waitUntilExit();
  }
  const framesWhileTraining = frameTimes.filter((t) => t >= trainStart && t <= trainEnd).length;
  return { wallMs, trainMs: outcome.elapsedMs, steps: outcome.steps, frames, renderMs, framesWhileTraining, bytesWritten: term.bytes(), testAccuracy: outcome.testAccuracy };
}
