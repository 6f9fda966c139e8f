import { describe, expect, it } from 'vitest';
import { makeBlobs, makeLinearlySeparable, makeSpirals } from '../src/data/index.common.js';
import type { Dataset } from '../src/data/types.js';

function counts(d: Dataset): number[] {
  const c = new Array(d.classNames.length).fill(0);
  for (const k of d.y) c[k]++;
  return c;
}

describe('synthetic 2-D sets', () => {
  for (const [title, make] of [
    ['makeBlobs', makeBlobs],
    ['makeSpirals', makeSpirals],
    ['makeLinearlySeparable', makeLinearlySeparable],
  ] as const) {
    it(`${title}: N×2 float32, balanced classes, shuffled, seeded`, () => {
      const d = make({ n: 101, classes: 4, seed: 5 });
      expect(d.X.shape).toEqual([101, 2]);
      expect(d.X.dtype).toBe('float32');
      expect(d.classNames).toEqual(['class 0', 'class 1', 'class 2', 'class 3']);
      expect(counts(d)).toEqual([26, 25, 25, 25]);
      expect(new Set(d.y.subarray(0, 20)).size).toBeGreaterThan(1); // not grouped by class
      expect(d.X.data.every(Number.isFinite)).toBe(true);
      const again = make({ n: 101, classes: 4, seed: 5 });
      expect(again.X.data).toEqual(d.X.data);
      expect(again.y).toEqual(d.y);
      expect(make({ n: 101, classes: 4, seed: 6 }).X.data).not.toEqual(d.X.data);
    });

    it(`${title}: bad options are validation errors`, () => {
      expect(() => make({ classes: 1 })).toThrow(new RegExp(`${title}: expected an integer >= 2 <= 1000 for classes but received 1`));
      expect(() => make({ n: 0 })).toThrow(/for n but received 0/);
      expect(() => make({ seed: 1.5 })).toThrow(/for seed/);
      expect(() => make({ size: 3 } as never)).toThrow(/unknown option 'size'/);
      expect(() => make('x' as never)).toThrow(TypeError);
    });
  }

  it('makeBlobs: clusters around centres on a circle of radius 2, spread as std', () => {
    const d = makeBlobs({ n: 3000, classes: 3, spread: 0.3, seed: 2 });
    for (let k = 0; k < 3; k++) {
      let sx = 0;
      let sy = 0;
      let ss = 0;
      let m = 0;
      for (let i = 0; i < d.X.rows; i++) {
        if (d.y[i] !== k) continue;
        sx += d.X.get(i, 0);
        sy += d.X.get(i, 1);
        m++;
      }
      const [cx, cy] = [sx / m, sy / m];
      expect(cx).toBeCloseTo(2 * Math.cos((2 * Math.PI * k) / 3), 1);
      expect(cy).toBeCloseTo(2 * Math.sin((2 * Math.PI * k) / 3), 1);
      for (let i = 0; i < d.X.rows; i++) if (d.y[i] === k) ss += (d.X.get(i, 0) - cx) ** 2;
      expect(Math.sqrt(ss / m)).toBeCloseTo(0.3, 1);
    }
  });

  it('makeSpirals: radius runs 0..1 along each arm (CS231n), noise 0 puts points exactly on it', () => {
    const d = makeSpirals({ n: 30, classes: 3, noise: 0, seed: 0 });
    const radii: number[] = [];
    for (let i = 0; i < d.X.rows; i++) if (d.y[i] === 1) radii.push(Math.hypot(d.X.get(i, 0), d.X.get(i, 1)));
    radii.sort((a, b) => a - b);
    expect(radii.length).toBe(10);
    expect(radii[0]).toBeCloseTo(0, 6);
    expect(radii[9]).toBeCloseTo(1, 6);
    // the outermost point of arm k sits at angle t = 4(k+1): (sin t, cos t)
    for (let i = 0; i < d.X.rows; i++) {
      const r = Math.hypot(d.X.get(i, 0), d.X.get(i, 1));
      if (Math.abs(r - 1) < 1e-6) {
        const t = 4 * (d.y[i]! + 1);
        expect(d.X.get(i, 0)).toBeCloseTo(Math.sin(t), 5);
        expect(d.X.get(i, 1)).toBeCloseTo(Math.cos(t), 5);
      }
    }
  });

  it('makeLinearlySeparable: the sector classifier is 100% right with every point ≥ margin/2 from a boundary', () => {
    for (const K of [2, 3, 5]) {
      const margin = 0.4;
      const d = makeLinearlySeparable({ n: 500, classes: K, margin, seed: K });
      let minGap = Infinity;
      for (let i = 0; i < d.X.rows; i++) {
        const x = d.X.get(i, 0);
        const y = d.X.get(i, 1);
        const scores = Array.from({ length: K }, (_, k) => x * Math.cos((2 * Math.PI * k) / K) + y * Math.sin((2 * Math.PI * k) / K));
        const best = scores.indexOf(Math.max(...scores));
        expect(best).toBe(d.y[i]);
        // distance to the boundary with class j: (s_k − s_j) / |w_k − w_j|
        for (let j = 0; j < K; j++) {
          if (j === best) continue;
          const wdist = Math.hypot(Math.cos((2 * Math.PI * best) / K) - Math.cos((2 * Math.PI * j) / K), Math.sin((2 * Math.PI * best) / K) - Math.sin((2 * Math.PI * j) / K));
          minGap = Math.min(minGap, (scores[best]! - scores[j]!) / wdist);
        }
      }
      expect(minGap).toBeGreaterThanOrEqual(margin / 2 - 1e-6);
      expect(minGap).toBeLessThan(margin / 2 + 0.05); // the band is not wider than asked
    }
    expect(() => makeLinearlySeparable({ margin: -1 })).toThrow(/for margin/);
  });
});
