// Hyper-parameter search on worker threads: 16 trials (4 learning rates × 4 regularization
// strengths) on the embedded MNIST digits. With one worker per core the wall time should be about
// the sum of the trial times divided by the cores; memory should stay a small multiple of the data.
import { availableParallelism } from 'node:os';
import { loadSplits, searchHyperparameters } from '@svm/core';
import { mb, ms, table } from '../lib/format.mjs';

export const description = 'hyper-parameter search: 16 trials on worker threads, wall time vs the sum of trial times; memory';

export async function run() {
  const { train, val } = await loadSplits('mnist', { val: 1000 });
  const dataBytes = train.X.data.byteLength + val.X.data.byteLength;
  const rssBefore = process.memoryUsage().rss;
  const r = await searchHyperparameters(train, val, {
    grid: { learningRate: [1e-3, 1e-2, 1e-1, 1], reg: [1e-5, 1e-4, 1e-3, 1e-2] },
    iterations: 1500,
  });
  const peak = process.resourceUsage().maxRSS * 1024;
  const sum = r.trials.reduce((a, t) => a + t.elapsedMs, 0);
  const cores = availableParallelism();
  const rows = [
    ['trials', r.trials.length, ''],
    ['sum of trial times', ms(sum), ''],
    ['wall time', ms(r.elapsedMs), `sum / wall = ${(sum / r.elapsedMs).toFixed(2)} on ${cores} cores (ideal ${cores})`],
    ['best trial', `lr ${r.best.params.learningRate}, reg ${r.best.params.reg}`, `val accuracy ${r.best.valAccuracy.toFixed(3)}`],
    ['diverged trials', r.trials.filter((t) => t.stopped === 'diverged').length, ''],
    ['data (train + val, float32)', mb(dataBytes), ''],
    ['process peak RSS', mb(peak), `RSS before the search ${mb(rssBefore)}`],
  ];
  return [`## Hyper-parameter search (MNIST 7000/1000, 1500 steps a trial)\n`, table(['figure', 'value', 'note'], rows), ''].join('\n');
}
