/**
 * Training steps with a numerical gradient: centered finite differences of the batch loss over
 * every weight, 2·D·C loss evaluations a step (plus one for the loss itself). Slow by nature —
 * that cost is the lecture's point — and run on whichever backend is active.
 */
import type { FloatArray } from '../matrix.js';
import { Rng } from '../util/rng.js';
import { applyUpdate, learningRateAt, sampleBatch } from '../backend/reference-optim.js';
import { STATS_LENGTH, STEP_RECORD, Stat, type Backend, type ChunkResult, type LossProblem, type TrainJob } from '../backend/types.js';

export function numericalChunk(
  backend: Backend,
  job: TrainJob,
  h: number,
  stepStart: number,
  maxSteps: number,
  maxMillis: number,
  out: Float64Array,
): ChunkResult {
  const { config: c, X, W } = job;
  const full = c.batchSize === 0 || c.batchSize === X.rows;
  const batch = full ? null : new Int32Array(c.batchSize);
  const rng = Rng.fromState(job.rngState);
  const stats = new Float64Array(STATS_LENGTH);
  const grad: FloatArray = W.dtype === 'float64' ? new Float64Array(W.size) : new Float32Array(W.size);
  const problem: LossProblem = { kind: c.kind === 1 ? 'softmax' : 'svm', X, y: job.y, W, batch, reg: c.reg, delta: c.delta };
  const lossAt = () => {
    backend.lossGrad(problem, null, stats);
    return stats[Stat.Loss]!;
  };
  const started = performance.now();
  const result: ChunkResult = { steps: 0, diverged: false };
  try {
    for (let i = 0; i < maxSteps; i++) {
      const t = stepStart + i;
      if (batch) sampleBatch(job, rng, batch);
      const f0 = lossAt();
      const record = Float64Array.from(stats);
      let sq = 0;
      for (let k = 0; k < W.size; k++) {
        const old = W.data[k]!;
        W.data[k] = old + h;
        const fp = lossAt();
        W.data[k] = old - h;
        const fm = lossAt();
        W.data[k] = old;
        grad[k] = (fp - fm) / (2 * h);
        sq += grad[k]! * grad[k]!;
      }
      const lr = learningRateAt(c, t);
      const o = i * STEP_RECORD;
      out[o] = f0;
      out[o + 1] = lr;
      out[o + 2] = Math.sqrt(sq);
      out[o + 3] = record[Stat.ViolatedShare]!;
      out[o + 4] = record[Stat.Accuracy]!;
      out[o + 5] = record[Stat.DataLoss]!;
      result.steps = i + 1;
      if (!Number.isFinite(f0) || !Number.isFinite(sq) || f0 > c.divergeAbove) {
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
