import { describe, expect, it } from 'vitest';
import {
  gradCheck,
  lossFunction,
  Matrix,
  numericalGradient,
  readRelativeError,
  relativeError,
  svmLossSync,
  softmaxLossSync,
} from '../src/index.js';
import { forEachBackend, maxRelDiff, randomProblem } from './helpers.js';

forEachBackend('numerical gradients and the gradient check', () => {
  it('centered differences match the analytic softmax gradient on every weight', async () => {
    const { X, W, y } = randomProblem(12, 5, 3, { scale: 0.5 });
    const f = lossFunction('softmax', X, y, { reg: 0.3 });
    const numeric = await numericalGradient(f, W);
    expect(maxRelDiff(numeric.data, f(W).grad.data)).toBeLessThan(1e-8);
  });

  it('forward differences are less accurate than centered ones (O(h) vs O(h²))', async () => {
    const { X, W, y } = randomProblem(12, 5, 3, { scale: 0.5 });
    const f = lossFunction('softmax', X, y, { reg: 0.3 });
    const exact = f(W).grad.data;
    const fwd = maxRelDiff((await numericalGradient(f, W, { scheme: 'forward', h: 1e-4 })).data, exact);
    const ctr = maxRelDiff((await numericalGradient(f, W, { scheme: 'centered', h: 1e-4 })).data, exact);
    expect(fwd).toBeGreaterThan(10 * ctr);
    expect(fwd).toBeLessThan(1e-2);
  });

  it('does not modify W and reports progress', async () => {
    const { X, W, y } = randomProblem(5, 3, 2);
    const before = Array.from(W.data);
    const seen: number[] = [];
    await numericalGradient((w) => svmLossSync(w, X, y), W, { onProgress: (done) => seen.push(done) });
    expect(Array.from(W.data)).toEqual(before);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('stops when its signal aborts', async () => {
    const { X, W, y } = randomProblem(5, 3, 2);
    const ctrl = new AbortController();
    const p = numericalGradient((w) => svmLossSync(w, X, y), W, {
      onProgress: (done) => done === 2 && ctrl.abort(new Error('enough')),
      signal: ctrl.signal,
    });
    await expect(p).rejects.toThrow('enough');
  });

  it('SVM and softmax analytic gradients pass a float64 check (< 1e-7 away from kinks)', async () => {
    for (const [N, D, C] of [
      [1, 1, 2],
      [20, 7, 3],
      [60, 30, 10],
    ] as const) {
      for (const kind of ['svm', 'softmax'] as const) {
        const { X, W, y } = randomProblem(N, D, C, { scale: 0.3, seed: N + D });
        const report = await gradCheck(lossFunction(kind, X, y, { reg: 0.05 }), W, { samples: 25, seed: 3 });
        expect(report.dtype).toBe('float64');
        expect(report.maxRelErrorAwayFromKinks).toBeLessThan(1e-7);
        if (kind === 'softmax') expect(report.checks.some((c) => c.nearKink)).toBe(false);
        for (const c of report.checks) if (!c.nearKink) expect(c.verdict).toBe('right');
      }
    }
  });

  it('flags a coordinate whose finite difference straddles a hinge kink', async () => {
    // One example, two classes: margin = (w01 − w00)·x + Δ. Put it at exactly 0 → a kink at W.
    const X = Matrix.from(1, 1, [1], 'float64');
    const W = Matrix.from(1, 2, [0.5, -0.5], 'float64'); // s = (0.5, −0.5), y = 0: margin −0.5 − 0.5 + 1 = 0
    const report = await gradCheck(lossFunction('svm', X, [0]), W, { samples: 2 });
    expect(report.checks).toHaveLength(2);
    for (const c of report.checks) {
      expect(c.nearKink).toBe(true);
      expect(c.relError).toBeGreaterThan(0.1); // analytic says 0 (kink counts as satisfied), numeric ±0.5
      expect(c.verdict).toBe('wrong'); // a kink excuses up to 1e-2, not this
    }
    expect(report.maxRelErrorAwayFromKinks).toBe(0);
  });

  it('float32 checks show a far larger error than float64 for the same correct gradient', async () => {
    const { X, W, y } = randomProblem(50, 20, 5, { scale: 0.3, seed: 9 });
    const f = lossFunction('softmax', X, y, { reg: 0.1 });
    const r64 = await gradCheck(f, W, { samples: 15, dtype: 'float64' });
    const r32 = await gradCheck(f, W, { samples: 15, dtype: 'float32' });
    expect(r32.dtype).toBe('float32');
    expect(r32.maxRelError).toBeGreaterThan(1000 * r64.maxRelError);
    expect(r32.maxRelError).toBeGreaterThan(1e-4);
  });

  it('an h sweep shows truncation error for large h and rounding error for tiny h', async () => {
    const { X, W, y } = randomProblem(30, 10, 4, { scale: 0.3, seed: 2 });
    const report = await gradCheck(lossFunction('softmax', X, y), W, { samples: 8, hSweep: true });
    const sweep = report.sweep!;
    expect(sweep.map((s) => s.h)).toEqual([1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10]);
    const best = Math.min(...sweep.map((s) => s.medianRelError));
    expect(sweep[0]!.medianRelError).toBeGreaterThan(100 * best);
    expect(sweep[sweep.length - 1]!.medianRelError).toBeGreaterThan(100 * best);
  });

  it('catches a wrong gradient', async () => {
    const { X, W, y } = randomProblem(20, 6, 3, { scale: 0.3 });
    const wrong = (w: Matrix) => {
      const r = softmaxLossSync(w, X, y);
      r.grad.data[0] = r.grad.data[0]! * 1.5 + 0.1;
      return r;
    };
    const report = await gradCheck(wrong, W, { samples: W.size });
    expect(report.maxRelError).toBeGreaterThan(1e-2);
    const first = report.checks.find((c) => c.row === 0 && c.col === 0)!;
    expect(first.relError).toBeGreaterThan(1e-2);
    expect(first.verdict).toBe('wrong');
    expect(report.checks.filter((c) => c.verdict === 'wrong')).toEqual([first]);
  });

  it('checks a sampled subset, reproducibly for a seed', async () => {
    const { X, W, y } = randomProblem(10, 8, 4);
    const f = lossFunction('svm', X, y);
    const a = await gradCheck(f, W, { samples: 5, seed: 11 });
    const b = await gradCheck(f, W, { samples: 5, seed: 11 });
    expect(a.checks.map((c) => [c.row, c.col])).toEqual(b.checks.map((c) => [c.row, c.col]));
    expect(new Set(a.checks.map((c) => c.row * 4 + c.col)).size).toBe(5);
  });
});

describe('readRelativeError', () => {
  it("reads CS231n's rules of thumb, with the kink and near-zero allowances", () => {
    expect(readRelativeError(0)).toBe('right');
    expect(readRelativeError(9.9e-8)).toBe('right');
    expect(readRelativeError(1e-7)).toBe('suspicious');
    expect(readRelativeError(9.9e-5)).toBe('suspicious');
    expect(readRelativeError(1e-4)).toBe('wrong');
    expect(readRelativeError(1e-4, { nearKink: true })).toBe('suspicious');
    expect(readRelativeError(9.9e-3, { nearKink: true })).toBe('suspicious');
    expect(readRelativeError(1e-2, { nearKink: true })).toBe('wrong');
    // A near-zero gradient: the loss's own rounding over 2h is ~1e-6 relative.
    expect(readRelativeError(5e-6, { analytic: 3e-5 })).toBe('right');
    expect(readRelativeError(5e-6, { analytic: -3e-5 })).toBe('right');
    expect(readRelativeError(5e-6, { analytic: 0.3 })).toBe('suspicious');
    expect(readRelativeError(2e-5, { analytic: 3e-5 })).toBe('suspicious');
    expect(readRelativeError(Number.NaN)).toBe('wrong');
    expect(() => readRelativeError('1e-9' as never)).toThrow(TypeError);
    expect(readRelativeError(1e-9, null as never)).toBe('right');
    expect(() => readRelativeError(1e-3, { nearkink: true } as never)).toThrow(/unknown option 'nearkink'/);
    expect(() => readRelativeError(1e-3, { nearKink: 'yes' } as never)).toThrow(TypeError);
    expect(() => readRelativeError(1e-3, { analytic: '0.1' } as never)).toThrow(TypeError);
  });
});

describe('relativeError', () => {
  it('is symmetric, 0 for equal values and 1 for opposite signs', () => {
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(2, 1)).toBe(0.5);
    expect(relativeError(1, 2)).toBe(0.5);
    expect(relativeError(1, -1)).toBe(2);
  });
});

describe('rounding error estimate', () => {
  it('explains a large relative error at a tiny gradient: the difference is within the estimate', async () => {
    // A loss of ~10 with one weight whose gradient is ~1e-7: its finite difference is all rounding.
    const f = (w: Matrix) => {
      const v = w.data[0]!;
      const g = Matrix.zeros(1, 1, 'float64');
      g.data[0] = 1e-7;
      return { loss: 10 + 1e-7 * v, grad: g };
    };
    const r = await gradCheck(f, Matrix.from(1, 1, [0.3], 'float64'), { samples: 1 });
    const c = r.checks[0]!;
    expect(c.roundingError).toBeGreaterThan(1e-11);
    expect(Math.abs(c.analytic - c.numeric)).toBeLessThan(4 * c.roundingError);
  });
});

describe('an exactly zero gradient', () => {
  it('reads right against a finite difference of rounding noise, wrong against a real slope', async () => {
    // A loss of 1e6 whose only change over ±h is one ulp: the finite difference is pure rounding.
    const flat = Object.assign((w: Matrix) => ({ loss: 1e6 + (w.data[0]! > 0.3 ? 1e-10 : 0), grad: Matrix.zeros(1, 1, 'float64') }), { smooth: true });
    const c = (await gradCheck(flat, Matrix.from(1, 1, [0.3], 'float64'), { samples: 1 })).checks[0]!;
    expect(c.numeric).not.toBe(0);
    expect(c.relError).toBe(1);
    expect(c.verdict).toBe('right');
    // A zero analytic gradient where the loss really moves is still wrong.
    const sloped = Object.assign((w: Matrix) => ({ loss: 1 + w.data[0]!, grad: Matrix.zeros(1, 1, 'float64') }), { smooth: true });
    expect((await gradCheck(sloped, Matrix.from(1, 1, [0.3], 'float64'), { samples: 1 })).checks[0]!.verdict).toBe('wrong');
  });
});

describe('long checks keep the event loop turning', () => {
  // A loss that finishes on the calling thread (as small native and all reference losses do) and
  // takes 2 ms: awaiting it alone would never let a timer, a request or an abort in.
  const busy = (W: Matrix) => {
    const until = performance.now() + 2;
    while (performance.now() < until);
    let loss = 0;
    for (const v of W.data) loss += v * v;
    return Promise.resolve({ loss, grad: W.clone() });
  };

  it('gradCheck and numericalGradient let other callbacks run, and an abort from a timer stops the latter', async () => {
    const W = Matrix.from(4, 5, Array.from({ length: 20 }, (_, i) => i / 10), 'float64');
    let ticks = 0;
    const tick = setInterval(() => ticks++, 1);
    try {
      await gradCheck(busy, W, { samples: 20 }); // 41 calls, ~80 ms
      expect(ticks).toBeGreaterThan(0);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('stopped by a timer')), 10);
      await expect(numericalGradient(busy, Matrix.from(40, 10, new Array(400).fill(0), 'float64'), { signal: controller.signal })).rejects.toThrow(
        'stopped by a timer',
      );
    } finally {
      clearInterval(tick);
    }
  });
});
