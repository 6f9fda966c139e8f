/**
 * Training steps with a numerical gradient: centered finite differences of the batch loss over
 * every weight, 2·D·C loss evaluations a step (plus one for the loss itself). Slow by nature —
 * that cost is the lecture's point — and run on whichever backend is active.
 */
import { runSteps, type GradientFn } from '../backend/reference-optim.js';
import { STATS_LENGTH, Stat, type Backend, type ChunkResult, type TrainJob } from '../backend/types.js';
import { checkResolution } from '../gradient.js';

function numericalGradient(fn: string, backend: Backend, h: number): GradientFn {
  const probe = new Float64Array(STATS_LENGTH);
  return (p, grad, stats) => {
    // W grows as it trains: a float32 step that resolved at the start may not any more.
    checkResolution(fn, p.W, h, ', as training has taken it');
    backend.lossGrad(p, null, stats); // the step's record: loss and statistics at W
    const w = p.W.data;
    for (let k = 0; k < w.length; k++) {
      const old = w[k]!;
      w[k] = old + h;
      backend.lossGrad(p, null, probe);
      const fp = probe[Stat.Loss]!;
      w[k] = old - h;
      backend.lossGrad(p, null, probe);
      w[k] = old;
      grad[k] = (fp - probe[Stat.Loss]!) / (2 * h);
    }
  };
}

export function numericalChunk(
  fn: string,
  backend: Backend,
  job: TrainJob,
  h: number,
  stepStart: number,
  maxSteps: number,
  maxMillis: number,
  out: Float64Array,
): ChunkResult {
  return runSteps(numericalGradient(fn, backend, h), job, stepStart, maxSteps, maxMillis, out);
}
