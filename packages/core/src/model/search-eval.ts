import type { Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';

/** Accuracy of W on (X, y), predicting off the JS thread. */
export async function predictLabels(X: Matrix, W: Matrix, y: Int32Array): Promise<number> {
  const pred = new Int32Array(X.rows);
  await getBackend().predictAsync(X, W, pred);
  let ok = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) ok++;
  return X.rows ? ok / X.rows : 0;
}
