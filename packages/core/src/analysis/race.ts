/**
 * A strategy race: random search, random local search and gradient descent (analytic or
 * numerical) on the same data under one budget of loss evaluations or seconds, with histories
 * that line up on the same axes.
 */
import type { Matrix } from '../matrix.js';
import type { LossKind } from '../backend/types.js';
import { checkLabels, checkMatrix, inferClasses, type Labels } from '../loss/problem.js';
import { randomLocalSearch, randomSearch } from '../optim/strategies.js';
import { train } from '../optim/train.js';
import { abortSignal, callback, isPlainObject, number, oneOf, options, rangeError, typeError } from '../util/validate.js';

/** Strategies a {@link race} can run. */
export const RACE_STRATEGIES = ['random-search', 'random-local-search', 'gradient-descent', 'numerical-gradient-descent'] as const;
/**
 * A strategy of a {@link race}: the lecture's random search, random local search, and full-batch
 * gradient descent with the analytic or the numerical (finite-difference) gradient.
 */
export type RaceStrategy = (typeof RACE_STRATEGIES)[number];

/** Options of {@link race}. */
export interface RaceOptions {
  /** Default: random search, random local search, gradient descent (the numerical one only when asked for). */
  strategies?: RaceStrategy[];
  /**
   * Loss evaluations each strategy may spend (default 500, or unlimited when only seconds are
   * given), and/or seconds each.
   */
  budget?: { evaluations?: number; seconds?: number };
  /** 'svm' (default) or 'softmax'. */
  loss?: LossKind;
  /** Default 0. */
  reg?: number;
  /** Gradient descent's step size (full batch). Default 1e-2 (data in [0, 1]). */
  learningRate?: number;
  /** Random search scale. Default 1e-4. */
  scale?: number;
  /** Random local search step scale. Default 1e-3 (suits data in [0, 1]; CS231n's 1e-4 is for raw pixels). */
  stepScale?: number;
  /** Seed of every strategy (the same for each). Default 0. */
  seed?: number;
  /** Stops the race: the running strategy stops and keeps its curve so far; later ones do not start. */
  signal?: AbortSignal;
  /** Called as each strategy makes progress. */
  onProgress?: (strategy: RaceStrategy, point: RacePoint) => void;
}

/** A point on a strategy's curve. */
export interface RacePoint {
  /** Loss evaluations spent so far (a numerical-gradient step costs 2·D·C + 1). */
  evaluations: number;
  /** Milliseconds since this strategy started (gradient descent: its chunk's end time). */
  elapsedMs: number;
  /** Loss of the current W (gradient descent) or of the best W so far (searches). */
  loss: number;
}

/** One strategy's outcome in a {@link race}. */
export interface RaceEntry {
  /** Which strategy ran. */
  strategy: RaceStrategy;
  /** Its curve: one point per loss evaluation (searches) or per step (gradient descent). */
  history: RacePoint[];
  /** The W it ended with (the best found, for the searches), D×C. */
  W: Matrix;
  /** Its final loss: the last point's (gradient descent) or the best found (searches). */
  loss: number;
  /** Loss evaluations it spent. */
  evaluations: number;
  /** Its wall time, ms. */
  elapsedMs: number;
}

/**
 * Runs each strategy from the same seed under the same budget and returns their curves, one
 * strategy after another: the lecture's comparison of random search, random local search and
 * following the gradient. Gradient descent is the vanilla kind (full batch, plain update) with
 * `learningRate`, for as many steps as the evaluation budget buys.
 * @param X data, N×D (bias column included if you use the bias trick)
 * @param y N labels in [0, C)
 * @param opts `strategies`, `budget` (default 500 evaluations each), `loss` ('svm'), `reg` (0),
 *   `learningRate` (1e-2), `scale` (1e-4), `stepScale` (1e-3), `seed` (0), `signal`, `onProgress`
 * @returns `{ entries }`, one per strategy run, in the order asked for
 * @throws TypeError/RangeError for an empty or unknown strategy list, a bad budget or option, bad
 *   labels, or numerical-gradient-descent on data too large for it (N·D·2 > 5e7) or with a budget
 *   below one of its steps (2·D·C + 1 evaluations)
 * @example
 * const { entries } = await race(X, y, { budget: { evaluations: 300 } });
 * for (const e of entries) console.log(e.strategy, e.loss);
 */
export async function race(X: Matrix, y: Labels, opts?: RaceOptions): Promise<{ entries: RaceEntry[] }> {
  const fn = 'race';
  const o = options(fn, opts, ['strategies', 'budget', 'loss', 'reg', 'learningRate', 'scale', 'stepScale', 'seed', 'signal', 'onProgress']);
  const strategies = o.strategies ?? (['random-search', 'random-local-search', 'gradient-descent'] as RaceStrategy[]);
  if (!Array.isArray(strategies) || strategies.length === 0) throw typeError(fn, 'strategies', 'a non-empty array of strategy names', strategies);
  strategies.forEach((s, i) => oneOf(fn, `strategies[${i}]`, s, RACE_STRATEGIES, 'random-search'));
  const budget = o.budget ?? {};
  if (!isPlainObject(budget)) throw typeError(fn, 'budget', '{ evaluations?, seconds? }', budget);
  options(`${fn} (budget)`, budget, ['evaluations', 'seconds']);
  const seconds = budget.seconds === undefined ? undefined : number(fn, 'budget.seconds', budget.seconds, undefined, { above: 0 });
  const evaluations = number(fn, 'budget.evaluations', budget.evaluations, seconds ? 1_000_000_000 : 500, { integer: true, min: 1 });
  const common = {
    loss: oneOf(fn, 'loss', o.loss, ['svm', 'softmax'] as const, 'svm'),
    reg: number(fn, 'reg', o.reg, 0, { min: 0 }),
    seed: number(fn, 'seed', o.seed, 0, { integer: true }),
  };
  const learningRate = number(fn, 'learningRate', o.learningRate, 1e-2, { above: 0 });
  callback(fn, 'onProgress', o.onProgress);
  abortSignal(fn, o.signal);
  const timeLimitMs = seconds === undefined ? undefined : seconds * 1000;
  // X and y up front: the strategies check them again, but the race itself reads them first.
  const x = checkMatrix(fn, 'X', X);
  const classes = inferClasses(fn, y, 'y', null);
  checkLabels(fn, y, x.rows, classes); // the length: classes came from these labels
  if (strategies.includes('numerical-gradient-descent') && x.rows * x.cols * 2 > 5e7) {
    throw rangeError(fn, `numerical-gradient-descent costs 2·D·C + 1 loss evaluations a step; X is ${x.rows}×${x.cols}, too large (use a small subset)`);
  }
  const numericalStep = 2 * x.cols * classes + 1;
  if (strategies.includes('numerical-gradient-descent') && evaluations < numericalStep) {
    throw rangeError(
      fn,
      `numerical-gradient-descent costs 2·D·C + 1 = ${numericalStep} loss evaluations a step (D = ${x.cols}, C = ${classes}); budget.evaluations is ${evaluations}, not enough for one step`,
    );
  }

  const entries: RaceEntry[] = [];
  for (const strategy of strategies) {
    if (o.signal?.aborted) break;
    const started = performance.now();
    const points: RacePoint[] = [];
    const emit = (p: RacePoint) => o.onProgress?.(strategy, p);
    if (strategy === 'random-search' || strategy === 'random-local-search') {
      const search =
        strategy === 'random-search'
          ? await randomSearch(X, y, { ...common, tries: evaluations, scale: o.scale ?? 1e-4, signal: o.signal, timeLimitMs, onProgress: (s) => emit({ evaluations: s.evaluations, elapsedMs: s.elapsedMs, loss: s.bestLoss }) })
          : await randomLocalSearch(X, y, { ...common, steps: evaluations, stepScale: o.stepScale ?? 1e-3, signal: o.signal, timeLimitMs, onProgress: (s) => emit({ evaluations: s.evaluations, elapsedMs: s.elapsedMs, loss: s.bestLoss }) });
      for (const s of search.history) points.push({ evaluations: s.evaluations, elapsedMs: s.elapsedMs, loss: s.bestLoss });
      entries.push({ strategy, history: points, W: search.W, loss: search.loss, evaluations: points.length, elapsedMs: performance.now() - started });
      continue;
    }
    const numerical = strategy === 'numerical-gradient-descent';
    const perStep = numerical ? numericalStep : 1;
    const ctrl = new AbortController();
    const onAbort = () => ctrl.abort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await train(X, y, {
        loss: common.loss,
        reg: common.reg,
        seed: common.seed,
        learningRate,
        batchSize: 'full',
        optimizer: 'sgd',
        gradient: numerical ? 'numerical' : 'analytic',
        iterations: Math.max(1, Math.floor(evaluations / perStep)),
        evalEvery: 0,
        progressIntervalMs: 20,
        signal: ctrl.signal,
        onProgress: (e) => {
          // Steps of one chunk share the chunk's end time.
          for (const s of e.steps) points.push({ evaluations: s.evaluations, elapsedMs: e.elapsedMs, loss: s.loss });
          emit(points[points.length - 1]!);
          if (timeLimitMs !== undefined && e.elapsedMs >= timeLimitMs) ctrl.abort();
        },
      });
      const last = points[points.length - 1];
      entries.push({ strategy, history: points, W: result.W, loss: last ? last.loss : result.loss, evaluations: last?.evaluations ?? 0, elapsedMs: performance.now() - started });
    } finally {
      o.signal?.removeEventListener('abort', onAbort);
    }
  }
  return { entries };
}
