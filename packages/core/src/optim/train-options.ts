/**
 * train()'s options: their types, defaults and validation, turned into the plain-number
 * configuration the backends run.
 */
import { checkSize, isMatrix, type Matrix } from '../matrix.js';
import { checkFinite, checkLabels, checkMatrix, inferClasses, type Labels } from '../loss/problem.js';
import { SCHEDULES, UPDATE_RULES, type LossKind, type ScheduleKind, type TrainConfig, type UpdateRule } from '../backend/types.js';
import { abortSignal, callback, isPlainObject, number, oneOf, options, rangeError, typeError, boolean } from '../util/validate.js';
import { presets } from './presets.js';
import type { TrainProgress } from './events.js';

/** An update rule by name, or with its parameters. */
export type OptimizerSpec =
  | UpdateRule
  | { type: 'sgd' }
  | { type: 'momentum' | 'nesterov'; momentum?: number }
  | { type: 'rmsprop'; decay?: number; eps?: number }
  | { type: 'adam'; beta1?: number; beta2?: number; eps?: number };

/** A learning-rate schedule by name (with default parameters), or with its parameters. */
export type ScheduleSpec =
  | ScheduleKind
  | { type: 'constant' }
  | { type: 'step'; every?: number; gamma?: number }
  | { type: 'exponential'; k?: number }
  | { type: 'inverse'; k?: number };

/**
 * Options of {@link train} and {@link startTraining}. Every one has a default: CS231n's assignment
 * values for raw pixels in [0, 255] (`presets.cs231n`); spread `presets.scaled` for data in [0, 1].
 */
export interface TrainOptions {
  /** 'svm' (default) or 'softmax'. */
  loss?: LossKind;
  /**
   * Update rule: 'sgd' (default), 'momentum', 'nesterov', 'rmsprop', 'adam', or an object with the
   * rule's parameters (momentum 0.9; rmsprop decay 0.99; adam β1 0.9, β2 0.999; eps 1e-8).
   */
  optimizer?: OptimizerSpec;
  /** Step size. Default 1e-7 (CS231n, raw pixels); see `presets.scaled` for data in [0, 1]. */
  learningRate?: number;
  /**
   * Learning-rate schedule over steps t = 0, 1, …: 'constant' (default); 'step' (× gamma every
   * `every` steps; defaults gamma 0.1, every iterations/3); 'exponential' (× e^(−k·t); default k
   * makes the last rate 1/100 of the first); 'inverse' (÷ (1 + k·t); default k = 10/iterations).
   */
  schedule?: ScheduleSpec;
  /** L2 strength. Default 2.5e4 (CS231n). */
  reg?: number;
  /** SVM margin. Default 1. */
  delta?: number;
  /** Rows per step: N or 'full' is full-batch gradient descent, 1 is SGD. Default min(200, N). */
  batchSize?: number | 'full';
  /** Sample batches with replacement (default, as CS231n) or walk a reshuffled permutation. */
  replace?: boolean;
  /** Steps. Default 1500. */
  iterations?: number;
  /** Seeds the initial W, the batch sampling and everything else random. Default 0. */
  seed?: number;
  /** Initial weights (D×C, X's dtype). Default initScale·randn from the seed. */
  W0?: Matrix;
  /** Scale of the random initial W. Default 0.001. */
  initScale?: number;
  /** Number of classes when W0 is not given. Default max(y) + 1; needed above 65536 classes. */
  classes?: number;
  /**
   * 'analytic' (default) or 'numerical': centered finite differences on each batch, 2·D·C + 1
   * loss evaluations a step — the lecture's slow way, for small problems.
   */
  gradient?: 'analytic' | 'numerical';
  /** Finite-difference step for gradient: 'numerical'. Default 1e-5. */
  h?: number;
  /** Validation data: accuracy reported with each evaluation, used by early stopping. */
  validation?: { X: Matrix; y: Labels };
  /** Steps between accuracy evaluations (train, and validation if given). Default iterations/20; 0: never. */
  evalEvery?: number;
  /** Stop after this many evaluations without a better validation accuracy, keeping the best W. Default: never. */
  patience?: number;
  /** Steps between copies of W in progress events (for drawing templates or paths). Default 0: none. */
  snapshotEvery?: number;
  /** Longest time between progress events (and between checks for pause/abort), ms. Default 50. */
  progressIntervalMs?: number;
  /** The run is diverged when the loss exceeds this factor × max(first loss, 1) or is NaN/Inf. Default 1000. */
  divergeFactor?: number;
  /** Aborts the run; the result keeps the W reached so far (stopped: 'aborted'). */
  signal?: AbortSignal;
  /** Called with each progress event. */
  onProgress?: (event: TrainProgress) => void;
}

/** train()'s options, validated and with defaults filled in. */
export interface NormalizedTrain {
  /** The function the run belongs to, for messages about inputs that change while it runs. */
  fn: string;
  /** Where the class count comes from, for the message about a label beyond it. */
  classesFrom: string;
  X: Matrix;
  y: Int32Array;
  kind: LossKind;
  classes: number;
  config: TrainConfig;
  rule: UpdateRule;
  scheduleKind: ScheduleKind;
  iterations: number;
  seed: number;
  W0: Matrix | undefined;
  initScale: number;
  gradient: 'analytic' | 'numerical';
  h: number;
  validation: { X: Matrix; y: Int32Array } | undefined;
  evalEvery: number;
  patience: number | undefined;
  snapshotEvery: number;
  progressIntervalMs: number;
  divergeFactor: number;
  signal: AbortSignal | undefined;
  onProgress: ((event: TrainProgress) => void) | undefined;
}

const KNOWN = [
  'loss', 'optimizer', 'learningRate', 'schedule', 'reg', 'delta', 'batchSize', 'replace', 'iterations', 'seed', 'W0',
  'initScale', 'classes', 'gradient', 'h', 'validation', 'evalEvery', 'patience', 'snapshotEvery', 'progressIntervalMs',
  'divergeFactor', 'signal', 'onProgress',
] as const;

function optimizerSpec(fn: string, spec: unknown) {
  const named = typeof spec === 'string' || spec === undefined;
  const obj = (named ? { type: spec ?? 'sgd' } : spec) as Record<string, unknown>;
  if (!isPlainObject(obj)) throw typeError(fn, 'optimizer', `one of ${UPDATE_RULES.join(', ')} or { type, … }`, spec);
  const type = oneOf(fn, 'optimizer', obj.type, UPDATE_RULES, 'sgd');
  const known: Record<UpdateRule, string[]> = {
    sgd: ['type'],
    momentum: ['type', 'momentum'],
    nesterov: ['type', 'momentum'],
    rmsprop: ['type', 'decay', 'eps'],
    adam: ['type', 'beta1', 'beta2', 'eps'],
  };
  options(`${fn} (optimizer ${type})`, obj, known[type]);
  return {
    type,
    momentum: number(fn, 'optimizer.momentum', obj.momentum, 0.9, { min: 0, max: 1 }),
    // Below 1: at 1 RMSprop's cache never takes in a gradient (a division by zero) and Adam's bias
    // correction 1 − β^t is zero.
    decay: number(fn, 'optimizer.decay', obj.decay, 0.99, { min: 0, below: 1 }),
    beta1: number(fn, 'optimizer.beta1', obj.beta1, 0.9, { min: 0, below: 1 }),
    beta2: number(fn, 'optimizer.beta2', obj.beta2, 0.999, { min: 0, below: 1 }),
    eps: number(fn, 'optimizer.eps', obj.eps, 1e-8, { above: 0 }),
  };
}

function scheduleSpec(fn: string, spec: unknown, iterations: number) {
  const named = typeof spec === 'string' || spec === undefined;
  const obj = (named ? { type: spec ?? 'constant' } : spec) as Record<string, unknown>;
  if (!isPlainObject(obj)) throw typeError(fn, 'schedule', `one of ${SCHEDULES.join(', ')} or { type, … }`, spec);
  const type = oneOf(fn, 'schedule', obj.type, SCHEDULES, 'constant');
  const known: Record<ScheduleKind, string[]> = {
    constant: ['type'],
    step: ['type', 'every', 'gamma'],
    exponential: ['type', 'k'],
    inverse: ['type', 'k'],
  };
  options(`${fn} (schedule ${type})`, obj, known[type]);
  return {
    type,
    every: number(fn, 'schedule.every', obj.every, Math.max(1, Math.round(iterations / 3)), { integer: true, min: 1 }),
    gamma: number(fn, 'schedule.gamma', obj.gamma, 0.1, { above: 0 }),
    k: number(fn, 'schedule.k', obj.k, type === 'exponential' ? Math.log(100) / iterations : 10 / iterations, { min: 0 }),
  };
}

/** Validates train()'s arguments (fn names the caller in messages). */
export function normalizeTrain(
  fn: string,
  X: unknown,
  y: unknown,
  opts: TrainOptions | undefined,
  classesFrom?: string, // where the class count comes from, for the message about a label beyond it
): NormalizedTrain {
  const o = options(fn, opts, KNOWN);
  const x = checkMatrix(fn, 'X', X);
  if (x.rows === 0) throw rangeError(fn, 'X has no rows; expected at least one example');
  if (x.cols === 0) throw rangeError(fn, 'X has no columns; expected at least one feature');
  checkFinite(fn, 'X', x);
  let W0: Matrix | undefined;
  let classes: number;
  if (o.W0 !== undefined) {
    W0 = checkMatrix(fn, 'W0', o.W0);
    if (W0.rows !== x.cols) throw rangeError(fn, `W0 is ${W0.rows}×${W0.cols} but X is ${x.rows}×${x.cols}; expected W0 to have ${x.cols} rows`);
    if (W0.dtype !== x.dtype) throw typeError(fn, 'W0', `the same dtype as X (${x.dtype})`, `${W0.dtype} data`);
    if (W0.cols < 2) throw rangeError(fn, `W0 has ${W0.cols} column(s); expected at least 2 (one per class)`);
    checkFinite(fn, 'W0', W0, false);
    classes = W0.cols;
  } else {
    classes = o.classes === undefined ? inferClasses(fn, y) : number(fn, 'classes', o.classes, undefined, { integer: true, min: 2 });
    checkSize(fn, 'W (one column per class)', x.cols, classes);
    checkSize(fn, 'the scores X·W (one column per class)', x.rows, classes);
  }
  const source = classesFrom ?? (W0 ? `W0 has ${classes} columns, one per class` : `classes is ${classes}`);
  const labels = checkLabels(fn, y, x.rows, classes, 'y', source);
  const kind = oneOf(fn, 'loss', o.loss, ['svm', 'softmax'] as const, 'svm');
  const iterations = number(fn, 'iterations', o.iterations, presets.cs231n.iterations, { integer: true, min: 1 });
  const learningRate = number(fn, 'learningRate', o.learningRate, presets.cs231n.learningRate, { above: 0 });
  const reg = number(fn, 'reg', o.reg, presets.cs231n.reg, { min: 0 });
  const delta = number(fn, 'delta', o.delta, 1, { min: 0 });
  let batchSize: number;
  if (o.batchSize === 'full') batchSize = x.rows;
  else {
    batchSize = number(fn, 'batchSize', o.batchSize, Math.min(presets.cs231n.batchSize, x.rows), { integer: true, min: 1 });
    if (batchSize > x.rows) {
      throw rangeError(fn, `batchSize ${batchSize} is larger than the ${x.rows} rows of X; use batchSize: 'full' (or ${x.rows}) for full-batch gradient descent`);
    }
  }
  const replace = boolean(fn, 'replace', o.replace, true);
  const opt = optimizerSpec(fn, o.optimizer);
  // The update runs in X's dtype: an eps that rounds to 0 there divides 0 by 0 wherever a weight's
  // gradient has always been zero.
  if (x.dtype === 'float32' && Math.fround(opt.eps) === 0) {
    throw rangeError(fn, `optimizer.eps ${opt.eps} rounds to 0 in float32 (the dtype of X); expected at least 1e-45, e.g. the default 1e-8`);
  }
  const sched = scheduleSpec(fn, o.schedule, iterations);
  const gradient = oneOf(fn, 'gradient', o.gradient, ['analytic', 'numerical'] as const, 'analytic');
  let validation: NormalizedTrain['validation'];
  if (o.validation !== undefined) {
    if (!isPlainObject(o.validation)) throw typeError(fn, 'validation', '{ X, y }', o.validation);
    const vx = checkMatrix(fn, 'validation.X', o.validation.X);
    if (vx.rows === 0) throw rangeError(fn, 'validation.X has no rows; expected at least one example (or no validation option)');
    if (vx.cols !== x.cols) throw rangeError(fn, `validation.X has ${vx.cols} columns but X has ${x.cols}; expected the same features`);
    if (vx.dtype !== x.dtype) throw typeError(fn, 'validation.X', `the same dtype as X (${x.dtype})`, `${vx.dtype} data`);
    checkFinite(fn, 'validation.X', vx);
    validation = { X: vx, y: checkLabels(fn, o.validation.y, vx.rows, classes, 'validation.y', source) };
  }
  const patience = o.patience === undefined ? undefined : number(fn, 'patience', o.patience, undefined, { integer: true, min: 1 });
  if (patience !== undefined && !validation) throw rangeError(fn, 'patience (early stopping) needs validation data');
  const evalEvery = number(fn, 'evalEvery', o.evalEvery, Math.max(1, Math.round(iterations / 20)), { integer: true, min: 0 });
  if (patience !== undefined && evalEvery === 0) {
    throw rangeError(fn, 'patience (early stopping) counts evaluations, but evalEvery is 0 (none); expected evalEvery >= 1');
  }
  abortSignal(fn, o.signal);
  callback(fn, 'onProgress', o.onProgress);
  return {
    fn,
    classesFrom: source,
    X: x,
    y: labels,
    kind,
    classes,
    rule: opt.type,
    scheduleKind: sched.type,
    config: {
      kind: kind === 'softmax' ? 1 : 0,
      reg,
      delta,
      batchSize: batchSize === x.rows ? 0 : batchSize,
      replace: replace ? 1 : 0,
      divergeAbove: Infinity,
      rule: UPDATE_RULES.indexOf(opt.type),
      learningRate,
      momentum: opt.momentum,
      decay: opt.decay,
      beta1: opt.beta1,
      beta2: opt.beta2,
      eps: opt.eps,
      schedule: SCHEDULES.indexOf(sched.type),
      scheduleEvery: sched.every,
      scheduleGamma: sched.gamma,
      scheduleK: sched.k,
    },
    iterations,
    seed: number(fn, 'seed', o.seed, 0, { integer: true }),
    W0,
    initScale: number(fn, 'initScale', o.initScale, presets.cs231n.initScale, { min: 0 }),
    gradient,
    h: number(fn, 'h', o.h, 1e-5, { above: 0 }),
    validation,
    evalEvery,
    patience,
    snapshotEvery: number(fn, 'snapshotEvery', o.snapshotEvery, 0, { integer: true, min: 0 }),
    progressIntervalMs: number(fn, 'progressIntervalMs', o.progressIntervalMs, 50, { above: 0 }),
    divergeFactor: number(fn, 'divergeFactor', o.divergeFactor, 1000, { above: 1 }),
    signal: o.signal,
    onProgress: o.onProgress,
  };
}

