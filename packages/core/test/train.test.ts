import { describe, expect, it } from 'vitest';
import { initWeights, Matrix, Rng, startTraining, svmLossSync, train, useBackend, type TrainProgress } from '../src/index.js';
import { forEachBackend, randomProblem } from './helpers.js';

/** Two Gaussian clouds per class far apart: linearly separable with a wide margin (bias column included). */
function separable(n: number, classes: number, seed = 1) {
  const rng = new Rng(seed);
  const X = Matrix.zeros(n, 3, 'float32');
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    const angle = (2 * Math.PI * c) / classes;
    X.set(i, 0, 5 * Math.cos(angle) + 0.3 * rng.normal());
    X.set(i, 1, 5 * Math.sin(angle) + 0.3 * rng.normal());
    X.set(i, 2, 1);
    y[i] = c;
  }
  return { X, y };
}

forEachBackend('train', (backend) => {
  it('reaches 100% training accuracy on well-separated data', async () => {
    const { X, y } = separable(300, 4);
    const r = await train(X, y, { learningRate: 0.05, reg: 1e-4, batchSize: 32, iterations: 300, seed: 3 });
    expect(r.stopped).toBe('done');
    expect(r.evaluations.at(-1)!.trainAccuracy).toBe(1);
    expect(r.loss).toBeLessThan(r.initialLoss);
  });

  it('is reproducible: same seed and options give an identical history; another seed does not', async () => {
    const { X, W, y } = randomProblem(120, 10, 3, { dtype: 'float32' });
    const opts = { learningRate: 1e-2, reg: 1e-3, batchSize: 16, iterations: 40, seed: 9, optimizer: 'adam' as const };
    const a = await train(X, y, opts);
    const b = await train(X, y, opts);
    const c = await train(X, y, { ...opts, seed: 10 });
    expect(a.history).toEqual(b.history);
    expect(Array.from(a.W.data)).toEqual(Array.from(b.W.data));
    expect(c.history.map((h) => h.loss)).not.toEqual(a.history.map((h) => h.loss));
    void W;
  });

  it('full batch is vanilla gradient descent: W ← W − lr·∇L(W)', async () => {
    const { X, W, y } = randomProblem(25, 4, 3, { dtype: 'float64', scale: 0.1 });
    const r = await train(X, y, { W0: W, batchSize: 'full', learningRate: 0.1, reg: 0.01, iterations: 3, optimizer: 'sgd' });
    const w = W.clone();
    for (let i = 0; i < 3; i++) {
      const { loss, grad } = svmLossSync(w, X, y, { reg: 0.01 });
      expect(r.history[i]!.loss).toBeCloseTo(loss, 10);
      for (let k = 0; k < w.size; k++) w.data[k] = w.data[k]! - 0.1 * grad.data[k]!;
    }
    for (let k = 0; k < w.size; k++) expect(r.W.data[k]).toBeCloseTo(w.data[k]!, 10);
    expect(Array.from(W.data)).not.toEqual(Array.from(r.W.data)); // W0 is not modified
  });

  it('every update rule lowers the loss; SGD batch size 1 works; sampling without replacement works', async () => {
    const { X, y } = separable(200, 3, 5);
    for (const optimizer of ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'] as const) {
      const lr = optimizer === 'rmsprop' || optimizer === 'adam' ? 1e-2 : 1e-2;
      const r = await train(X, y, { optimizer, learningRate: lr, reg: 1e-3, batchSize: 20, iterations: 60, seed: 1 });
      const first = r.history.slice(0, 5).reduce((s, h) => s + h.loss, 0) / 5;
      const lastFive = r.history.slice(-5).reduce((s, h) => s + h.loss, 0) / 5;
      expect(lastFive, optimizer).toBeLessThan(first);
    }
    const sgd = await train(X, y, { batchSize: 1, learningRate: 1e-2, reg: 0, iterations: 50 });
    expect(sgd.history).toHaveLength(50);
    const noReplace = await train(X, y, { batchSize: 30, replace: false, learningRate: 1e-2, reg: 0, iterations: 20 });
    expect(noReplace.stopped).toBe('done');
  });

  it('schedules set the learning rate of every step', async () => {
    const { X, y } = separable(60, 2);
    const base = { learningRate: 0.1, reg: 0, batchSize: 10, iterations: 9 };
    const step = await train(X, y, { ...base, schedule: { type: 'step', every: 3, gamma: 0.5 } });
    expect(step.history.map((h) => h.learningRate)).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025]);
    const exp = await train(X, y, { ...base, schedule: { type: 'exponential', k: 0.1 } });
    exp.history.forEach((h, t) => expect(h.learningRate).toBeCloseTo(0.1 * Math.exp(-0.1 * t), 12));
    const inv = await train(X, y, { ...base, schedule: { type: 'inverse', k: 0.5 } });
    inv.history.forEach((h, t) => expect(h.learningRate).toBeCloseTo(0.1 / (1 + 0.5 * t), 12));
  });

  it('stops a diverging run and reports the step and learning rate', async () => {
    const { X, y } = randomProblem(100, 20, 3, { dtype: 'float32' });
    const r = await train(X, y, { learningRate: 1e6, reg: 10, batchSize: 20, iterations: 1000, optimizer: 'sgd' });
    expect(r.stopped).toBe('diverged');
    expect(r.diverged!.learningRate).toBe(1e6);
    expect(r.diverged!.step).toBeLessThan(50);
    expect(r.steps).toBeLessThan(1000);
  });

  it('an AbortSignal stops the run cleanly with the W reached', async () => {
    const { X, y } = randomProblem(200, 30, 4, { dtype: 'float32' });
    const ctrl = new AbortController();
    const r = await train(X, y, {
      learningRate: 1e-3,
      reg: 0,
      iterations: 10_000_000,
      progressIntervalMs: 5,
      signal: ctrl.signal,
      onProgress: (e) => e.step > 50 && ctrl.abort(),
    });
    expect(r.stopped).toBe('aborted');
    expect(r.steps).toBeGreaterThan(50);
    expect(r.W.shape).toEqual([30, 4]);
  });

  it('reports progress through the async iterator and the callback alike, with pause/resume', async () => {
    const { X, y } = separable(100, 3);
    const seen: TrainProgress[] = [];
    const run = startTraining(X, y, {
      learningRate: 1e-2,
      reg: 0,
      iterations: 200,
      evalEvery: 50,
      snapshotEvery: 100,
      progressIntervalMs: 1,
      onProgress: (e) => seen.push(e),
    });
    const iterated: TrainProgress[] = [];
    let paused = false;
    for await (const e of run) {
      iterated.push(e);
      if (!paused && e.step >= 20) {
        paused = true;
        run.pause();
        setTimeout(() => run.resume(), 30);
      }
    }
    const r = await run.result;
    expect(iterated).toEqual(seen);
    expect(iterated.at(-1)!.step).toBe(200);
    expect(iterated.flatMap((e) => e.steps).map((s) => s.step)).toEqual(r.history.map((h) => h.step));
    expect(iterated.filter((e) => e.evaluation).map((e) => e.evaluation!.step)).toEqual([50, 100, 150, 200]);
    expect(iterated.filter((e) => e.W).map((e) => e.step)).toEqual([100, 200]);
    expect(r.history).toHaveLength(200);
  });

  it('pause() resolves with the step the run holds at, and neither the step nor W moves until resume()', async () => {
    const { X, y } = separable(100, 3);
    const run = startTraining(X, y, { learningRate: 0.1, reg: 0, batchSize: 10, iterations: 100_000, progressIntervalMs: 1, evalEvery: 0 });
    for await (const e of run) if (e.step >= 50) break;
    const held = await run.pause();
    expect(run.paused).toBe(true);
    expect(held).toBe(run.step);
    const before = await run.snapshot();
    await new Promise((r) => setTimeout(r, 50));
    const after = await run.snapshot();
    expect(after.step).toBe(held);
    expect(Array.from(after.W!.data)).toEqual(Array.from(before.W!.data));
    run.resume();
    await expect.poll(() => run.step, { timeout: 20_000 }).toBeGreaterThan(held);
    run.abort();
    const r = await run.result;
    expect(await run.pause()).toBe(r.history.length); // an ended run: at once, with its last step
  });

  it('exposes the step, the next learning rate and a consistent copy of W while running', async () => {
    const { X, y } = separable(100, 3);
    const run = startTraining(X, y, { learningRate: 0.1, reg: 0, batchSize: 10, iterations: 40, progressIntervalMs: 1, evalEvery: 20, schedule: { type: 'step', every: 20, gamma: 0.5 } });
    const seen: number[] = [];
    for await (const e of run) {
      expect(run.step).toBe(e.step);
      if (e.step === 20) {
        expect(run.learningRate).toBeCloseTo(0.05, 12);
        const W = await run.weights();
        expect(W!.shape).toEqual([3, 3]);
        seen.push(e.step);
      }
    }
    const r = await run.result;
    expect(seen).toEqual([20]);
    expect(Array.from((await run.weights())!.data)).toEqual(Array.from(r.W.data));
  });

  it('copies of W taken while a chunk runs are never torn: they equal W after some whole step', async () => {
    const { X, W, y } = randomProblem(400, 30, 5, { dtype: 'float64', seed: 3 });
    const opts = { W0: W, learningRate: 1e-2, reg: 1e-3, batchSize: 50, iterations: 20000, progressIntervalMs: 2, evalEvery: 0, seed: 5, optimizer: 'momentum' as const };
    const run = startTraining(X, y, opts);
    const snaps: { W: Matrix | undefined; step: number }[] = [];
    const timer = setInterval(() => void run.snapshot().then((s) => snaps.push(s)), 1);
    await run.result;
    clearInterval(timer);
    expect(snaps.length).toBeGreaterThan(3);
    // Replaying the same run to each snapshot's step must give exactly the snapshot; some snapshots
    // must have landed mid-run, or nothing here is checked.
    const midRun = snaps.filter((x) => x.step > 0 && x.step < opts.iterations);
    expect(midRun.length).toBeGreaterThan(0);
    for (const s of midRun.slice(0, 3)) {
      const replay = await train(X, y, { ...opts, iterations: s.step });
      expect(Array.from(s.W!.data)).toEqual(Array.from(replay.W.data));
    }
  });

  it('scaleLearningRate changes the rate of later steps', async () => {
    const { X, y } = separable(60, 2);
    const run = startTraining(X, y, { learningRate: 0.1, reg: 0, batchSize: 10, iterations: 30, progressIntervalMs: 1, evalEvery: 10 });
    let scaled = false;
    for await (const e of run) {
      if (!scaled && e.step >= 10) {
        run.scaleLearningRate(2);
        scaled = true;
      }
    }
    const lrs = (await run.result).history.map((h) => h.learningRate);
    expect(lrs[0]).toBe(0.1);
    expect(lrs.at(-1)).toBeCloseTo(0.2, 12);
  });

  it('early stopping on a validation set keeps the best W', async () => {
    const { X, y } = randomProblem(200, 40, 5, { dtype: 'float32', seed: 4 }); // pure noise: val accuracy won't improve for long
    const val = randomProblem(100, 40, 5, { dtype: 'float32', seed: 5 });
    const r = await train(X, y, {
      learningRate: 1e-2,
      reg: 0,
      iterations: 5000,
      evalEvery: 10,
      patience: 3,
      validation: { X: val.X, y: val.y },
    });
    expect(r.stopped).toBe('early-stopped');
    expect(r.best).toBeDefined();
    expect(r.evaluations.length).toBeGreaterThanOrEqual(4);
  });

  it(`numerical-gradient descent follows the analytic one (and costs 2·D·C + 1 evaluations a step) [${backend}]`, async () => {
    const { X, y } = randomProblem(30, 3, 3, { dtype: 'float64', seed: 2 });
    const opts = { learningRate: 0.05, reg: 0.01, iterations: 5, batchSize: 'full' as const, loss: 'softmax' as const };
    const a = await train(X, y, opts);
    const n = await train(X, y, { ...opts, gradient: 'numerical' });
    for (let i = 0; i < 5; i++) expect(n.history[i]!.loss).toBeCloseTo(a.history[i]!.loss, 8);
    expect(n.history[4]!.evaluations).toBe(5 * (2 * 9 + 1));
    expect(a.history[4]!.evaluations).toBe(5);
  });
});

describe('train across backends', () => {
  it('native and reference sample the same batches (same seed → same trajectory up to rounding)', async () => {
    const { X, y } = randomProblem(80, 6, 3, { dtype: 'float64', seed: 8 });
    const opts = { learningRate: 1e-2, reg: 1e-3, batchSize: 7, replace: false, iterations: 25, seed: 4, optimizer: 'momentum' as const };
    useBackend('native');
    const a = await train(X, y, opts);
    useBackend('reference');
    const b = await train(X, y, opts);
    useBackend('native');
    a.history.forEach((h, i) => expect(h.loss).toBeCloseTo(b.history[i]!.loss, 10));
  });
});

describe('train validates its options', () => {
  const { X, y } = randomProblem(10, 3, 2, { dtype: 'float32' });
  const cases: [object, RegExp][] = [
    [{ iterations: 0 }, /iterations but received 0/],
    [{ iterations: 1.5 }, /iterations/],
    [{ batchSize: 11 }, /batchSize 11 is larger than the 10 rows of X; use batchSize: 'full'/],
    [{ learningRate: 0 }, /> 0 for learningRate but received 0/],
    [{ learningRate: -1 }, /learningRate/],
    [{ optimizer: 'adagrad' }, /expected one of 'sgd', 'momentum', 'nesterov', 'rmsprop', 'adam' for optimizer but received "adagrad"/],
    [{ optimizer: { type: 'adam', momentum: 0.9 } }, /unknown option 'momentum'/],
    [{ schedule: 'cosine' }, /schedule/],
    [{ loss: 'hinge' }, /'svm', 'softmax' for loss/],
    [{ validation: { X: Matrix.zeros(4, 5), y: [0, 1, 0, 1] } }, /validation.X has 5 columns but X has 3/],
    [{ validation: { X: Matrix.zeros(4, 3), y: [0, 1] } }, /validation.y has 2 labels but validation.X has 4 rows/],
    [{ patience: 2 }, /needs validation data/],
    [{ W0: Matrix.zeros(4, 2) }, /W0 is 4×2 but X is 10×3/],
    [{ W0: Matrix.zeros(3, 2, 'float64') }, /same dtype as X \(float32\)/],
    [{ gradient: 'symbolic' }, /gradient/],
    [{ epochs: 3 }, /unknown option 'epochs'/],
    [{ classes: 1e9 }, /W \(one column per class\) would be 3×1000000000 = 3000000000 elements; expected at most 2147483647/],
    [{ signal: {} }, /expected an AbortSignal for signal/],
    [{ optimizer: { type: 'adam', beta1: 1 } }, /< 1 for optimizer.beta1 but received 1/],
    [{ optimizer: { type: 'adam', beta2: 1 } }, /< 1 for optimizer.beta2 but received 1/],
    [{ optimizer: { type: 'rmsprop', decay: 1 } }, /< 1 for optimizer.decay but received 1/],
    [{ optimizer: { type: 'adam', eps: 1e-50 } }, /optimizer.eps 1e-50 rounds to 0 in float32 \(the dtype of X\)/],
    [{ W0: Matrix.zeros(3, 1) }, /W0 has 1 column\(s\); expected at least 2/],
    [{ W0: Matrix.zeros(3, 0) }, /W0 has 0 column\(s\); expected at least 2/],
    [{ validation: { X: Matrix.zeros(0, 3), y: [] } }, /validation.X has no rows/],
    [{ validation: { X: Matrix.zeros(4, 3), y: [0, 1, 0, 1] }, patience: 2, evalEvery: 0 }, /patience \(early stopping\) counts evaluations, but evalEvery is 0/],
    [{ classes: 2, validation: { X: Matrix.zeros(2, 3), y: [0, 5] } }, /validation.y\[1\] to be an integer class index in \[0, 2\) but received 5 \(classes is 2\)/],
  ];
  it('a stray huge label is named, not a failed allocation', async () => {
    const labels = Array.from(y);
    labels[3] = 1e9;
    const message = /y\[3\] = 1000000000 implies 1000000001 classes; expected labels in \[0, classes\) with classes given explicitly for more than 65536/;
    await expect(train(X, labels, { iterations: 1 })).rejects.toThrow(message);
    labels[3] = Number.NaN;
    await expect(train(X, labels, { iterations: 1 })).rejects.toThrow(/y\[3\] to be a non-negative integer class index but received NaN/);
    expect(() => initWeights(1e6, 1e6)).toThrow(/initWeights: W would be 1000000×1000000 = 1000000000000 elements; expected at most 2147483647/);
  });

  for (const [opts, message] of cases) {
    it(JSON.stringify(opts, (_k, v) => (v instanceof Matrix ? String(v) : v)), async () => {
      await expect(train(X, y, opts as never)).rejects.toThrow(message);
      expect(() => startTraining(X, y, opts as never)).toThrow(message);
    });
  }
});
