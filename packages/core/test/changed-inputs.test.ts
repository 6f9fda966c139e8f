// Inputs that change after they were checked (a label or a pixel written between calls), and
// results that go non-finite: both backends answer with an error naming the function and the
// culprit, never with silently wrong numbers.
import { getEventListeners } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  accuracy,
  gradCheck,
  LinearClassifier,
  lossFunction,
  lossSlice1D,
  makeBlobs,
  Matrix,
  predict,
  predictSync,
  scores,
  softmaxLossSync,
  stepSizeSweep,
  svmLossSync,
  train,
  useBackend,
} from '../src/index.js';
import { forEachBackend, randomProblem } from './helpers.js';

forEachBackend('inputs changed after their check', () => {
  it('a label out of range is an error in every loss and analysis, cached check or not', async () => {
    const { X, W } = randomProblem(40, 5, 3, { seed: 2 });
    const y = new Int32Array(40).map((_, i) => i % 3);
    svmLossSync(W, X, y); // checked once
    y[7] = 1e8;
    const label = /expected y\[7\] to be an integer class index in \[0, 3\) but received 100000000/;
    expect(() => svmLossSync(W, X, y)).toThrow(RangeError);
    expect(() => svmLossSync(W, X, y)).toThrow(label);
    expect(() => softmaxLossSync(W, X, y)).toThrow(/^softmaxLossSync: /);
    await expect(stepSizeSweep(W, X, y)).rejects.toThrow(label);
    await expect(lossSlice1D(W, X, y, { steps: 3 })).rejects.toThrow(label);
    y[7] = -1;
    await expect(train(X, y, { W0: W, iterations: 3 })).rejects.toThrow(/^train: expected y\[7\]/);
  });

  it('a label changed between training chunks stops the run with the same error', async () => {
    const { X, y } = makeBlobs({ n: 300, seed: 3 });
    const labels = Int32Array.from(y);
    let changed = false;
    const run = train(X, labels, {
      iterations: 50_000,
      batchSize: 10,
      learningRate: 1e-3,
      evalEvery: 0,
      progressIntervalMs: 1,
      onProgress: () => {
        if (!changed) labels[5] = 99;
        changed = true;
      },
    });
    await expect(run).rejects.toThrow(/^train: expected y\[5\] to be an integer class index in \[0, 3\) but received 99/);
  });

  it('X given NaN after its check: predictions and accuracy name X, not garbage', async () => {
    const { X, W, y } = randomProblem(30, 4, 3, { seed: 4 });
    await predict(W, X); // X's finiteness is now cached
    X.data[4 * 2 + 1] = Number.NaN;
    const message = /X contains NaN at row 2, column 1; expected finite numbers/;
    await expect(predict(W, X)).rejects.toThrow(message);
    expect(() => predictSync(W, X)).toThrow(/^predictSync: X contains NaN at row 2/);
    await expect(accuracy(W, X, y)).rejects.toThrow(message);
    await expect(scores(W, X)).rejects.toThrow(message);
  });

  it('X given NaN after its check: training says so instead of reporting a divergence', async () => {
    const { X, y } = randomProblem(50, 4, 3, { seed: 5, dtype: 'float32' });
    await train(X, y, { iterations: 2 });
    X.data[3] = Number.POSITIVE_INFINITY;
    await expect(train(X, y, { iterations: 5, batchSize: 'full' })).rejects.toThrow(/^train: X contains Infinity at row 0, column 3/);
  });

  it('scores that overflow with finite inputs are named as an overflow', async () => {
    // Runs of 4 of ±1e308 times 10: partial sums of +Inf and −Inf, whichever order they are added in.
    const X = Matrix.from(1, 16, Array.from({ length: 16 }, (_, i) => ((i >> 2) % 2 ? -1e308 : 1e308)), 'float64');
    const W = Matrix.from(16, 2, Array.from({ length: 32 }, (_, i) => (i % 2 ? 0 : 10)), 'float64');
    await expect(predict(W, X)).rejects.toThrow(/the scores of row 0 are NaN although W and X are finite: X·W overflows float64/);
  });

  it('a training run whose update overflows W ends diverged, and the classifier refuses to use it', async () => {
    const data = makeBlobs({ n: 200, seed: 6 });
    const r = await train(data.X, data.y, { learningRate: 1e300, iterations: 50, evalEvery: 0 });
    expect(r.stopped).toBe('diverged');
    expect(r.diverged!.step).toBeLessThan(50);

    const model = new LinearClassifier();
    const fit = await model.fit(data.X, data.y, { learningRate: 1e300, iterations: 50 });
    expect(fit.stopped).toBe('diverged');
    expect(() => model.predict(data.X)).toThrow(/LinearClassifier.predict: the last fit diverged at step \d+ .* left NaN\/Inf weights/);
    await expect(model.save(join(mkdtempSync(join(tmpdir(), 'svm-')), 'm.json'))).rejects.toThrow(/the last fit diverged/);
    await model.fit(data.X, data.y, { iterations: 200 }); // a good fit makes it usable again
    expect(model.accuracy(data.X, data.y)).toBeGreaterThan(0.9);
  });

  it('one AbortSignal shared by many runs keeps no listener of a finished run', async () => {
    const { X, y } = randomProblem(20, 3, 2, { seed: 7, dtype: 'float32' });
    const ac = new AbortController();
    for (let i = 0; i < 12; i++) await train(X, y, { iterations: 2, signal: ac.signal });
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('a numerical gradient float32 cannot resolve is an error, in training and in gradCheck', async () => {
    const { X, y } = randomProblem(20, 3, 2, { seed: 8, dtype: 'float32' });
    const W0 = Matrix.from(3, 2, [1000, -1000, 500, 2, 1, 1], 'float32');
    const message = /h = 0.00001 is below float32's resolution at W's largest entry \(\|w\| = 1000/;
    await expect(train(X, y, { W0, gradient: 'numerical', iterations: 2, reg: 0 })).rejects.toThrow(message);
    await expect(gradCheck(lossFunction('svm', X, y), W0, { dtype: 'float32', h: 1e-5 })).rejects.toThrow(message);
    await expect(gradCheck(lossFunction('svm', X, y), W0, { dtype: 'float32', h: 1e-2 })).resolves.toBeDefined();
  });
});

it('fromWeights refuses weights no model file could hold', () => {
  const W = Matrix.from(3, 2, [1, 2, 3, 4, 5, 6], 'float64');
  const stats = { cols: 2, mean: null, std: null, bias: true };
  const bad = (w: Matrix, s: object, o?: object) => () => LinearClassifier.fromWeights(w, s as never, o as never);
  expect(bad(Matrix.from(3, 2, [Number.NaN, 0, 0, 0, 0, 0], 'float64'), stats)).toThrow(/fromWeights: weights contain NaN at row 0, column 0/);
  expect(bad(W, { ...stats, std: Float64Array.of(1, 0) })).toThrow(/preprocess.std has an entry <= 0/);
  expect(bad(W, stats, { classNames: ['a', 'b', 'c'] })).toThrow(/classNames has 3 names but W has 2 columns/);
  expect(bad(Matrix.from(3, 1, [1, 2, 3], 'float64'), stats)).toThrow(/W has 1 column\(s\); expected at least 2/);
  expect(LinearClassifier.fromWeights(W, stats as never).predict(Matrix.from(1, 2, [1, 1], 'float64'))).toEqual(Int32Array.of(1));
});

it('a classifier names classNames, not an option it set itself, in its messages', async () => {
  expect(() => new LinearClassifier({ classNames: ['a'] })).toThrow(/classNames has 1 name\(s\); expected at least 2/);
  const data = makeBlobs({ n: 60, seed: 9 }); // 3 classes
  await expect(new LinearClassifier({ classNames: ['a', 'b'] }).fit(data.X, data.y, { iterations: 2 })).rejects.toThrow(
    /\(classNames has 2 names, one per class\)/,
  );
});

it('a model file with a byte-order mark loads; a damaged image shape names the file', async () => {
  const data = makeBlobs({ n: 60, seed: 10 });
  const model = new LinearClassifier();
  await model.fit(data.X, data.y, { iterations: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'svm-'));
  const path = join(dir, 'model.json');
  await model.save(path);
  writeFileSync(path, '\ufeff' + readFileSync(path, 'utf8'));
  expect((await LinearClassifier.load(path)).predict(data.X)).toEqual(model.predict(data.X));
  const doc = JSON.parse(readFileSync(path, 'utf8').slice(1));
  writeFileSync(path, JSON.stringify({ ...doc, imageShape: [5, 5] }));
  await expect(LinearClassifier.load(path)).rejects.toThrow(new RegExp(`^${path}: imageShape \\[5, 5\\] holds 25 values but preprocess takes 2 raw features`));
});

it('a float32 gradient that overflows is an error, not ±Infinity handed back', async () => {
  useBackend('native');
  // Three rows of 3e38 in one column: each is finite, their float32 sum is not.
  const X = Matrix.from(3, 2, [3e38, 1, 3e38, 1, 3e38, 1], 'float32');
  const W = Matrix.from(2, 2, [0, 0, 0, 0], 'float32');
  expect(() => svmLossSync(W, X, [0, 0, 0])).toThrow(/^svmLossSync: the gradient overflows float32 at row 0, column \d although W and X are finite/);
});

it('a classifier whose scores overflow says so rather than returning -1 as a class', () => {
  useBackend('native'); // adds in float32 (the reference adds in double, where these fit)
  const D = 64;
  // In every 16-lane vector, lanes 0–7 add up to +Inf and lanes 8–15 to −Inf: their sum is NaN.
  const W = Matrix.from(D, 2, Array.from({ length: 2 * D }, (_, i) => (i % 2 ? 0 : (i >> 1) % 16 < 8 ? 3e38 : -3e38)), 'float32');
  const model = LinearClassifier.fromWeights(W, { cols: D, mean: null, std: null, bias: false });
  const X = Matrix.from(1, D, new Array(D).fill(1), 'float32');
  expect(() => model.predict(X)).toThrow(/^LinearClassifier.predict: the scores of row 0 are NaN although W and X are finite: X·W overflows float32/);
  expect(() => model.accuracy(X, [0])).toThrow(/X·W overflows float32/);
});
