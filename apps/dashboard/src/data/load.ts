/**
 * Loads the dataset the flags name, with the validation split the command asks for, and turns the
 * library's errors into the CLI's: a missing --dir/--path is bad usage (exit 2), data that is not
 * there is a failed run (exit 1) whose message says how to get it.
 */
import { loadSplits, split, type Dataset, type Matrix } from '@svm/core';
import { RunError, UsageError } from '../errors.js';
import type { DatasetFlags } from '../options/common.js';

export interface LoadedData {
  name: string;
  train: Dataset;
  val?: Dataset;
  test: Dataset;
  classNames: string[];
  imageShape?: number[];
}

/** Examples held out for validation: a count (≥ 1) or a share of the training set (< 1). */
export function validationCount(val: number, trainRows: number): number {
  const n = val < 1 ? Math.round(val * trainRows) : Math.round(val);
  return Math.max(0, Math.min(n, trainRows - 1));
}

function takeFirst(d: Dataset, n: number): Dataset {
  if (n >= d.X.rows) return d;
  const idx = Array.from({ length: n }, (_, i) => i);
  return { ...d, X: d.X.takeRows(idx) as Matrix<'float32'>, y: d.y.slice(0, n) };
}

/** Checks what each dataset needs before loading anything. */
export function checkDatasetFlags(flags: DatasetFlags): void {
  if (flags.dataset === 'cifar10' && !flags.dir) {
    throw new UsageError('--dataset cifar10 needs --dir <folder>: the folder holding data_batch_1.bin … data_batch_5.bin and test_batch.bin (the CIFAR-10 binary version from https://www.cs.toronto.edu/~kriz/cifar.html)');
  }
  if (flags.dataset === 'csv' && !flags.path) {
    throw new UsageError('--dataset csv needs --path <file>: a CSV file of numeric features with a label column (--label, default the last)');
  }
}

/**
 * Loads train/val/test. `val` is a count or a share of the training set (0: no validation set).
 * @throws UsageError for missing --dir/--path, RunError when the data cannot be read
 */
export async function loadDataset(flags: DatasetFlags, val = 0): Promise<LoadedData> {
  checkDatasetFlags(flags);
  let splits;
  try {
    splits = await loadSplits(flags.dataset, {
      seed: flags.seed,
      ...(flags.dir ? { dir: flags.dir } : {}),
      ...(flags.path ? { path: flags.path } : {}),
      ...(flags.label !== undefined ? { label: /^\d+$/.test(flags.label) ? Number(flags.label) : flags.label } : {}),
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^loadSplits: /, '') : String(err);
    if (/unknown dataset/.test(message)) throw new UsageError(message);
    throw new RunError(`cannot load ${flags.dataset}: ${message}`);
  }
  let train = splits.train;
  let valSet: Dataset | undefined;
  const nVal = val > 0 ? validationCount(val, train.X.rows) : 0;
  if (nVal > 0) {
    const parts = split(train, { val: nVal, seed: flags.seed });
    train = parts.train;
    valSet = parts.val;
  }
  if (flags.limit !== undefined) train = takeFirst(train, flags.limit);
  return {
    name: flags.dataset,
    train,
    ...(valSet ? { val: valSet } : {}),
    test: splits.test,
    classNames: splits.classNames,
    ...(splits.imageShape ? { imageShape: splits.imageShape } : {}),
  };
}

/** "7200×784 train, 800 val, 2000 test, 10 classes". */
export function describeData(d: LoadedData): string {
  const parts = [`${d.train.X.rows}×${d.train.X.cols} train`];
  if (d.val) parts.push(`${d.val.X.rows} val`);
  parts.push(`${d.test.X.rows} test`, `${d.classNames.length} classes`);
  return parts.join(', ');
}
