import { beforeAll, describe, expect, it } from 'vitest';
import {
  appendBias,
  loadMnist,
  Matrix,
  meanImage,
  race,
  randomLocalSearch,
  randomSearch,
  subtractMean,
  svmLossSync,
  useBackend,
} from '../src/index.js';
import { forEachBackend, randomProblem } from './helpers.js';

forEachBackend('random search and random local search', () => {
  it('random search keeps the best of its tries, and scoring K at a time changes nothing', async () => {
    const { X, y } = randomProblem(60, 8, 3, { dtype: 'float32' });
    const one = await randomSearch(X, y, { tries: 40, batch: 1, seed: 5, scale: 0.5 });
    const many = await randomSearch(X, y, { tries: 40, batch: 16, seed: 5, scale: 0.5 });
    expect(many.loss).toBeCloseTo(one.loss, 5);
    expect(Array.from(many.W.data)).toEqual(Array.from(one.W.data));
    expect(one.history).toHaveLength(40);
    expect(one.loss).toBe(Math.min(...one.history.map((h) => h.loss)));
    expect(one.loss).toBeCloseTo(svmLossSync(one.W, X, y).loss, 5);
  });

  it('random local search only moves downhill and ends at the loss of its W', async () => {
    const { X, y } = randomProblem(60, 8, 3, { dtype: 'float32' });
    const r = await randomLocalSearch(X, y, { steps: 200, stepScale: 0.05, seed: 2, reg: 0.1 });
    const best = r.history.map((h) => h.bestLoss);
    for (let i = 1; i < best.length; i++) expect(best[i]).toBeLessThanOrEqual(best[i - 1]!);
    expect(r.history.some((h) => h.accepted)).toBe(true);
    expect(r.loss).toBeCloseTo(svmLossSync(r.W, X, y, { reg: 0.1 }).loss, 4);
  });

  it('validates its options', async () => {
    const { X, y } = randomProblem(10, 3, 2, { dtype: 'float32' });
    await expect(randomSearch(X, y, { tries: 0 })).rejects.toThrow(/tries/);
    await expect(randomSearch(X, y, { scale: -1 })).rejects.toThrow(/scale/);
    await expect(randomLocalSearch(X, y, { stepScale: 0 })).rejects.toThrow(/stepScale/);
    await expect(randomLocalSearch(X, y, { W0: Matrix.zeros(4, 2) })).rejects.toThrow(/W0 is 4×2/);
    await expect(randomSearch(X, [0, 1, 2] as never)).rejects.toThrow(/y has 3 labels/);
  });

  it('never keeps a candidate whose scores overflow; a scale that overflows every one is an error', async () => {
    const { X, y } = randomProblem(30, 8, 3, { dtype: 'float32' });
    // At 3e37 a few candidates' float32 scores overflow, most do not.
    const r = await randomSearch(X, y, { scale: 3e37, tries: 40, seed: 1 });
    expect(r.history.some((h) => h.loss === Infinity)).toBe(true);
    expect(r.history.filter((h) => h.loss === Infinity).every((h) => !h.accepted)).toBe(true);
    expect(r.loss).toBe(Math.min(...r.history.map((h) => h.loss)));
    expect(r.loss).toBeGreaterThan(1e30); // not the 0 an overflowed candidate used to report
    expect(Array.from(r.W.data).every(Number.isFinite)).toBe(true);
    await expect(randomSearch(X, y, { scale: 1e300, tries: 5 })).rejects.toThrow(/randomSearch: scale = 1e\+300 is too large for this data/);
    await expect(randomLocalSearch(X, y, { stepScale: 1e300, steps: 5 })).rejects.toThrow(/randomLocalSearch: stepScale = 1e\+300 is too large for this data/);
    await expect(randomLocalSearch(X, y, { initScale: 1e300, steps: 5 })).rejects.toThrow(/starting W.*overflow.*initScale/);
    await expect(race(X, y, { scale: 1e300, budget: { evaluations: 5 } })).rejects.toThrow(/scale = 1e\+300 is too large/);
  });

  it('labels are checked as integers before the class count is inferred from them', async () => {
    const { X } = randomProblem(4, 3, 2, { dtype: 'float32' });
    await expect(randomSearch(X, [1e9, 0, 1, 0], { tries: 1 })).rejects.toThrow(
      /randomSearch: y\[0\] = 1000000000 implies 1000000001 classes; expected labels in \[0, classes\) with classes given explicitly for more than 65536/,
    );
    // race has no classes option: its message does not suggest one.
    await expect(race(X, [1e9, 0, 1, 0], { budget: { evaluations: 2 } })).rejects.toThrow(/race: y\[0\] = 1000000000 implies 1000000001 classes; expected at most 65536 classes$/);
    await expect(randomSearch(X, [0, Number.NaN, 1, 0], { tries: 1 })).rejects.toThrow(/y\[1\] to be a non-negative integer class index but received NaN$/);
    await expect(randomSearch(X, [0, 1, '2', 0] as never, { tries: 1 })).rejects.toThrow(/y\[2\] to be a non-negative integer class index but received "2"$/);
    await expect(randomLocalSearch(X, [0, 1, 0, 1], { classes: 1e9, steps: 1 })).rejects.toThrow(/W \(one column per class\) would be 3×1000000000/);
  });

  it('race checks X, y and its signal before running anything', async () => {
    const { X, y } = randomProblem(10, 3, 2, { dtype: 'float32' });
    await expect(race(null as never, y, { strategies: ['numerical-gradient-descent'] })).rejects.toThrow(/race: expected a Matrix for X but received null/);
    await expect(race(X, null as never, { strategies: ['gradient-descent'] })).rejects.toThrow(/race: expected an Int32Array or array of class indices for y but received null/);
    await expect(race(X, y, { signal: {} as never })).rejects.toThrow(/race: expected an AbortSignal for signal/);
    // One numerical step costs 2·D·C + 1 = 13 evaluations: a budget of 12 cannot buy it.
    await expect(race(X, y, { strategies: ['numerical-gradient-descent'], budget: { evaluations: 12 } })).rejects.toThrow(
      /costs 2·D·C \+ 1 = 13 loss evaluations a step \(D = 3, C = 2\); budget.evaluations is 12, not enough for one step/,
    );
    const { entries } = await race(X, y, { strategies: ['numerical-gradient-descent'], budget: { evaluations: 26 } });
    expect(entries[0]!.evaluations).toBeLessThanOrEqual(26);
  });
});

describe('the three strategies on the embedded MNIST digits', () => {
  let X: Matrix;
  let y: Int32Array;
  beforeAll(async () => {
    useBackend('native');
    const data = await loadMnist();
    const idx = Array.from({ length: 2000 }, (_, i) => i);
    const raw = data.X.takeRows(idx);
    X = appendBias(subtractMean(raw, meanImage(raw)));
    y = Int32Array.from(idx, (i) => data.y[i]!);
  });

  it('random local search beats random search, and gradient descent beats both at equal loss evaluations', async () => {
    const { entries } = await race(X, y, { budget: { evaluations: 200 }, seed: 1 });
    const byName = Object.fromEntries(entries.map((e) => [e.strategy, e]));
    const rs = byName['random-search']!;
    const rls = byName['random-local-search']!;
    const gd = byName['gradient-descent']!;
    for (const e of entries) expect(e.evaluations).toBe(200);
    expect(rls.loss).toBeLessThan(rs.loss);
    expect(gd.loss).toBeLessThan(rls.loss);
    // And it holds along the way, not just at the end: compare at half the budget.
    const at = (e: typeof rs, n: number) => e.history.find((h) => h.evaluations === n)!.loss;
    expect(at(gd, 100)).toBeLessThan(at(rls, 100));
  });

  it('a race can be bounded in seconds', async () => {
    const started = performance.now();
    const { entries } = await race(X, y, { budget: { seconds: 0.2 }, strategies: ['random-search', 'gradient-descent'] });
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e.evaluations).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
