import { describe, expect, it } from 'vitest';
import { gradCheck, loss, lossFunction, Matrix, numericalGradient, softmaxLoss, svmLoss, svmLossSync } from '../src/index.js';
import { forEachBackend, randomProblem } from './helpers.js';

forEachBackend('bad input is a clear error before any kernel runs', () => {
  const { X, W, y } = randomProblem(6, 4, 3);

  it('W of the wrong height names both shapes', () => {
    const bad = Matrix.zeros(5, 3, 'float64');
    expect(() => svmLossSync(bad, X, y)).toThrow(/W is 5×3 but X is 6×4; expected W to have 4 rows/);
  });

  it('a single class is rejected', () => {
    expect(() => svmLossSync(Matrix.zeros(4, 1, 'float64'), X, [0, 0, 0, 0, 0, 0])).toThrow(/at least 2/);
  });

  it('mixed dtypes name the fix', () => {
    expect(() => svmLossSync(W.astype('float32'), X, y)).toThrow(/same dtype as X \(float64\).*astype/);
  });

  it('labels: wrong count, out of range, negative, non-integer, wrong type', () => {
    expect(() => svmLossSync(W, X, y.slice(0, 5))).toThrow(/y has 5 labels but X has 6 rows/);
    expect(() => svmLossSync(W, X, [0, 1, 2, 3, 0, 1])).toThrow(/y\[3\] to be an integer class index in \[0, 3\) but received 3/);
    expect(() => svmLossSync(W, X, [0, 1, -1, 0, 0, 1])).toThrow(/y\[2\].*received -1/);
    expect(() => svmLossSync(W, X, [0, 1, 1.5, 0, 0, 1])).toThrow(/y\[2\].*received 1.5/);
    expect(() => svmLossSync(W, X, 'abc' as never)).toThrow(TypeError);
  });

  it('NaN or Inf in W or X names the place', () => {
    const w = W.clone();
    w.data[5] = Number.NaN;
    expect(() => svmLossSync(w, X, y)).toThrow(/W contains NaN at row 1, column 2/);
    const x = X.clone();
    x.data[9] = Number.POSITIVE_INFINITY;
    expect(() => svmLossSync(W, x, y)).toThrow(/X contains Infinity at row 2, column 1/);
  });

  it('X changed to NaN after its first check is still caught', () => {
    const x = X.clone();
    svmLossSync(W, x, y);
    x.data[3] = Number.NaN;
    expect(() => svmLossSync(W, x, y)).toThrow(/X contains NaN/);
  });

  it('empty data', () => {
    expect(() => svmLossSync(Matrix.zeros(4, 3, 'float64'), Matrix.zeros(0, 4, 'float64'), [])).toThrow(/X has no rows/);
    expect(() => svmLossSync(Matrix.zeros(0, 3, 'float64'), Matrix.zeros(2, 0, 'float64'), [0, 1])).toThrow(/X has no columns/);
  });

  it('negative or non-finite reg, negative delta, unknown options', () => {
    expect(() => svmLossSync(W, X, y, { reg: -1 })).toThrow(/expected a finite number >= 0 for reg but received -1/);
    expect(() => svmLossSync(W, X, y, { reg: Number.NaN })).toThrow(/reg but received NaN/);
    expect(() => svmLossSync(W, X, y, { delta: -0.5 })).toThrow(/delta/);
    expect(() => svmLossSync(W, X, y, { regularization: 1 } as never)).toThrow(/unknown option 'regularization'/);
    expect(() => svmLossSync(W, X, y, 5 as never)).toThrow(/expected an object for options/);
  });

  it('loss() refuses options that are not an object for either kind', async () => {
    await expect(loss('softmax', W, X, y, 'x' as never)).rejects.toThrow(/softmaxLoss: expected an object for options but received "x"/);
    await expect(loss('softmax', W, X, y, 5 as never)).rejects.toThrow(/softmaxLoss: expected an object for options/);
    await expect(loss('svm', W, X, y, 'x' as never)).rejects.toThrow(/svmLoss: expected an object for options/);
    await expect(loss('softmax', W, X, y, { delta: 2 })).resolves.toBeDefined(); // an SVM margin is dropped
  });

  it('not a Matrix', () => {
    expect(() => svmLossSync([[1]] as never, X, y)).toThrow(/expected a Matrix for W but received an array/);
    expect(() => svmLossSync(W, { rows: 6, cols: 4 } as never, y)).toThrow(/expected a Matrix for X/);
  });

  it('batch indices out of range or empty', () => {
    expect(() => svmLossSync(W, X, y, { batch: Int32Array.from([0, 6]) })).toThrow(/batch\[1\] = 6 is outside \[0, 6\)/);
    expect(() => svmLossSync(W, X, y, { batch: new Int32Array(0) })).toThrow(/batch is empty/);
  });

  it('the async forms reject rather than throw', async () => {
    await expect(svmLoss(W, X, [9, 9, 9, 9, 9, 9])).rejects.toThrow(/y\[0\]/);
    await expect(softmaxLoss(W, X, y, { delta: 1 } as never)).rejects.toThrow(/unknown option 'delta'/);
  });

  it('h ≤ 0, unknown scheme, bad samples', async () => {
    const f = lossFunction('svm', X, y);
    await expect(numericalGradient(f, W, { h: 0 })).rejects.toThrow(/expected a finite number > 0 for h but received 0/);
    await expect(numericalGradient(f, W, { h: -1e-5 })).rejects.toThrow(/h/);
    await expect(numericalGradient(f, W, { scheme: 'backward' as never })).rejects.toThrow(/'centered', 'forward'/);
    await expect(gradCheck(f, W, { samples: 0 })).rejects.toThrow(/samples/);
    await expect(gradCheck(f, W, { hSweep: [1e-3, 0] })).rejects.toThrow(/hSweep\[1\]/);
    await expect(gradCheck('f' as never, W)).rejects.toThrow(/expected a function of W for f/);
  });

  it('numericalGradient: onProgress and signal of the wrong type, an h float32 cannot resolve', async () => {
    const f = lossFunction('svm', X, y);
    await expect(numericalGradient(f, W, { onProgress: 5 as never })).rejects.toThrow(/numericalGradient: expected a function for onProgress but received 5/);
    await expect(numericalGradient(f, W, { signal: {} as never })).rejects.toThrow(/numericalGradient: expected an AbortSignal for signal but received an object/);
    const W32 = W.astype('float32');
    await expect(numericalGradient(f, W32, { h: 1e-12 })).rejects.toThrow(/h = 1e-12 is below float32's resolution at W's largest entry/);
    // The same h is fine in float64, and in float32 around zero weights.
    await expect(numericalGradient(f, W, { h: 1e-12 })).resolves.toBeDefined();
    const g = await numericalGradient((w) => 3 * w.data[0]!, Matrix.zeros(1, 1), { h: 1e-12 });
    expect(g.data[0]).toBeCloseTo(3, 3);
  });

  it('lossFunction checks X, y and its options when it is made, not when f is first called', () => {
    expect(() => lossFunction('svm', null as never, y)).toThrow(/lossFunction: expected a Matrix for X but received null/);
    expect(() => lossFunction('svm', X, y, { reg: -1 })).toThrow(/lossFunction: expected a finite number >= 0 for reg but received -1/);
    expect(() => lossFunction('svm', X, y.slice(0, 5))).toThrow(/lossFunction: y has 5 labels but X has 6 rows/);
    expect(() => lossFunction('svm', X, [0, 1, -1, 0, 0, 1])).toThrow(/lossFunction: expected y\[2\] to be a non-negative integer class index but received -1/);
    expect(() => lossFunction('svm', X, Int32Array.of(0, 1, -1, 0, 0, 1))).toThrow(/y\[2\].*received -1/);
    const x = X.clone();
    x.data[7] = Number.NaN;
    expect(() => lossFunction('softmax', x, y)).toThrow(/lossFunction: X contains NaN at row 1, column 3/);
    // Labels are checked against W's columns when f is called.
    expect(() => lossFunction('svm', X, [0, 1, 2, 3, 0, 1])(W)).toThrow(/y\[3\] to be an integer class index in \[0, 3\) but received 3/);
  });
});

describe('Matrix construction errors', () => {
  it('names the wrong length and dimensions', () => {
    expect(() => Matrix.from(2, 3, [1, 2, 3])).toThrow(/3 elements but 2×3 needs 6/);
    expect(() => Matrix.from(2, 2, [[1, 2], [3]])).toThrow(/row 1 has 1 columns, expected 2/);
    expect(() => Matrix.zeros(-1, 2)).toThrow(/non-negative integer for rows/);
    expect(() => new Matrix(1, 2, [1, 2] as never)).toThrow(/Float32Array or Float64Array/);
  });

  it('elements that are not numbers, unknown dtypes, sizes beyond 2^31 − 1', () => {
    expect(() => Matrix.from(1, 2, [1n, 2n] as never)).toThrow(/Matrix.from: expected a number for data\[0\] but received 1n/);
    expect(() => Matrix.from(1, 2, ['a', 'b'] as never)).toThrow(/Matrix.from: expected a number for data\[0\] but received "a"/);
    expect(() => Matrix.from(1, 2, [[1, '2']] as never)).toThrow(/data\[0\]\[1\] but received "2"/);
    expect(Array.from(Matrix.from(1, 2, Int32Array.of(3, 4)).data)).toEqual([3, 4]);
    expect(() => Matrix.zeros(1, 2).astype('int8' as never)).toThrow(/Matrix.astype: expected 'float32' or 'float64' for dtype but received "int8"/);
    expect(() => new Matrix(1e15, 0, new Float32Array(0))).toThrow(/Matrix: expected an integer <= 2147483647 for rows but received 1000000000000000/);
    expect(() => Matrix.zeros(1e6, 1e6)).toThrow(/Matrix.zeros: the matrix would be 1000000×1000000 = 1000000000000 elements; expected at most 2147483647/);
  });
});
