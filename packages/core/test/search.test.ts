import { describe, expect, it } from 'vitest';
import { Matrix, Rng, searchHyperparameters, searchSpace } from '../src/index.js';

/** CIFAR-like raw pixels in [0, 255] with a weak class signal, D = 3072. */
function rawPixels(n: number, seed: number) {
  const rng = new Rng(seed);
  const X = Matrix.zeros(n, 3072);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 10;
    for (let d = 0; d < 3072; d++) X.data[i * 3072 + d] = Math.min(255, Math.max(0, 128 + 40 * rng.normal() + (d % 10 === y[i] ? 30 : 0)));
  }
  return { X, y };
}

describe('hyper-parameter search', () => {
  it("runs CS231n's grid on raw pixels; lr 5e-5 diverges and is marked", async () => {
    const train = rawPixels(300, 1);
    const val = rawPixels(100, 2);
    const finished: number[] = [];
    const r = await searchHyperparameters(train, val, {
      grid: { learningRate: [1e-7, 5e-5], reg: [2.5e4, 5e4] },
      iterations: 300,
      concurrency: 2,
      onTrial: (t) => finished.push(t.index),
    });
    expect(r.trials.map((t) => [t.params.learningRate, t.params.reg])).toEqual([
      [1e-7, 2.5e4],
      [1e-7, 5e4],
      [5e-5, 2.5e4],
      [5e-5, 5e4],
    ]);
    expect(finished.sort()).toEqual([0, 1, 2, 3]);
    for (const t of r.trials) {
      if (t.params.learningRate === 5e-5) {
        expect(t.stopped).toBe('diverged');
        expect(t.steps).toBeLessThan(300);
        expect(t.diverged!.learningRate).toBe(5e-5);
      } else {
        expect(t.stopped).toBe('done');
        expect(t.valAccuracy).toBeGreaterThan(0.5);
      }
    }
    expect(r.best.params.learningRate).toBe(1e-7);
    expect(r.best.model.accuracy(val.X, val.y)).toBeCloseTo(r.best.valAccuracy, 10);
  });

  it('random spaces are log-uniform, seeded and inside their bounds', () => {
    const a = searchSpace({ random: { trials: 200, learningRate: [1e-6, 1e-2], reg: [1e-4, 1e2], batchSize: [32, 200] }, seed: 3 });
    const b = searchSpace({ random: { trials: 200, learningRate: [1e-6, 1e-2], reg: [1e-4, 1e2], batchSize: [32, 200] }, seed: 3 });
    expect(a).toEqual(b);
    expect(a.every((t) => t.learningRate >= 1e-6 && t.learningRate <= 1e-2 && t.reg >= 1e-4 && t.reg <= 1e2)).toBe(true);
    const decades = new Set(a.map((t) => Math.floor(Math.log10(t.learningRate))));
    expect(decades.size).toBe(4); // spread over every decade, as log-uniform draws are
    expect(new Set(a.map((t) => t.batchSize))).toEqual(new Set([32, 200]));
  });

  it('validates the space', async () => {
    const d = { X: Matrix.zeros(4, 3), y: [0, 1, 0, 1] };
    await expect(searchHyperparameters(d, d, {} as never)).rejects.toThrow(/exactly one of grid or random/);
    await expect(searchHyperparameters(d, d, { grid: { learningRate: [], reg: [1] } })).rejects.toThrow(/grid.learningRate/);
    await expect(searchHyperparameters(d, d, { grid: { learningRate: [-1], reg: [1] } })).rejects.toThrow(/grid.learningRate\[0\]/);
    await expect(searchHyperparameters(d, d, { random: { trials: 3, learningRate: [1, 0.1], reg: [0, 1] } })).rejects.toThrow(/is empty/);
    await expect(searchHyperparameters(d, { X: Matrix.zeros(2, 5), y: [0, 1] }, { grid: { learningRate: [1], reg: [1] } })).rejects.toThrow(/val.X has 5 columns/);
  });

  it('the default batch of 200 runs, and is reported, as the whole of smaller data', async () => {
    const d = { X: Matrix.from(4, 2, [0, 1, 1, 0, 0, 2, 2, 0]), y: [0, 1, 0, 1] };
    const r = await searchHyperparameters(d, d, { grid: { learningRate: [1e-2], reg: [0] }, iterations: 5 });
    expect(r.trials.map((t) => t.params.batchSize)).toEqual([4]);
  });

  it('rejects bad callbacks, dtypes, labels and spaces before any worker starts', async () => {
    const d = { X: Matrix.zeros(4, 3), y: [0, 1, 0, 1] };
    const grid = { learningRate: [1e-3], reg: [0] };
    await expect(searchHyperparameters(d, d, { grid, onTrial: 5 as never })).rejects.toThrow(/expected a function for onTrial/);
    await expect(searchHyperparameters(d, d, { grid, signal: 'stop' as never })).rejects.toThrow(/expected an AbortSignal for signal/);
    await expect(searchHyperparameters(d, { X: Matrix.zeros(4, 3, 'float64'), y: d.y }, { grid })).rejects.toThrow(/expected the same dtype as train.X \(float32\) for val.X/);
    await expect(searchHyperparameters({ X: d.X, y: [0, 1, 0, 1e7] }, d, { grid })).rejects.toThrow(/train.y\[3\] = 10000000 implies 10000001 classes/);
    await expect(searchHyperparameters({ X: d.X, y: null as never }, d, { grid })).rejects.toThrow(/train.y/);
    await expect(searchHyperparameters({ X: d.X, y: [0, 1, 2, 1] }, d, { grid, classNames: ['a', 'b'] })).rejects.toThrow(/train.y.*\(classNames has 2 names\)/);
    await expect(searchHyperparameters(d, d, { grid: { ...grid, optimizer: [] } })).rejects.toThrow(/expected a non-empty array of update rules .* for grid.optimizer/);
    // As train() would: no silent cap that runs identical trials under different names.
    await expect(searchHyperparameters(d, d, { grid: { ...grid, batchSize: [2, 4, 5] } })).rejects.toThrow(
      /grid.batchSize\[2\] = 5 is larger than the 4 rows of train.X; expected at most 4/,
    );
    await expect(searchHyperparameters(d, d, { random: { trials: 2, learningRate: [1e-3, 1e-2], reg: [0, 1], batchSize: [9] } })).rejects.toThrow(
      /random.batchSize\[0\] = 9 is larger than the 4 rows/,
    );
    // A shape that does not fit the features fails now, not after every trial has run.
    let trials = 0;
    const onTrial = () => void trials++;
    await expect(searchHyperparameters(d, d, { grid, imageShape: [2, 2], onTrial })).rejects.toThrow(/imageShape \[2, 2\] holds 4 values but train.X has 3 columns/);
    await expect(searchHyperparameters(d, d, { grid, imageShape: [0, 3], onTrial })).rejects.toThrow(/imageShape/);
    expect(trials).toBe(0);
    expect(() => searchSpace({ grid: { ...grid, optimizer: 'adam' as never } })).toThrow(/expected a non-empty array of update rules .* for grid.optimizer/);
    expect(() => searchSpace(undefined as never)).toThrow(/searchSpace: expected \{ grid \} or \{ random \} for options/);
    const many = Array.from({ length: 101 }, (_, i) => 10 ** (-i / 20));
    expect(() => searchSpace({ grid: { learningRate: many, reg: many } })).toThrow(/10201 trials; expected at most 10000/);
  });

  it('a callback that throws rejects the search (no uncaught exception), and an abort says so', async () => {
    const train = rawPixels(60, 1);
    const val = rawPixels(20, 2);
    const opts = { grid: { learningRate: [1e-7, 2e-7], reg: [2.5e4] }, iterations: 50, concurrency: 2 };
    await expect(searchHyperparameters(train, val, { ...opts, onTrial: () => { throw new Error('from onTrial'); } })).rejects.toThrow('from onTrial');
    await expect(searchHyperparameters(train, val, { ...opts, iterations: 200000, onProgress: () => { throw new Error('from onProgress'); } })).rejects.toThrow('from onProgress');
    await expect(searchHyperparameters(train, val, { ...opts, signal: AbortSignal.abort() })).rejects.toThrow(/stopped \(signal aborted\) before any trial finished/);
  });
});
