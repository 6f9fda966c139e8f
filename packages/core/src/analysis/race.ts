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
export type RaceStrategy = (typeof RACE_STRATEGIES)[number];

export interface RaceOptions {
  /** Default: random search, random local search, gradient descent. */
  strategies?: RaceStrategy[];
  /** Loss evaluations each strategy may spend (default 500), and/or seconds. */
  budget?: { evaluations?: number; seconds?: number };
  loss?: LossKind;
  /** Default 0. */
  reg?: number;
  /** Gradient descent's step size (full batch). Default 1e-2 (data in [0, 1]). */
  learningRate?: number;
  /** Random search scale. Default 1e-4. */
  scale?: number;
  /** Random local search step scale. Default 1e-3 (suits data in [0, 1]; CS231n's 1e-4 is for raw pixels). */
  stepScale?: number;
  seed?: number;
  signal?: AbortSignal;
  /** Called as each strategy makes progress. */
  onProgress?: (strategy: RaceStrategy, point: RacePoint) => void;
}

/** A point on a strategy's curve. */
export interface RacePoint {
  evaluations: number;
  elapsedMs: number;
  /** Loss of the current W (gradient descent) or of the best W so far (searches). */
  loss: number;
}

export interface RaceEntry {
  strategy: RaceStrategy;
  history: RacePoint[];
  W: Matrix;
  loss: number;
  evaluations: number;
  elapsedMs: number;
}

/**
 * Runs each strategy from the same seed under the same budget and returns their curves.
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
  const classes = inferClasses(fn, y);
  checkLabels(fn, y, x.rows, classes);
  if (strategies.includes('numerical-gradient-descent') && x.rows * x.cols * 2 > 5e7) {
    throw rangeError(fn, `numerical-gradient-descent costs 2·D·C + 1 loss evaluations a step; X is ${x.rows}×${x.cols}, too large (use a small subset)`);
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
    const perStep = numerical ? 2 * x.cols * classes + 1 : 1;
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
