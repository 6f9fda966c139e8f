/** Hand-made states and results for component tests (no training needed). */
import { Matrix } from '@svm/core';
import { LossHistory } from '../src/train/loss-history.js';
import type { TrainSettings, TrainState } from '../src/train/types.js';

export const settings: TrainSettings = {
  data: { dataset: 'mnist', seed: 0 },
  val: 0.1,
  loss: 'svm',
  optimizer: 'sgd',
  learningRate: 0.03,
  schedule: 'constant',
  reg: 1e-4,
  batchSize: 200,
  steps: 2000,
  evalEvery: 200,
  snapshots: true,
};

/** A 785×10 W whose class c template is a bright square at a class-dependent place. */
export function squaresW(): Matrix {
  const D = 28 * 28 + 1;
  const W = Matrix.zeros(D, 10);
  for (let c = 0; c < 10; c++) {
    for (let y = 4 + c; y < 12 + c; y++) for (let x = 6; x < 14; x++) W.data[(y * 28 + x) * 10 + c] = 1;
    W.data[5 * 10 + c] = -1;
  }
  return W;
}

export function trainState(over: Partial<TrainState> = {}): TrainState {
  const losses = new LossHistory();
  for (let i = 0; i < 800; i++) losses.push(9 * Math.exp(-i / 50) + 0.3);
  return {
    phase: 'training',
    settings,
    header: {
      dataset: 'mnist',
      shapes: '7200×784 train, 800 val, 2000 test, 10 classes',
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      imageShape: [28, 28],
      backend: { backend: 'native', threads: 1 },
    },
    step: 800,
    iterations: 2000,
    elapsedMs: 400,
    stepsPerSecond: 2000,
    etaMs: 600,
    paused: false,
    lrScale: 1,
    losses,
    last: { step: 799, loss: 0.3125, dataLoss: 0.31, learningRate: 0.03, gradNorm: 0.5, violatedShare: 0.04, batchAccuracy: 0.93, evaluations: 800 },
    lastEvaluation: { step: 800, trainAccuracy: 0.931, valAccuracy: 0.884 },
    weights: { W: squaresW(), step: 800 },
    log: [
      { kind: 'checkpoint', id: 0, step: 200, iterations: 2000, loss: 0.52, learningRate: 0.03, evaluation: { step: 200, trainAccuracy: 0.91, valAccuracy: 0.87 }, elapsedMs: 100 },
      { kind: 'note', id: 1, text: 'saved step 400 to model.json' },
    ],
    ...over,
  };
}
