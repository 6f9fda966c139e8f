/**
 * One dataset loaded and preprocessed as the web demo uses it: the library's splits, the training
 * mean image subtracted, the bias column appended. datasets.ts runs this in a worker thread for the
 * image datasets (dataset-worker.ts), in the server's thread for the small synthetic ones.
 */
import { loadSplits, preprocess, type Dataset, type Matrix, type PreprocessStats } from '@svm/core';
import type { WebDataset } from '../shared/fields.js';

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

/**
 * Validation held out of each training set: an eighth (MNIST 1000 of 8000, the synthetic sets 60 of
 * 480), and Fashion-MNIST's customary 5000 of 60000 (loadSplits takes a share below 1, a count above).
 */
const VAL: Record<WebDataset, number> = { mnist: 1 / 8, 'fashion-mnist': 5000, blobs: 1 / 8, spirals: 1 / 8, linear: 1 / 8 };

export async function prepareDataset(name: WebDataset): Promise<PreparedData> {
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
