/**
 * Train / validation / test / dev splits of a dataset, stratified and seeded. Pure TypeScript.
 */
import { checkLabels, checkMatrix } from '../loss/problem.js';
import { Rng } from '../util/rng.js';
import { boolean, isPlainObject, number, options, rangeError, typeError } from '../util/validate.js';
import type { Dataset } from './types.js';

/** Options of {@link split}: sizes are counts of examples. */
export interface SplitOptions {
  /** Training examples. Default: all the examples val and test leave. */
  train?: number;
  /** Validation examples. Default 0. */
  val?: number;
  /** Test examples. Default 0. */
  test?: number;
  /** A development subset of the training examples (CS231n's small set for quick checks). Default: none. */
  dev?: number;
  /** Seed of the generator picking the examples. Default 0. */
  seed?: number;
  /** Keep every part's class proportions those of the whole (up to rounding). Default true. */
  stratified?: boolean;
}

/** What {@link split} returns: disjoint train, val and test; dev (when asked for) is a subset of train. */
export interface Splits {
  /** Training examples (`train` of them). */
  train: Dataset;
  /** Validation examples (`val`; empty when 0). */
  val: Dataset;
  /** Test examples (`test`; empty when 0). */
  test: Dataset;
  /** A subset of train (`dev` examples), when asked for. */
  dev?: Dataset;
}

/**
 * How many of each class a part of `size` examples takes, proportional to what each class has
 * left (largest remainders round up, ties to the lower class index). Never more than available.
 */
function allocate(size: number, available: number[]): number[] {
  const total = available.reduce((a, b) => a + b, 0);
  if (size === 0 || total === 0) return available.map(() => 0);
  const quota = available.map((a) => (size * a) / total);
  const take = quota.map(Math.floor);
  let left = size - take.reduce((a, b) => a + b, 0);
  const order = quota.map((q, k) => k).sort((a, b) => quota[b]! - take[b]! - (quota[a]! - take[a]!) || a - b);
  for (const k of order) {
    if (left === 0) break;
    if (take[k]! < available[k]!) {
      take[k]!++;
      left--;
    }
  }
  return take;
}

/** Takes per-class counts from per-class queues (consumed from the front), shuffled together. */
function draw(counts: number[], queues: number[][], rng: Rng): Int32Array {
  const picked: number[] = [];
  counts.forEach((count, k) => {
    for (const r of queues[k]!.splice(0, count)) picked.push(r);
  });
  const order = rng.permutation(picked.length);
  return Int32Array.from(order, (i) => picked[i]!);
}

function subset(d: Dataset, y: Int32Array, rows: Int32Array, part: string): Dataset {
  const out: Dataset = {
    X: d.X.takeRows(rows),
    y: Int32Array.from(rows, (r) => y[r]!),
    classNames: [...d.classNames],
    name: `${d.name} [${part}]`,
  };
  if (d.imageShape) out.imageShape = [...d.imageShape];
  return out;
}

/**
 * Splits a dataset into disjoint train, val and test parts of the given sizes (counts), plus an
 * optional dev part drawn from train, like CS231n's 49000 / 1000 / 1000 / 500. Stratified by
 * default: each part keeps the class proportions of the whole. The same seed gives the same split.
 * Examples left over (train + val + test < N) are unused. Every part is a copy; rows in random order.
 *
 * @param dataset `{ X, y, classNames, name }`, as the loaders return it
 * @param opts sizes `train` (default: the rest), `val` (0), `test` (0), `dev` (none); `seed` (0),
 *   `stratified` (true)
 * @throws TypeError/RangeError for a malformed dataset (labels outside [0, classNames.length)),
 *   sizes that are not non-negative integers, train + val + test > N, dev > train, an unknown option
 *
 * @example
 * const data = makeBlobs({ n: 1000, classes: 4, seed: 1 });
 * const { train, val, test, dev } = split(data, { train: 800, val: 100, test: 100, dev: 50, seed: 7 });
 * console.log(train.X.rows, val.X.rows, test.X.rows, dev?.X.rows); // 800 100 100 50
 */
export function split(dataset: Dataset, opts?: SplitOptions): Splits {
  const fn = 'split';
  if (!isPlainObject(dataset)) throw typeError(fn, 'dataset', 'a Dataset ({ X, y, classNames, name })', dataset);
  const X = checkMatrix(fn, 'dataset.X', dataset.X);
  if (!Array.isArray(dataset.classNames) || dataset.classNames.length === 0) {
    throw typeError(fn, 'dataset.classNames', 'a non-empty array of class names', dataset.classNames);
  }
  const K = dataset.classNames.length;
  const y = checkLabels(fn, dataset.y, X.rows, K, 'dataset.y', `dataset.classNames has ${K} names, one per class`);
  const N = X.rows;
  const o = options(fn, opts, ['train', 'val', 'test', 'dev', 'seed', 'stratified']);
  const count = { integer: true, min: 0 };
  const val = number(fn, 'val', o.val, 0, count);
  const test = number(fn, 'test', o.test, 0, count);
  const train = number(fn, 'train', o.train, Math.max(0, N - val - test), count);
  const dev = o.dev === undefined ? undefined : number(fn, 'dev', o.dev, undefined, count);
  const seed = number(fn, 'seed', o.seed, 0, { integer: true });
  const stratified = boolean(fn, 'stratified', o.stratified, true);
  if (train + val + test > N) {
    throw rangeError(
      fn,
      `train + val + test = ${train} + ${val} + ${test} = ${train + val + test} exceeds the ${N} examples of ${dataset.name ?? 'the dataset'}`,
    );
  }
  if (dev !== undefined && dev > train) {
    throw rangeError(fn, `dev = ${dev} exceeds train = ${train}; the dev set is a subset of the training examples`);
  }

  const rng = new Rng(seed);
  let parts: { train: Int32Array; val: Int32Array; test: Int32Array };
  let devRows: Int32Array | undefined;
  if (stratified) {
    const queues: number[][] = Array.from({ length: K }, () => []);
    const perm = rng.permutation(N);
    for (let i = 0; i < N; i++) queues[y[perm[i]!]!]!.push(perm[i]!);
    const take = (size: number): Int32Array => draw(allocate(size, queues.map((q) => q.length)), queues, rng);
    const v = take(val);
    const t = take(test);
    parts = { val: v, test: t, train: take(train) };
    if (dev !== undefined) {
      const trainQueues: number[][] = Array.from({ length: K }, () => []);
      for (const r of parts.train) trainQueues[y[r]!]!.push(r); // train is in random order already
      devRows = draw(allocate(dev, trainQueues.map((q) => q.length)), trainQueues, rng);
    }
  } else {
    const perm = rng.permutation(N);
    parts = { val: perm.slice(0, val), test: perm.slice(val, val + test), train: perm.slice(val + test, val + test + train) };
    if (dev !== undefined) devRows = parts.train.slice(0, dev);
  }
  const out: Splits = {
    train: subset(dataset, y, parts.train, 'train'),
    val: subset(dataset, y, parts.val, 'val'),
    test: subset(dataset, y, parts.test, 'test'),
  };
  if (devRows) out.dev = subset(dataset, y, devRows, 'dev');
  return out;
}
