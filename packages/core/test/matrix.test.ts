import { describe, expect, it } from 'vitest';
import { appendBias, Matrix, meanImage, subtractMean } from '../src/index.js';

describe('Matrix', () => {
  it('wraps typed arrays without copying and copies plain arrays', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const m = Matrix.from(2, 3, data);
    expect(m.data).toBe(data);
    expect(m.dtype).toBe('float32');
    expect(m.get(1, 2)).toBe(6);
    const n = Matrix.from(2, 2, [[1, 2], [3, 4]], 'float64');
    expect(n.dtype).toBe('float64');
    expect(n.toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it('transposes, converts, slices rows and computes norms', () => {
    const m = Matrix.from(2, 3, [1, 2, 3, 4, 5, 6], 'float64');
    expect(m.transpose().toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(m.astype('float32').dtype).toBe('float32');
    expect(m.astype('float64')).toBe(m);
    expect(Array.from(m.row(1))).toEqual([4, 5, 6]);
    expect(m.takeRows([1, 1, 0]).toArray()).toEqual([[4, 5, 6], [4, 5, 6], [1, 2, 3]]);
    expect(m.norm()).toBeCloseTo(Math.sqrt(91), 12);
    expect(String(m)).toBe('Matrix(2×3, float64)');
    expect(() => m.takeRows([2])).toThrow(/index 2 at position 0 is outside \[0, 2\)/);
  });
});

describe('preprocessing', () => {
  it('mean image, mean subtraction and the bias trick', () => {
    const X = Matrix.from(2, 2, [1, 2, 3, 6], 'float32');
    const mean = meanImage(X);
    expect(Array.from(mean)).toEqual([2, 4]);
    const c = subtractMean(X, mean);
    expect(c.toArray()).toEqual([[-1, -2], [1, 2]]);
    expect(X.toArray()).toEqual([[1, 2], [3, 6]]); // input untouched
    const b = appendBias(c);
    expect(b.shape).toEqual([2, 3]);
    expect(b.toArray()).toEqual([[-1, -2, 1], [1, 2, 1]]);
    expect(() => subtractMean(X, [1])).toThrow(/mean has 1 entries but X has 2 columns/);
    expect(() => subtractMean(X, null as never)).toThrow(/subtractMean: expected a Float64Array \(or array\) with one entry per column for mean but received null/);
  });
});
