import { describe, expect, it } from 'vitest';
import {
  gradientNoise,
  lossSlice1D,
  lossSlice2D,
  Matrix,
  projectTrajectory,
  softmaxLossSync,
  stepSizeSweep,
  svmLossSync,
  trajectoryDirections,
} from '../src/index.js';
import { forEachBackend, randomProblem } from './helpers.js';

function shifted(W: Matrix, steps: [number, Matrix][]): Matrix {
  const out = W.clone();
  for (const [t, D] of steps) for (let i = 0; i < out.size; i++) out.data[i] = out.data[i]! + t * D.data[i]!;
  return out;
}

forEachBackend('loss landscapes and the step-size sweep', () => {
  const { X, W, y } = randomProblem(80, 12, 4, { dtype: 'float64', scale: 0.2, seed: 3 });

  it('the step-size sweep equals L(W − η∇L) evaluated directly, falling then rising', async () => {
    const sweep = await stepSizeSweep(W, X, y, { reg: 0.1, stepSizes: [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100] });
    const { loss, grad } = svmLossSync(W, X, y, { reg: 0.1 });
    for (const e of sweep) {
      const direct = svmLossSync(shifted(W, [[-e.stepSize, grad]]), X, y, { reg: 0.1 }).loss;
      expect(e.loss).toBeCloseTo(direct, 9);
      expect(e.change).toBeCloseTo(direct - loss, 9);
    }
    expect(sweep[0]!.rises).toBe(false);
    expect(sweep.at(-1)!.rises).toBe(true);
    expect(sweep[0]!.loss).toBeGreaterThan(Math.min(...sweep.map((e) => e.loss)));
  });

  it('in float32 a zero step changes nothing, and a tiny one changes the loss as float64 says', async () => {
    const X32 = X.astype('float32');
    const W32 = W.astype('float32');
    const [zero, tiny] = await stepSizeSweep(W32, X32, y, { stepSizes: [0, 1e-6] });
    expect(zero!.change).toBe(0);
    expect(zero!.rises).toBe(false);
    const [tiny64] = await stepSizeSweep(W32.astype('float64'), X32.astype('float64'), y, { stepSizes: [1e-6] });
    // The start and the step share one summation: what is left is float32's rounding of the scores.
    expect(Math.abs(tiny!.change - tiny64!.change)).toBeLessThan(0.01 * Math.abs(tiny64!.change));
  });

  it('the default sweep is the lecture’s decades 1e-10 … 1e-1', async () => {
    const sweep = await stepSizeSweep(W, X, y);
    expect(sweep.map((e) => e.stepSize)).toEqual([1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1]);
  });

  it('a 1-D slice equals direct evaluation and is piecewise linear and convex for the SVM', async () => {
    const s = await lossSlice1D(W, X, y, { reg: 0.05, steps: 41, range: [-2, 2], seed: 4 });
    expect(s.a).toHaveLength(41);
    for (const i of [0, 7, 20, 33, 40]) {
      const direct = svmLossSync(shifted(W, [[s.a[i]!, s.direction]]), X, y, { reg: 0.05 }).loss;
      expect(s.loss[i]).toBeCloseTo(direct, 9);
    }
    for (let i = 1; i < 40; i++) expect(s.loss[i - 1]! - 2 * s.loss[i]! + s.loss[i + 1]!).toBeGreaterThan(-1e-9);
  });

  it('a 2-D slice equals direct evaluation (SVM and softmax), row-major in (a, b)', async () => {
    for (const loss of ['svm', 'softmax'] as const) {
      const s = await lossSlice2D(W, X, y, { loss, steps: 9, range: [-1.5, 1.5], seed: 7, reg: 0.02 });
      expect(s.loss).toHaveLength(81);
      const f = loss === 'svm' ? svmLossSync : softmaxLossSync;
      for (const [i, j] of [[0, 0], [2, 7], [4, 4], [8, 1]] as const) {
        const Wij = shifted(W, [[s.a[i]!, s.directions[0]], [s.b[j]!, s.directions[1]]]);
        expect(s.loss[i * 9 + j]).toBeCloseTo(f(Wij, X, y, { reg: 0.02 }).loss, 9);
      }
    }
  });

  it('given directions are used as they are; filter normalization matches column norms', async () => {
    const d1 = Matrix.zeros(12, 4, 'float64');
    d1.set(0, 0, 1);
    const s = await lossSlice1D(W, X, y, { direction: d1, steps: 3 });
    expect(s.direction).toBe(d1);
    const f = await lossSlice1D(W, X, y, { normalize: 'filter', steps: 3 });
    for (let c = 0; c < 4; c++) {
      let wn = 0;
      let dn = 0;
      for (let r = 0; r < 12; r++) {
        wn += W.get(r, c) ** 2;
        dn += f.direction.get(r, c) ** 2;
      }
      expect(Math.sqrt(dn)).toBeCloseTo(Math.sqrt(wn), 9);
    }
  });

  it('projects points of the plane back to their coordinates', () => {
    const d1 = Matrix.from(12, 4, Array.from({ length: 48 }, (_, i) => Math.sin(i)), 'float64');
    const d2 = Matrix.from(12, 4, Array.from({ length: 48 }, (_, i) => Math.cos(3 * i)), 'float64');
    const pts = [shifted(W, [[0.3, d1], [-0.2, d2]]), W.clone()];
    const { a, b } = projectTrajectory(W, [d1, d2], pts);
    expect(a[0]).toBeCloseTo(0.3, 12);
    expect(b[0]).toBeCloseTo(-0.2, 12);
    expect(a[1]).toBeCloseTo(0, 12);
    expect(() => projectTrajectory(W, [d1, d1], pts)).toThrow(/parallel/);
  });

  it('gradient noise: larger batches point closer to the full gradient; the full batch is exact', async () => {
    const big = randomProblem(400, 10, 3, { dtype: 'float64', scale: 0.1, seed: 11 });
    const noise = await gradientNoise(big.W, big.X, big.y, { batchSizes: [1, 10, 100, 400], samples: 10, seed: 1 });
    expect(noise.map((n) => n.batchSize)).toEqual([1, 10, 100, 400]);
    for (let i = 1; i < noise.length; i++) expect(noise[i]!.meanCosine).toBeGreaterThan(noise[i - 1]!.meanCosine);
    expect(noise.at(-1)!.meanCosine).toBeCloseTo(1, 12);
  });

  it('validates ranges, steps, directions', async () => {
    await expect(lossSlice1D(W, X, y, { range: [1, 1] })).rejects.toThrow(/range \[1, 1\] is empty/);
    await expect(lossSlice2D(W, X, y, { steps: 1 })).rejects.toThrow(/steps/);
    await expect(lossSlice2D(W, X, y, { directions: [W] as never })).rejects.toThrow(/\[W1, W2\]/);
    await expect(lossSlice1D(W, X, y, { direction: Matrix.zeros(3, 3, 'float64') })).rejects.toThrow(/direction is 3×3 but W is 12×4/);
    await expect(stepSizeSweep(W, X, y, { stepSizes: [] })).rejects.toThrow(/stepSizes is empty/);
    await expect(gradientNoise(W, X, y, { batchSizes: [1000] })).rejects.toThrow(/larger than the 80 rows/);
  });

  it('huge steps and ranges: an overflowing loss is Infinity (a rise), never NaN; a range too wide to split is an error', async () => {
    // 1e300 does not overflow with reg 0 (0·η² used to make it NaN); 1e308 does.
    const sweep = await stepSizeSweep(W, X, y, { stepSizes: [1e300, 1e308] });
    expect(Number.isFinite(sweep[0]!.loss)).toBe(true);
    expect(sweep[0]!.rises).toBe(true);
    expect(sweep[1]!.loss).toBe(Infinity);
    expect(sweep[1]!.change).toBe(Infinity);
    expect(sweep[1]!.rises).toBe(true);
    const withReg = await stepSizeSweep(W, X, y, { stepSizes: [1e300], reg: 0.1 });
    expect(withReg[0]!.loss).toBe(Infinity);
    expect(withReg[0]!.rises).toBe(true);
    const s = await lossSlice1D(W, X, y, { range: [0, 1e308], steps: 3 });
    expect(Number.isFinite(s.loss[0]!)).toBe(true);
    expect(Array.from(s.loss).some(Number.isNaN)).toBe(false);
    expect(s.loss[2]).toBe(Infinity);
    const plane = await lossSlice2D(W, X, y, { range: [-1e308, 0], steps: 2, reg: 0.1 });
    expect(Array.from(plane.loss).some(Number.isNaN)).toBe(false);
    await expect(lossSlice1D(W, X, y, { range: [-1e308, 1e308] })).rejects.toThrow(/lossSlice1D: range \[-1e\+308, 1e\+308\] is too wide: hi − lo overflows/);
  });
});

describe('trajectory directions', () => {
  it('span the path: every point of a planar path projects back exactly', () => {
    const center = Matrix.from(3, 2, [1, 2, 3, 4, 5, 6], 'float64');
    const u = Matrix.from(3, 2, [1, 0, 0, 1, 0, 0], 'float64');
    const v = Matrix.from(3, 2, [0, 1, 1, 0, 0, 1], 'float64');
    const pts = [0, 1, 2, 3, 4].map((t) => shifted(center, [[Math.cos(t), u], [0.3 * t, v]]));
    pts.push(center.clone());
    const [d1, d2] = trajectoryDirections(pts);
    expect(Math.abs(Array.from(d1.data).reduce((s, x, i) => s + x * d2.data[i]!, 0))).toBeLessThan(1e-10);
    const { a, b } = projectTrajectory(center, [d1, d2], pts);
    pts.forEach((p, k) => {
      const back = shifted(center, [[a[k]!, d1], [b[k]!, d2]]);
      for (let i = 0; i < p.size; i++) expect(back.data[i]).toBeCloseTo(p.data[i]!, 9);
    });
  });

  it('a straight path still gets two orthogonal unit directions', () => {
    const W = Matrix.from(2, 2, [0, 0, 0, 0], 'float64');
    const step = Matrix.from(2, 2, [1, 1, 0, 0], 'float64');
    const [d1, d2] = trajectoryDirections([shifted(W, [[2, step]]), shifted(W, [[1, step]]), W]);
    expect(d1.norm()).toBeCloseTo(1, 12);
    expect(d2.norm()).toBeCloseTo(1, 12);
    expect(Math.abs(Array.from(d1.data).reduce((s, x, i) => s + x * d2.data[i]!, 0))).toBeLessThan(1e-12);
    expect(() => trajectoryDirections([W])).toThrow(/at least two/);
  });

  it('weights with a single entry have no second direction: an error, not NaN', () => {
    const pts = [Matrix.from(1, 1, [1], 'float64'), Matrix.from(1, 1, [2], 'float64')];
    expect(() => trajectoryDirections(pts)).toThrow(/trajectoryDirections: the points are 1×1; expected weights with at least 2 entries/);
  });
});
