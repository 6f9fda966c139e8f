import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/matrix.js';
import {
  appendBias,
  applyMinMaxScaler,
  applyPreprocess,
  applyStandardizer,
  fitMinMaxScaler,
  fitPreprocess,
  fitStandardizer,
  meanImage,
  preprocess,
  subtractMean,
} from '../src/data/index.common.js';

const train = Matrix.from(4, 3, [
  [1, 10, 5],
  [2, 20, 5],
  [3, 30, 5],
  [4, 40, 5],
]);
const other = Matrix.from(2, 3, [
  [0, 0, 0],
  [5, 50, 6],
]);

describe('standardize and min-max scaling: fit on train, apply anywhere', () => {
  it('fitStandardizer: column means and population std; a constant column gets std 1', () => {
    const s = fitStandardizer(train);
    expect(Array.from(s.mean)).toEqual([2.5, 25, 5]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(s.std[1]).toBeCloseTo(Math.sqrt(125), 12);
    expect(s.std[2]).toBe(1);
    const z = applyStandardizer(train, s);
    expect(z.dtype).toBe('float32');
    for (let c = 0; c < 2; c++) {
      let m = 0;
      let v = 0;
      for (let r = 0; r < 4; r++) m += z.get(r, c) / 4;
      for (let r = 0; r < 4; r++) v += (z.get(r, c) - m) ** 2 / 4;
      expect(m).toBeCloseTo(0, 6);
      expect(v).toBeCloseTo(1, 5);
    }
    expect(z.get(0, 2)).toBe(0);
    expect(applyStandardizer(other, s).get(1, 2)).toBe(1); // (6 − 5) / 1, with the training stats
  });

  it('min-max: training range → [0, 1], others with the same range', () => {
    const r = fitMinMaxScaler(train);
    expect(Array.from(r.min)).toEqual([1, 10, 5]);
    expect(Array.from(r.max)).toEqual([4, 40, 5]);
    expect(applyMinMaxScaler(train, r).toArray()).toEqual([
      [0, 0, 0],
      [1 / 3, 1 / 3, 0].map(Math.fround),
      [2 / 3, 2 / 3, 0].map(Math.fround),
      [1, 1, 0],
    ]);
    expect(applyMinMaxScaler(other, r).get(1, 0)).toBeCloseTo(4 / 3, 6);
  });

  it('shape and type errors', () => {
    const s = fitStandardizer(train);
    expect(() => applyStandardizer(Matrix.zeros(2, 4), s)).toThrow(/applyStandardizer: stats.mean has 3 entries but X has 4 columns/);
    expect(() => applyStandardizer(train, null as never)).toThrow(/expected a Standardizer/);
    expect(() => fitStandardizer(Matrix.zeros(0, 3))).toThrow(/X has no rows/);
    expect(() => fitMinMaxScaler('x' as never)).toThrow(/fitMinMaxScaler: expected a Matrix for X/);
  });
});

describe('preprocess', () => {
  it('defaults = CS231n: subtract the training mean image, append the bias column', () => {
    const out = preprocess(train, [other]);
    const expected = appendBias(subtractMean(train, meanImage(train)));
    expect(out.train.data).toEqual(expected.data);
    expect(out.train.cols).toBe(4);
    expect(out.others[0]!.data).toEqual(appendBias(subtractMean(other, meanImage(train))).data);
    expect(Array.from(out.stats.mean!)).toEqual([2.5, 25, 5]);
    expect(out.stats).toMatchObject({ cols: 3, std: null, bias: true });
  });

  it('the returned stats reproduce the same preprocessing later', () => {
    const { others, stats } = preprocess(train, [other], { standardize: true });
    expect(applyPreprocess(other, stats).data).toEqual(others[0]!.data);
    expect(applyPreprocess(other, fitPreprocess(train, { standardize: true })).data).toEqual(others[0]!.data);
  });

  it('options: standardize, no centering, no bias; dtype kept', () => {
    const z = preprocess(train, [], { standardize: true, bias: false });
    expect(z.train.data).toEqual(applyStandardizer(train, fitStandardizer(train)).data);
    const plain = preprocess(train.astype('float64'), [], { center: false, bias: false });
    expect(plain.train.dtype).toBe('float64');
    expect(plain.train.data).toEqual(train.astype('float64').data);
    expect(plain.stats.mean).toBeNull();
    const scaledOnly = preprocess(train, [], { center: false, standardize: true, bias: false });
    expect(scaledOnly.train.get(3, 0)).toBeCloseTo(4 / Math.sqrt(1.25), 5);
  });

  it('errors: column mismatch, bias column passed back in, bad options', () => {
    expect(() => preprocess(train, [Matrix.zeros(2, 4)])).toThrow(/preprocess: others\[0\] has 4 columns but train has 3/);
    const { train: Xb, stats } = preprocess(train);
    expect(() => applyPreprocess(Xb, stats)).toThrow(/X has 4 columns but the preprocessing was fitted on 3; expected raw features/);
    expect(() => preprocess(train, [], { centre: true } as never)).toThrow(/unknown option 'centre'/);
    expect(() => preprocess(train, 'x' as never)).toThrow(/expected an array of matrices for others/);
    expect(() => preprocess(train, [], { bias: 1 } as never)).toThrow(/a boolean for bias/);
    expect(() => applyPreprocess(train, { ...stats, bias: 'yes' } as never)).toThrow(/applyPreprocess: expected a boolean for stats.bias but received "yes"/);
    expect(() => applyPreprocess(train, { ...stats, cols: 2.5 })).toThrow(/expected a non-negative integer for stats.cols but received 2.5/);
  });

  it('a NaN in the training data is named, not spread down its column by the mean', () => {
    const bad = Matrix.from(3, 2, [1, 2, Number.NaN, 4, 5, 6], 'float64');
    expect(() => preprocess(bad)).toThrow(/^preprocess: train contains NaN at row 1, column 0; expected finite numbers/);
    expect(() => fitPreprocess(bad)).toThrow(/^fitPreprocess: train contains NaN at row 1, column 0/);
    expect(() => meanImage(bad)).toThrow(/^meanImage: X contains NaN at row 1/);
  });
});
