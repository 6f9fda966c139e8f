import { describe, expect, it } from 'vitest';
import { Rng } from '../src/index.js';

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 5 }, () => a.nextU32());
    expect(sa).toEqual(Array.from({ length: 5 }, () => b.nextU32()));
    expect(sa).not.toEqual(Array.from({ length: 5 }, () => c.nextU32()));
  });

  it('matches the reference xoshiro128** stream (the native layer implements the same)', () => {
    // First outputs for seed 1, fixed here so a change to the generator is a deliberate one.
    const r = new Rng(1);
    expect(Array.from({ length: 4 }, () => r.nextU32())).toMatchSnapshot();
  });

  it('normal draws have mean ≈ 0 and variance ≈ 1; int() is unbiased and in range', () => {
    const r = new Rng(7);
    let s = 0;
    let s2 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[r.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('permutation holds every index once', () => {
    const p = new Rng(3).permutation(1000);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
