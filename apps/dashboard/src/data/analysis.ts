/**
 * The data the analysis commands (gradcheck, sweep, landscape, race) work on: a dataset's training
 * split, limited, preprocessed as CS231n does (mean image subtracted, bias column appended).
 */
import { initWeights, preprocess, type Matrix } from '@svm/core';
import type { DatasetFlags } from '../options/common.js';
import { loadDataset, type LoadedData } from './load.js';

export interface AnalysisData {
  data: LoadedData;
  /** Preprocessed training rows, N×(D+1). */
  X: Matrix;
  y: Int32Array;
  classes: number;
}

export async function loadAnalysisData(flags: DatasetFlags): Promise<AnalysisData> {
  const data = await loadDataset(flags);
  const { train: X } = preprocess(data.train.X);
  return { data, X, y: data.train.y, classes: data.classNames.length };
}

/** CS231n's starting point: W = 0.001·randn, D×C, from the seed. */
export function startingWeights(a: AnalysisData, seed: number): Matrix {
  return initWeights(a.X.cols, a.classes, { seed, scale: 0.001 });
}

/** "mnist, 500×785 (mean subtracted, bias column), 10 classes". */
export function describeAnalysis(a: AnalysisData): string {
  return `${a.data.name}, ${a.X.rows}×${a.X.cols} (mean subtracted, bias column), ${a.classes} classes`;
}
