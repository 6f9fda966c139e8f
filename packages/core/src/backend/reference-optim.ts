/**
 * The reference backend's training loop, loss grid and candidate losses: the native layer's
 * algorithms (kernels/train_loop.cc, kernels/loss_grid.cc) as plain TypeScript, drawing from the
 * same generator in the same order, so both backends sample the same mini-batches.
 */
import type { FloatArray } from '../matrix.js';
import { Rng } from '../util/rng.js';
import { STEP_RECORD, STATS_LENGTH, Stat, type ChunkResult, type LossKind, type LossProblem, type TrainConfig, type TrainJob } from './types.js';


export function learningRateAt(c: TrainConfig, t: number): number {
  switch (c.schedule) {
    case 1:
      return c.learningRate * Math.pow(c.scheduleGamma, Math.floor(t / c.scheduleEvery));
    case 2:
      return c.learningRate * Math.exp(-c.scheduleK * t);
    case 3:
      return c.learningRate / (1 + c.scheduleK * t);
    default:
      return c.learningRate;
  }
}

export function applyUpdate(c: TrainConfig, lr: number, t: number, w: FloatArray, g: FloatArray, s1: FloatArray | null, s2: FloatArray | null): void {
  const n = w.length;
  switch (c.rule) {
    case 0:
      for (let i = 0; i < n; i++) w[i] = w[i]! - lr * g[i]!;
      break;
    case 1:
      for (let i = 0; i < n; i++) {
        s1![i] = c.momentum * s1![i]! - lr * g[i]!;
        w[i] = w[i]! + s1![i]!;
      }
      break;
    case 2:
      for (let i = 0; i < n; i++) {
        const prev = s1![i]!;
        s1![i] = c.momentum * prev - lr * g[i]!;
        w[i] = w[i]! - c.momentum * prev + (1 + c.momentum) * s1![i]!;
      }
      break;
    case 3:
      for (let i = 0; i < n; i++) {
        s1![i] = c.decay * s1![i]! + (1 - c.decay) * g[i]! * g[i]!;
        w[i] = w[i]! - (lr * g[i]!) / (Math.sqrt(s1![i]!) + c.eps);
      }
      break;
    case 4: {
      const c1 = 1 / (1 - Math.pow(c.beta1, t + 1));
      const c2 = 1 / (1 - Math.pow(c.beta2, t + 1));
      for (let i = 0; i < n; i++) {
        s1![i] = c.beta1 * s1![i]! + (1 - c.beta1) * g[i]!;
        s2![i] = c.beta2 * s2![i]! + (1 - c.beta2) * g[i]! * g[i]!;
        w[i] = w[i]! - (lr * (s1![i]! * c1)) / (Math.sqrt(s2![i]! * c2) + c.eps);
      }
      break;
    }
  }
}

export function sampleBatch(job: TrainJob, rng: Rng, batch: Int32Array): void {
  const N = job.X.rows;
  const B = batch.length;
  if (job.config.replace) {
    for (let i = 0; i < B; i++) batch[i] = rng.int(N);
    return;
  }
  const perm = job.perm!;
  if (job.cursor[0]! + B > N) {
    rng.shuffleIdentity(perm);
    job.cursor[0] = 0;
  }
  batch.set(perm.subarray(job.cursor[0]!, job.cursor[0]! + B));
  job.cursor[0] = job.cursor[0]! + B;
}

/** Computes the loss statistics at the problem's W and its gradient into grad. */
export type GradientFn = (p: LossProblem, grad: FloatArray, stats: Float64Array) => void;

/**
 * The training loop shared by the reference backend (analytic gradient) and numerical-gradient
 * descent: sample a batch, evaluate, record, stop on divergence, update — until maxSteps or
 * maxMillis.
 */
export function runSteps(gradientAt: GradientFn, job: TrainJob, stepStart: number, maxSteps: number, maxMillis: number, out: Float64Array): ChunkResult {
  const { config: c, X, W } = job;
  const full = c.batchSize === 0 || c.batchSize === X.rows;
  const batch = full ? null : new Int32Array(c.batchSize);
  const grad = W.dtype === 'float64' ? new Float64Array(W.size) : new Float32Array(W.size);
  const stats = new Float64Array(STATS_LENGTH);
  const rng = Rng.fromState(job.rngState);
  const problem: LossProblem = { kind: c.kind === 1 ? 'softmax' : 'svm', X, y: job.y, W, batch, reg: c.reg, delta: c.delta };
  const started = performance.now();
  const result: ChunkResult = { steps: 0, diverged: false };
  try {
    for (let i = 0; i < maxSteps; i++) {
      const t = stepStart + i;
      if (batch) sampleBatch(job, rng, batch);
      gradientAt(problem, grad, stats);
      let sq = 0;
      for (let k = 0; k < grad.length; k++) sq += grad[k]! * grad[k]!;
      const lr = learningRateAt(c, t);
      const o = i * STEP_RECORD;
      out[o] = stats[Stat.Loss]!;
      out[o + 1] = lr;
      out[o + 2] = Math.sqrt(sq);
      out[o + 3] = stats[Stat.ViolatedShare]!;
      out[o + 4] = stats[Stat.Accuracy]!;
      out[o + 5] = stats[Stat.DataLoss]!;
      result.steps = i + 1;
      if (!Number.isFinite(stats[Stat.Loss]!) || !Number.isFinite(sq) || stats[Stat.Loss]! > c.divergeAbove) {
        result.diverged = true;
        break;
      }
      applyUpdate(c, lr, t, W.data, grad, job.s1, job.s2);
      if (performance.now() - started >= maxMillis) break;
    }
  } finally {
    rng.saveState(job.rngState);
  }
  return result;
}

export function lossGrid(
  kind: LossKind,
  delta: number,
  S0: FloatArray,
  S1: FloatArray,
  S2: FloatArray | null,
  N: number,
  C: number,
  y: Int32Array,
  a: Float64Array,
  b: Float64Array | null,
  out: Float64Array,
): void {
  const bs = S2 && b ? b : Float64Array.of(0);
  const nb = bs.length;
  const base = new Float64Array(C);
  const slope = new Float64Array(C);
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < nb; j++) {
      let total = 0;
      for (let r = 0; r < N; r++) {
        const o = r * C;
        for (let c = 0; c < C; c++) {
          base[c] = S0[o + c]! + a[i]! * S1[o + c]!;
          slope[c] = S2 ? S2[o + c]! : 0;
        }
        const yr = y[r]!;
        const s = (c: number) => base[c]! + slope[c]! * bs[j]!;
        if (kind === 'svm') {
          for (let c = 0; c < C; c++) if (c !== yr) total += Math.max(0, s(c) - s(yr) + delta);
        } else {
          let m = -Infinity;
          for (let c = 0; c < C; c++) m = Math.max(m, s(c));
          let sum = 0;
          for (let c = 0; c < C; c++) sum += Math.exp(s(c) - m);
          total += Math.log(sum) + m - s(yr);
        }
      }
      out[i * nb + j] = total / N;
    }
  }
}

export function candidateLosses(kind: LossKind, delta: number, S: FloatArray, N: number, K: number, C: number, y: Int32Array, out: Float64Array): void {
  for (let k = 0; k < K; k++) {
    let loss = 0;
    let correct = 0;
    for (let r = 0; r < N; r++) {
      const o = r * K * C + k * C;
      const yr = y[r]!;
      // A NaN/Inf score (an overflowed candidate) makes the loss NaN, as in the native kernel: s − s is
      // 0 for a finite score and NaN otherwise (NaN !== 0).
      let poison = 0;
      for (let c = 0; c < C; c++) poison += S[o + c]! - S[o + c]!;
      if (poison !== 0) {
        loss = NaN;
        continue;
      }
      let best = 0;
      for (let c = 1; c < C; c++) if (S[o + c]! > S[o + best]!) best = c;
      if (best === yr) correct++;
      if (kind === 'svm') {
        for (let c = 0; c < C; c++) if (c !== yr) loss += Math.max(0, S[o + c]! - S[o + yr]! + delta);
      } else {
        const m = S[o + best]!;
        let sum = 0;
        for (let c = 0; c < C; c++) sum += Math.exp(S[o + c]! - m);
        loss += Math.log(sum) + m - S[o + yr]!;
      }
    }
    out[2 * k] = loss / N;
    out[2 * k + 1] = correct / N;
  }
}
