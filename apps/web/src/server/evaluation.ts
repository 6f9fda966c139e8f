/**
 * The end-of-run evaluation: the test confusion matrix, from predictions on the cached,
 * already-preprocessed test set, off the event loop (predictAsync). Predicting through the model
 * itself would subtract the mean and append the bias again, then predict synchronously (≈ 10 ms of
 * event loop on MNIST); with identity preprocessing the library still copies X once (≈ 5 ms).
 * The downloadable model keeps the real preprocessing.
 */
import { LinearClassifier, type Matrix } from '@svm/core';
import type { PreparedData } from './datasets.js';

export async function testConfusion(W: Matrix, data: PreparedData): Promise<{ confusion: number[][]; accuracy: number }> {
  const X = data.X.test;
  const onPreprocessed = LinearClassifier.fromWeights(W, { cols: X.cols, mean: null, std: null, bias: false }, { loss: 'svm' });
  const predicted = await onPreprocessed.predictAsync(X);
  const C = data.classNames.length;
  const confusion = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  const y = data.raw.test.y;
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) {
    confusion[y[i]!]![predicted[i]!]!++;
    if (predicted[i] === y[i]) correct++;
  }
  return { confusion, accuracy: correct / predicted.length };
}
