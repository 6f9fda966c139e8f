import type { Matrix } from '../matrix.js';
import type { Labels } from '../loss/problem.js';
import type { TrainResult } from './events.js';
import { normalizeTrain, type TrainOptions } from './train-options.js';
import { TrainingRun } from './training-run.js';

/**
 * Starts minimizing the loss by following the gradient and returns the running
 * {@link TrainingRun} (iterate it for progress; await `run.result`). `batchSize` N (or 'full') is
 * vanilla full-batch gradient descent, a smaller size samples a mini-batch each step, 1 is SGD.
 * The loop runs in native code, many steps per call, off the JS thread.
 * @param X training data, N×D (bias column included if you use the bias trick)
 * @param y N labels in [0, C)
 * @param opts see {@link TrainOptions}; every option has a default (CS231n's values for raw pixels)
 * @returns the running {@link TrainingRun}; `run.result` resolves to a {@link TrainResult}
 * @throws TypeError/RangeError (synchronously) for bad options: non-positive iterations, a batch
 *   larger than N, lr ≤ 0, unknown optimizer or schedule names, validation data of another shape,
 *   patience without validation data, an unknown option
 * @example
 * const run = startTraining(X, y, { ...presets.scaled, optimizer: 'adam' });
 * for await (const e of run) console.log(e.step, e.last.loss);
 * const { W, stopped } = await run.result;
 */
export function startTraining(X: Matrix, y: Labels, opts?: TrainOptions): TrainingRun {
  return new TrainingRun(normalizeTrain('startTraining', X, y, opts));
}

/**
 * Trains to the end and returns `{ W, history, evaluations, stopped, … }`: gradient descent in all
 * its forms (see {@link TrainOptions}). Same seed and options → identical history on a backend.
 * {@link startTraining} without the handle (progress still arrives through `onProgress`, abort
 * through `signal`): use that one to iterate, pause, resume or rescale the run.
 * @param X training data, N×D
 * @param y N labels in [0, C)
 * @param opts see {@link TrainOptions}
 * @throws TypeError/RangeError (as a rejected promise) for bad options, as {@link startTraining}
 * @example
 * const { W, history, stopped } = await train(X, y, { learningRate: 1e-2, reg: 1e-4, batchSize: 200, iterations: 1500 });
 */
export async function train(X: Matrix, y: Labels, opts?: TrainOptions): Promise<TrainResult> {
  return new TrainingRun(normalizeTrain('train', X, y, opts)).result;
}
