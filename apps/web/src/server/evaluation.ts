/**
 * The end-of-run evaluation: the test confusion matrix, from the library's predictions on the
 * cached, already-preprocessed test set, off the event loop (`predict` on prepared matrices).
 * Predicting through the model would preprocess the test set again; the downloadable model keeps
 * the real preprocessing for raw data.
 */
import { predict, type Matrix } from '@svm/core';
import type { PreparedData } from './datasets.js';

export async function testConfusion(W: Matrix, data: PreparedData): Promise<{ confusion: number[][]; accuracy: number }> {
  const predicted = await predict(W, data.X.test);
  const C = data.classNames.length;
  const confusion = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  const y = data.raw.test.y;
  // The accuracy is the confusion matrix's diagonal, counted here rather than by `accuracy()`,
  // which would predict the test set a second time.
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) {
    confusion[y[i]!]![predicted[i]!]!++;
    if (predicted[i] === y[i]) correct++;
  }
  return { confusion, accuracy: correct / predicted.length };
}
