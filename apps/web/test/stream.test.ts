// The streaming helpers: the throttle and the progress buffer.
import type { TrainProgress } from '@svm/core';
import { describe, expect, it } from 'vitest';
import { compact, ProgressBuffer, thin } from '../src/server/jobs/progress-buffer.js';
import { Throttle } from '../src/server/stream/throttle.js';
import { sleep } from './helpers.js';

describe('Throttle', () => {
  it('flushes the first poke at once, then at most once per interval', async () => {
    let flushes = 0;
    const t = new Throttle(50, () => flushes++);
    t.poke();
    await sleep(5);
    expect(flushes).toBe(1);
    for (let i = 0; i < 100; i++) t.poke();
    await sleep(20);
    expect(flushes).toBe(1);
    await sleep(60);
    expect(flushes).toBe(2);
    t.poke();
    t.flushNow();
    await sleep(80);
    expect(flushes).toBe(3);
  });
});

describe('ProgressBuffer', () => {
  const event = (from: number, to: number, extra: Partial<TrainProgress> = {}): TrainProgress => ({
    type: 'progress',
    step: to,
    iterations: 5000,
    steps: Array.from({ length: to - from }, (_, i) => ({
      step: from + i,
      loss: 1 / (from + i + 1),
      dataLoss: 0,
      learningRate: 0.1,
      gradNorm: 1,
      violatedShare: 0,
      batchAccuracy: 0.5,
      evaluations: from + i + 1,
    })),
    last: { step: to - 1, loss: 1 / to, dataLoss: 0, learningRate: 0.1, gradNorm: 1, violatedShare: 0, batchAccuracy: 0.5, evaluations: to },
    elapsedMs: 10,
    stepsPerSecond: 100,
    etaMs: 1,
    paused: false,
    ...extra,
  });

  it('merges events between flushes and thins the points, keeping the last', () => {
    const b = new ProgressBuffer();
    expect(b.take(false)).toBeUndefined();
    b.add(event(0, 1000));
    b.add(event(1000, 2000, { evaluation: { step: 2000, trainAccuracy: 0.9, valAccuracy: 0.8 } }));
    const e = b.take(false)!;
    expect(e.step).toBe(2000);
    expect(e.points.length).toBeLessThanOrEqual(301);
    expect(e.points[0]![0]).toBe(0);
    expect(e.points.at(-1)![0]).toBe(1999);
    expect(e.evaluations).toEqual([{ step: 2000, trainAccuracy: 0.9, valAccuracy: 0.8 }]);
    expect(b.take(false)).toBeUndefined();
  });

  it('renders templates only when asked and a new W has arrived', () => {
    const b = new ProgressBuffer();
    const W = { rows: 1 } as never;
    b.add(event(0, 10, { W }));
    expect(b.hasNewWeights).toBe(true);
    const e = b.take(true, () => ({ width: 1, height: 1, channels: 1, classes: ['AA=='] }))!;
    expect(e.templates?.classes).toEqual(['AA==']);
    expect(e.paused).toBe(true);
    expect(b.hasNewWeights).toBe(false);
  });

  it('compact keeps six significant digits; thin leaves short lists alone', () => {
    expect(compact(Math.PI)).toBe(3.14159);
    expect(compact(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(thin([1, 2, 3, 4, 5], 2)).toEqual([1, 4, 5]);
  });
});
