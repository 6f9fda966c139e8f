// Loss landscapes: a 101×101 slice L(W + a·W1 + b·W2) computed from three score products, against
// re-evaluating the loss from scratch at every point (timed per point in this run, times 10201);
// and the step-size sweep against one loss evaluation per step size.
import { initWeights, loadMnist, lossSlice2D, preprocess, stepSizeSweep, svmLoss, softmaxLoss } from '@svm/core';
import { ms, ratio, table } from '../lib/format.mjs';
import { measure } from '../lib/timing.mjs';

export const description = 'loss landscapes: 101×101 slices vs per-point evaluation; the step-size sweep';

export async function run() {
  // N = 10000: every embedded digit, mean-subtracted, bias column appended.
  const mnist = await loadMnist();
  const { train: XX } = preprocess(mnist.X);
  const y = mnist.y;
  const W = initWeights(XX.cols, 10, { seed: 1, scale: 0.01 });
  const out = [];
  for (const [kind, loss] of [['svm', svmLoss], ['softmax', softmaxLoss]]) {
    const grid = await measure(() => lossSlice2D(W, XX, y, { steps: 101, loss: kind, reg: 1e-4 }), { runs: 3 });
    const point = await measure(() => loss(W, XX, y, { reg: 1e-4 }), { runs: 15 });
    const naive = point.median * 101 * 101;
    out.push([`${kind}: 101×101 grid`, ms(grid.median), ms(naive), ratio(naive, grid.median), '≥ 20×, well under 1 s']);
  }
  const sweep = await measure(() => stepSizeSweep(W, XX, y, { reg: 1e-4 }), { runs: 5 });
  const one = await measure(() => svmLoss(W, XX, y, { reg: 1e-4 }), { runs: 15 });
  out.push(['step-size sweep, 10 step sizes', ms(sweep.median), ms(one.median * 11), ratio(one.median * 11, sweep.median), '']);
  return [
    `## Loss landscapes (N=${XX.rows}, D=${XX.cols}, C=10, median ms)\n`,
    table(['computation', 'ours', 'one evaluation per point', 'speed-up', 'target'], out),
    '',
  ].join('\n');
}
