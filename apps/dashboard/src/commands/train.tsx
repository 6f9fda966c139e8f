/**
 * `svm train`: trains a linear classifier and ends with its test accuracy — live in Ink on a
 * terminal, as plain lines in pipes and CI, as JSON lines with --json.
 */
import { Command, Option } from 'commander';
import { EXIT_FAILED, EXIT_OK, RunError } from '../errors.js';
import { checkDatasetFlags } from '../data/load.js';
import { checkSaveTarget } from '../model/save-target.js';
import { addBackendOptions, addDatasetOptions, addOutputOptions, lossOption, OPTIMIZERS, regOption, SCHEDULE_NAMES, type BackendFlags, type DatasetFlags, type OutputFlags } from '../options/common.js';
import { batchSize, countOrShare, numberIn } from '../options/parse.js';
import { outputMode } from '../output/mode.js';
import { jsonPrinter, streamWriter } from '../output/json.js';
import { keysAvailable, mount, onInterrupt, processTerminal, type Terminal } from '../ink/mount.js';
import { TrainApp } from '../components/TrainApp.js';
import { TrainingSession } from '../train/session.js';
import { plainTrainPrinter } from '../train/plain-printer.js';
import { trainJsonEvent } from '../train/json-events.js';
import type { Outcome, SessionEvent, TrainSettings } from '../train/types.js';
import type { LossKind, ScheduleKind, UpdateRule } from '@svm/core';

/** Defaults that train the embedded MNIST digits to ~90% test accuracy in a couple of seconds. */
export const TRAIN_DEFAULTS = { learningRate: 3e-2, reg: 1e-4, batchSize: 200, steps: 2000, val: 0.1 } as const;

interface TrainFlags extends DatasetFlags, OutputFlags, BackendFlags {
  loss: LossKind;
  optimizer: UpdateRule;
  lr: number;
  schedule: ScheduleKind;
  reg: number;
  batchSize: number | 'full';
  steps: number;
  val: number;
  evalEvery?: number;
  save?: string;
}

export function trainCommand(): Command {
  const cmd = new Command('train').description('train a linear classifier (live dashboard on a terminal) and report its test accuracy');
  addDatasetOptions(cmd);
  cmd
    .addOption(lossOption())
    .addOption(new Option('--optimizer <rule>', 'update rule').choices(OPTIMIZERS).default('sgd'))
    .addOption(new Option('--lr <rate>', 'learning rate (step size)').argParser(numberIn({ above: 0 })).default(TRAIN_DEFAULTS.learningRate))
    .addOption(new Option('--schedule <kind>', 'learning-rate schedule').choices(SCHEDULE_NAMES).default('constant'))
    .addOption(regOption(TRAIN_DEFAULTS.reg))
    .addOption(new Option('--batch-size <n>', 'examples per step, or "full" for full-batch gradient descent').argParser(batchSize).default(TRAIN_DEFAULTS.batchSize))
    .addOption(new Option('--steps <n>', 'optimization steps').argParser(numberIn({ integer: true, min: 1 })).default(TRAIN_DEFAULTS.steps))
    .addOption(
      new Option('--val <n>', 'validation examples held out of the training set: a count, or a share when < 1 (0: none)')
        .argParser(countOrShare(true))
        .default(TRAIN_DEFAULTS.val),
    )
    .option('--eval-every <n>', 'steps between accuracy checkpoints (default: steps/10; 0: never)', numberIn({ integer: true, min: 0 }))
    .option('--save <file>', 'save the model here when the run ends (and when you press s)');
  addBackendOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Keys while training: p pause/resume · + / - learning rate ×2 / ÷2 · s save now · q or Ctrl-C stop
(the run stops, the weights reached are kept and, with --save, saved).

Exit codes: 0 done (or stopped by you), 1 failed or diverged, 2 bad usage.

Examples:
  svm train                                   the embedded MNIST digits, SVM loss, mini-batch SGD
  svm train --loss softmax --optimizer adam --lr 1e-3 --steps 5000 --save model.json
  svm train -d fashion-mnist --schedule step --json`,
  );
  cmd.action(async (flags: TrainFlags) => {
    if (flags.save !== undefined) checkSaveTarget(flags.save);
    // Before the dashboard mounts: a flag error is one line, not a frame of dashes above it.
    const settings = settingsFrom(flags);
    checkDatasetFlags(settings.data);
    process.exitCode = await runTrain(settings, outputMode(flags), flags);
  });
  return cmd;
}

export function settingsFrom(f: TrainFlags): TrainSettings {
  return {
    data: {
      dataset: f.dataset,
      seed: f.seed,
      ...(f.dir ? { dir: f.dir } : {}),
      ...(f.path ? { path: f.path } : {}),
      ...(f.label !== undefined ? { label: f.label } : {}),
      ...(f.limit !== undefined ? { limit: f.limit } : {}),
    },
    val: f.val,
    loss: f.loss,
    optimizer: f.optimizer,
    learningRate: f.lr,
    schedule: f.schedule,
    reg: f.reg,
    batchSize: f.batchSize,
    steps: f.steps,
    evalEvery: f.evalEvery ?? defaultEvalEvery(f.steps),
    ...(f.save ? { save: f.save } : {}),
    snapshots: false,
  };
}

/** Ten checkpoints a run: each also ends a native chunk, so fewer keep the chunks long. */
export function defaultEvalEvery(steps: number): number {
  return Math.max(1, Math.round(steps / 10));
}

/** The exit code of a run that ended; a failed final save, reported after the summary, is an error. */
function exitCodeFor(outcome: Outcome): number {
  if (outcome.saveError) throw new RunError(outcome.saveError);
  return outcome.stopped === 'diverged' ? EXIT_FAILED : EXIT_OK;
}

/** Runs a training session shown in the given mode; resolves with the exit code. */
export async function runTrain(settings: TrainSettings, mode: 'tty' | 'plain' | 'json', backend: BackendFlags, term: Terminal = processTerminal()): Promise<number> {
  if (mode === 'tty') return runLive(settings, backend, term);
  const write = streamWriter(term.stdout);
  const printJson = jsonPrinter(write);
  const print = mode === 'json' ? (e: SessionEvent) => printJson(trainJsonEvent(e)) : plainTrainPrinter(write);
  const session = new TrainingSession(settings, { onEvent: print, backend });
  const release = onInterrupt((signal) => session.stop(signal));
  try {
    return exitCodeFor(await session.execute());
  } finally {
    release();
  }
}

async function runLive(settings: TrainSettings, backend: BackendFlags, term: Terminal): Promise<number> {
  const session = new TrainingSession({ ...settings, snapshots: true }, { backend, reserveCoreForScreen: true });
  const keysActive = keysAvailable(term.stdin);
  // The session's store measures its frames itself (see ThrottledStore.notify).
  const app = mount(<TrainApp session={session} keysActive={keysActive} />, term);
  const release = onInterrupt((signal) => session.stop(signal));
  try {
    return exitCodeFor(await session.execute());
  } finally {
    release();
    // Let the last frame (the outcome) draw before Ink restores the terminal.
    await new Promise((r) => setTimeout(r, 30));
    app.unmount();
    await app.waitUntilExit();
  }
}
