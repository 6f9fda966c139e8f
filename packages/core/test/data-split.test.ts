import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/matrix.js';
import { makeBlobs, split } from '../src/data/index.common.js';
import type { Dataset } from '../src/data/types.js';

/** A dataset whose feature 0 is the example's index, so rows can be traced back. */
function indexed(labels: number[], K: number): Dataset {
  const N = labels.length;
  const X = Matrix.zeros(N, 2, 'float32');
  for (let i = 0; i < N; i++) {
    X.set(i, 0, i);
    X.set(i, 1, labels[i]!);
  }
  return { X, y: Int32Array.from(labels), classNames: Array.from({ length: K }, (_, k) => `c${k}`), imageShape: [2, 1], name: 'toy' };
}

const ids = (d: Dataset): number[] => Array.from({ length: d.X.rows }, (_, i) => d.X.get(i, 0));
const counts = (d: Dataset, K: number): number[] => {
  const c = new Array(K).fill(0);
  for (const k of d.y) c[k]++;
  return c;
};

// 1000 examples, imbalanced: 50% class 0, 30% class 1, 20% class 2.
const labels = Array.from({ length: 1000 }, (_, i) => (i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2));
const data = indexed(labels, 3);

describe('split', () => {
  it('CS231n-style counts: disjoint parts, dev ⊂ train, rows and labels travel together', () => {
    const s = split(data, { train: 800, val: 100, test: 50, dev: 40, seed: 3 });
    expect([s.train.X.rows, s.val.X.rows, s.test.X.rows, s.dev!.X.rows]).toEqual([800, 100, 50, 40]);
    const all = [...ids(s.train), ...ids(s.val), ...ids(s.test)];
    expect(new Set(all).size).toBe(950);
    const train = new Set(ids(s.train));
    expect(ids(s.dev!).every((i) => train.has(i))).toBe(true);
    for (const part of [s.train, s.val, s.test, s.dev!]) {
      for (let r = 0; r < part.X.rows; r++) expect(part.y[r]).toBe(labels[part.X.get(r, 0)]);
      expect(part.classNames).toEqual(data.classNames);
      expect(part.imageShape).toEqual([2, 1]);
    }
    expect(s.val.name).toBe('toy [val]');
  });

  it('stratified by default: every part keeps the class proportions', () => {
    const s = split(data, { train: 800, val: 100, test: 50, dev: 40, seed: 3 });
    expect(counts(s.val, 3)).toEqual([50, 30, 20]);
    expect(counts(s.test, 3)).toEqual([25, 15, 10]);
    expect(counts(s.train, 3)).toEqual([400, 240, 160]);
    expect(counts(s.dev!, 3)).toEqual([20, 12, 8]);
  });

  it('rounding: a part too small for every class still has the exact size', () => {
    const s = split(data, { val: 7, test: 3, train: 11, seed: 1 });
    expect([s.val.X.rows, s.test.X.rows, s.train.X.rows]).toEqual([7, 3, 11]);
    expect(counts(s.val, 3)).toEqual([4, 2, 1]);
  });

  it('unstratified is a plain seeded random split', () => {
    const s = split(data, { train: 500, val: 500, stratified: false, seed: 9 });
    expect(new Set([...ids(s.train), ...ids(s.val)]).size).toBe(1000);
    expect(s.test.X.rows).toBe(0);
  });

  it('train defaults to the rest; the same seed gives the same split, another seed another', () => {
    const a = split(data, { val: 100, test: 100, seed: 4 });
    expect(a.train.X.rows).toBe(800);
    expect(a.dev).toBeUndefined();
    const b = split(data, { val: 100, test: 100, seed: 4 });
    expect(ids(b.val)).toEqual(ids(a.val));
    expect(ids(split(data, { val: 100, test: 100, seed: 5 }).val)).not.toEqual(ids(a.val));
  });

  it('parts are shuffled, not grouped by class', () => {
    const s = split(makeBlobs({ n: 300, classes: 3, seed: 1 }), { train: 300 });
    expect(new Set(s.train.y.subarray(0, 15)).size).toBe(3);
  });

  it('errors: counts beyond N, dev beyond train, bad counts, bad dataset', () => {
    expect(() => split(data, { train: 900, val: 100, test: 50 })).toThrow(
      /split: train \+ val \+ test = 900 \+ 100 \+ 50 = 1050 exceeds the 1000 examples of toy/,
    );
    expect(() => split(data, { train: 10, dev: 11 })).toThrow(/dev = 11 exceeds train = 10; the dev set is a subset/);
    expect(() => split(data, { val: -1 })).toThrow(/for val but received -1/);
    expect(() => split(data, { val: 0.1 })).toThrow(/an integer >= 0 for val but received 0.1/);
    expect(() => split(data, { validation: 5 } as never)).toThrow(/unknown option 'validation'/);
    expect(() => split(null as never, {})).toThrow(/split: expected a Dataset/);
    expect(() => split({ ...data, y: data.y.slice(0, 5) }, {})).toThrow(/dataset.y has 5 labels but dataset.X has 1000 rows/);
    expect(() => split({ ...data, classNames: ['a', 'b'] }, {})).toThrow(/dataset.y\[\d+\] to be an integer class index in \[0, 2\)/);
    expect(() => split({ ...data, classNames: ['a', 'b'] }, {})).toThrow(/\(dataset.classNames has 2 names, one per class\)$/);
  });
});
