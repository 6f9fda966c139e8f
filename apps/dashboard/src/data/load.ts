/**
 * Loads the dataset the flags name, with the validation split the command asks for, and turns the
 * library's errors into the CLI's: a missing --dir/--path is bad usage (exit 2), data that is not
 * there is a failed run (exit 1) whose message says how to get it.
 */
import { loadSplits, type DatasetSplits } from '@svm/core';
import { RunError, UsageError } from '../errors.js';
import type { DatasetFlags } from '../options/common.js';

export type LoadedData = DatasetSplits;

/** Checks what each dataset needs before loading anything. */
export function checkDatasetFlags(flags: DatasetFlags): void {
  if (flags.dataset === 'cifar10' && !flags.dir) {
    throw new UsageError('--dataset cifar10 needs --dir <folder>: the folder holding data_batch_1.bin … data_batch_5.bin and test_batch.bin (the CIFAR-10 binary version from https://www.cs.toronto.edu/~kriz/cifar.html)');
  }
  if (flags.dataset === 'csv' && !flags.path) {
    throw new UsageError('--dataset csv needs --path <file>: a CSV file of numeric features with a label column (--label, default the last)');
  }
  // A flag for another dataset means the user expected other data than they would get.
  if (flags.dir && flags.dataset !== 'cifar10' && flags.dataset !== 'fashion-mnist') {
    throw new UsageError(`--dir does not apply to --dataset ${flags.dataset}; only cifar10 and fashion-mnist read a folder`);
  }
  if (flags.dataset !== 'csv') {
    if (flags.path) throw new UsageError(`--path does not apply to --dataset ${flags.dataset}; it names the file of --dataset csv`);
    if (flags.label !== undefined) throw new UsageError(`--label does not apply to --dataset ${flags.dataset}; it names the label column of --dataset csv`);
  }
}

/**
 * Loads train/val/test. `val` is a count or a share of the training set (0: no validation set);
 * the library holds it out (stratified, seeded), then keeps the first --limit training rows.
 * @throws UsageError for missing --dir/--path or a --val that leaves no training examples,
 *   RunError when the data cannot be read
 */
export async function loadDataset(flags: DatasetFlags, val = 0): Promise<LoadedData> {
  checkDatasetFlags(flags);
  try {
    const splits = await loadSplits(flags.dataset, {
      seed: flags.seed,
      val,
      ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
      ...(flags.dir ? { dir: flags.dir } : {}),
      ...(flags.path ? { path: flags.path } : {}),
      // An index, counted from the end when negative (-1: the last column), or a column's name.
      ...(flags.label !== undefined ? { label: /^-?\d+$/.test(flags.label) ? Number(flags.label) : flags.label } : {}),
    });
    return splits;
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^loadSplits: /, '') : String(err);
    if (/unknown dataset/.test(message)) throw new UsageError(message);
    // "val 9000 leaves no training examples (the training set has 8000)": the flag's fault.
    if (/^val /.test(message)) throw new UsageError(`--${message}`);
    throw new RunError(`cannot load ${flags.dataset}: ${message}`);
  }
}

/** "7200×784 train, 800 val, 2000 test, 10 classes". */
export function describeData(d: LoadedData): string {
  const parts = [`${d.train.X.rows}×${d.train.X.cols} train`];
  if (d.val) parts.push(`${d.val.X.rows} val`);
  parts.push(`${d.test.X.rows} test`, `${d.classNames.length} classes`);
  return parts.join(', ');
}
