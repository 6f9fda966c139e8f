/**
 * The project's main job on the embedded MNIST digits: preprocess (mean image, bias trick), check
 * the SVM gradient, run full-batch gradient descent, report loss and test accuracy.
 * Run with `npm start` at the repository root.
 */
import {
  appendBias,
  backendName,
  gradCheck,
  loadMnist,
  lossFunction,
  Matrix,
  meanImage,
  Rng,
  subtractMean,
  svmLoss,
  threads,
} from '../index.js';

const STEPS = Number(process.env.SVM_MAIN_STEPS ?? 300);
const LEARNING_RATE = 0.5;
const REG = 1e-3;

function accuracyOf(W: Matrix, X: Matrix, y: Int32Array): number {
  const C = W.cols;
  let correct = 0;
  for (let i = 0; i < X.rows; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let d = 0; d < X.cols; d++) s += X.data[i * X.cols + d]! * W.data[d * C + c]!;
      if (s > bestScore) (bestScore = s), (best = c);
    }
    if (best === y[i]) correct++;
  }
  return correct / X.rows;
}

async function main(): Promise<void> {
  const started = performance.now();
  const data = await loadMnist();
  const nTrain = 8000;
  const trainIdx = Array.from({ length: nTrain }, (_, i) => i);
  const testIdx = Array.from({ length: data.X.rows - nTrain }, (_, i) => nTrain + i);
  const rawTrain = data.X.takeRows(trainIdx);
  const mean = meanImage(rawTrain);
  const Xtr = appendBias(subtractMean(rawTrain, mean));
  const Xte = appendBias(subtractMean(data.X.takeRows(testIdx), mean));
  const ytr = Int32Array.from(trainIdx, (i) => data.y[i]!);
  const yte = Int32Array.from(testIdx, (i) => data.y[i]!);
  console.log(`${data.name}: train ${Xtr.rows}×${Xtr.cols}, test ${Xte.rows}×${Xte.cols} (mean image subtracted, bias column appended)`);
  console.log(`backend: ${backendName()}, ${threads()} thread(s)`);

  const W = Matrix.zeros(Xtr.cols, 10);
  new Rng(0).fillNormal(W.data, 0.001);

  const dev = Xtr.takeRows(trainIdx.slice(0, 500));
  const check = await gradCheck(lossFunction('svm', dev, ytr.slice(0, 500), { reg: REG }), W, { samples: 10 });
  const kinks = check.checks.filter((c) => c.nearKink).length;
  console.log(
    `gradient check (float64, 10 coordinates, h=1e-5): max relative error ${check.maxRelError.toExponential(2)}` +
      ` (${check.maxRelErrorAwayFromKinks.toExponential(2)} away from ${kinks} kink(s))`,
  );

  const t0 = performance.now();
  let last = 0;
  for (let step = 1; step <= STEPS; step++) {
    const { loss, grad } = await svmLoss(W, Xtr, ytr, { reg: REG });
    for (let i = 0; i < W.size; i++) W.data[i] = W.data[i]! - LEARNING_RATE * grad.data[i]!;
    last = loss;
    if (step === 1 || step % 50 === 0) console.log(`step ${String(step).padStart(4)}  loss ${loss.toFixed(4)}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${STEPS} full-batch gradient-descent steps in ${seconds.toFixed(2)} s (${(STEPS / seconds).toFixed(0)} steps/s), final loss ${last.toFixed(4)}`);
  console.log(`train accuracy ${(100 * accuracyOf(W, Xtr, ytr)).toFixed(1)}%, test accuracy ${(100 * accuracyOf(W, Xte, yte)).toFixed(1)}%`);
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
