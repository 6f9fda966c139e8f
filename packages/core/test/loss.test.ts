import { describe, expect, it } from 'vitest';
import {
  accuracy,
  Matrix,
  predict,
  predictSync,
  scores,
  scoresSync,
  softmaxLoss,
  softmaxLossSync,
  svmLoss,
  svmLossSync,
  useBackend,
  type DType,
} from '../src/index.js';
import { forEachBackend, maxRelDiff, randomProblem } from './helpers.js';

const SHAPES: [number, number, number][] = [
  [1, 1, 2], // N=1, D=1, C=2
  [1, 5, 3],
  [7, 1, 4],
  [13, 17, 2],
  [50, 33, 10],
  [64, 16, 7],
  [200, 65, 13],
];

forEachBackend('losses', () => {
  it('SVM loss of a small random W is about C − 1 (every margin ≈ Δ)', async () => {
    for (const C of [2, 3, 10]) {
      const { X, W, y } = randomProblem(300, 20, C, { scale: 1e-5 });
      const { loss } = await svmLoss(W, X, y);
      expect(loss).toBeCloseTo(C - 1, 2);
    }
  });

  it('softmax loss of a small random W is about ln C', async () => {
    for (const C of [2, 3, 10]) {
      const { X, W, y } = randomProblem(300, 20, C, { scale: 1e-5 });
      const { loss } = await softmaxLoss(W, X, y);
      expect(loss).toBeCloseTo(Math.log(C), 3);
    }
  });

  it('matches a hand-computed SVM example (CS231n-style, 3 examples, 3 classes)', () => {
    // Scores are X·W; with W = identity the scores are the rows of X.
    const X = Matrix.from(3, 3, [3.2, 5.1, -1.7, 1.3, 4.9, 2.0, 2.2, 2.5, -3.1], 'float64');
    const W = Matrix.from(3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1], 'float64');
    const y = [0, 1, 2];
    // Row losses 2.9, 0, 12.9 → mean 5.2667 (the lecture's cat/car/frog example).
    const { loss, dataLoss, violatedShare, accuracy } = svmLossSync(W, X, y);
    expect(dataLoss).toBeCloseTo((2.9 + 0 + 12.9) / 3, 10);
    expect(loss).toBeCloseTo(dataLoss + 3 * 0, 10);
    expect(violatedShare).toBeCloseTo(3 / 6, 10); // 1 + 0 + 2 violated margins of 6
    expect(accuracy).toBeCloseTo(1 / 3, 10);
  });

  it('adds reg·ΣW² to the loss and 2·reg·W to the gradient', () => {
    const { X, W, y } = randomProblem(20, 6, 4);
    const plain = svmLossSync(W, X, y);
    const reg = svmLossSync(W, X, y, { reg: 0.7 });
    const sq = Array.from(W.data).reduce((s, v) => s + v * v, 0);
    expect(reg.regLoss).toBeCloseTo(0.7 * sq, 12);
    expect(reg.loss).toBeCloseTo(plain.loss + 0.7 * sq, 12);
    for (let i = 0; i < W.size; i++) expect(reg.grad.data[i]).toBeCloseTo(plain.grad.data[i]! + 1.4 * W.data[i]!, 12);
  });

  it('returns the gradient in W’s shape and dtype, sync and async alike', async () => {
    for (const dtype of ['float32', 'float64'] as DType[]) {
      const { X, W, y } = randomProblem(40, 9, 5, { dtype });
      const a = await svmLoss(W, X, y, { reg: 0.1 });
      const b = svmLossSync(W, X, y, { reg: 0.1 });
      expect(a.grad.dtype).toBe(dtype);
      expect(a.grad.shape).toEqual([9, 5]);
      expect(a.loss).toBe(b.loss);
      expect(Array.from(a.grad.data)).toEqual(Array.from(b.grad.data));
    }
  });

  it('a batch of row indices equals the loss on those rows taken out', () => {
    const { X, W, y } = randomProblem(30, 8, 3);
    const batch = Int32Array.from([4, 4, 17, 0, 29]);
    const sub = X.takeRows(batch);
    const subY = Int32Array.from(batch, (i) => y[i]!);
    for (const kind of ['svm', 'softmax'] as const) {
      const f = kind === 'svm' ? svmLossSync : softmaxLossSync;
      const a = f(W, X, y, { batch, reg: 0.01 });
      const b = f(W, sub, subY, { reg: 0.01 });
      expect(a.loss).toBeCloseTo(b.loss, 12);
      expect(maxRelDiff(a.grad.data, b.grad.data)).toBeLessThan(1e-12);
    }
  });

  it('delta scales the SVM margin', () => {
    const { X, y } = randomProblem(50, 5, 4);
    const W = Matrix.zeros(5, 4, 'float64');
    // With W = 0 every margin equals Δ: loss = (C − 1)·Δ.
    expect(svmLossSync(W, X, y, { delta: 2.5 }).loss).toBeCloseTo(3 * 2.5, 12);
    expect(svmLossSync(W, X, y, { delta: 0 }).loss).toBe(0);
  });

  it('softmax stays finite for huge scores (shifted by the row max)', () => {
    const X = Matrix.from(2, 1, [1, -1], 'float64');
    const W = Matrix.from(1, 3, [1000, -1000, 0], 'float64');
    const { loss, grad } = softmaxLossSync(W, X, [0, 0]);
    expect(Number.isFinite(loss)).toBe(true);
    // Row 0 scores (1000, −1000, 0) cost ~0; row 1 scores (−1000, 1000, 0) cost 2000: mean 1000.
    expect(loss).toBeCloseTo(1000, 6);
    expect(grad.data.every(Number.isFinite)).toBe(true);
  });
});

describe('native and reference backends agree', () => {
  for (const dtype of ['float32', 'float64'] as DType[]) {
    const tol = dtype === 'float32' ? 1e-5 : 1e-10;
    for (const [N, D, C] of SHAPES) {
      for (const kind of ['svm', 'softmax'] as const) {
        it(`${kind} ${dtype} N=${N} D=${D} C=${C}`, () => {
          const { X, W, y } = randomProblem(N, D, C, { dtype, seed: N * 31 + D * 7 + C });
          const f = kind === 'svm' ? svmLossSync : softmaxLossSync;
          useBackend('native');
          const a = f(W, X, y, { reg: 0.05 });
          useBackend('reference');
          const b = f(W, X, y, { reg: 0.05 });
          expect(Math.abs(a.loss - b.loss) / Math.max(1, Math.abs(b.loss))).toBeLessThan(tol);
          expect(maxRelDiff(a.grad.data, b.grad.data)).toBeLessThan(tol);
          expect(a.accuracy).toBeCloseTo(b.accuracy, 12);
        });
      }
    }
  }
});

forEachBackend('scores and predictions', () => {
  it('scores are X·W and predictions their argmax', async () => {
    const { X, W, y } = randomProblem(30, 6, 4, { dtype: 'float64' });
    const S = await scores(W, X);
    expect(S.shape).toEqual([30, 4]);
    for (const [i, c] of [[0, 0], [7, 3], [29, 2]] as const) {
      let s = 0;
      for (let d = 0; d < 6; d++) s += X.get(i, d) * W.get(d, c);
      expect(S.get(i, c)).toBeCloseTo(s, 12);
    }
    const p = await predict(W, X);
    expect(predictSync(W, X)).toEqual(p);
    expect(Array.from(scoresSync(W, X).data)).toEqual(Array.from(S.data));
    for (let i = 0; i < 30; i++) {
      const row = Array.from(S.row(i));
      expect(p[i]).toBe(row.indexOf(Math.max(...row)));
    }
    const acc = await accuracy(W, X, y);
    expect(acc).toBeCloseTo(Array.from(p).filter((v, i) => v === y[i]).length / 30, 12);
    await expect(predict(Matrix.zeros(5, 4, 'float64'), X)).rejects.toThrow(/W is 5×4 but X is 30×6/);
    await expect(accuracy(W, X, new Array(30).fill(0.5))).rejects.toThrow(/accuracy: expected y\[0\] to be an integer class index in \[0, \d+\) but received 0.5/);
    await expect(accuracy(W, X, null as never)).rejects.toThrow(/accuracy: expected an Int32Array or array of class indices for y but received null/);
    await expect(accuracy(W, X, y.slice(0, 3))).rejects.toThrow(/accuracy: y has 3 labels but X has 30 rows/);
  });
});
