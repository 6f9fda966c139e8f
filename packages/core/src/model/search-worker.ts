/**
 * A hyper-parameter search worker: trains the trials it is sent on the shared data with the native
 * backend (one kernel thread each: the search runs one worker per core) and posts the outcomes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Matrix } from '../matrix.js';
import { accuracyOf } from '../forward.js';
import { train } from '../optim/train.js';
import '../index.js'; // registers the native backend in this thread
import type { FromWorker, ToWorker, WorkerSetup } from './search-protocol.js';

const setup = workerData as WorkerSetup;
const view = (b: SharedArrayBuffer) => (setup.dtype === 'float64' ? new Float64Array(b) : new Float32Array(b));
const X = new Matrix(view(setup.X).length / setup.D, setup.D, view(setup.X));
const y = new Int32Array(setup.y);
const Xval = new Matrix(view(setup.Xval).length / setup.D, setup.D, view(setup.Xval));
const yval = new Int32Array(setup.yval);
const port = parentPort!;
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', async (msg: ToWorker) => {
  if (msg.type === 'stop') {
    port.close();
    return;
  }
  const { index, params, seed } = msg;
  try {
    let last = 0;
    const r = await train(X, y, {
      loss: setup.loss,
      classes: setup.C,
      iterations: setup.iterations,
      learningRate: params.learningRate,
      reg: params.reg,
      batchSize: params.batchSize, // at most X's rows: searchHyperparameters sees to it
      optimizer: params.optimizer,
      seed,
      evalEvery: 0,
      progressIntervalMs: 100,
      onProgress: (e) => {
        if (e.elapsedMs - last >= 200) {
          last = e.elapsedMs;
          post({ type: 'progress', index, step: e.step, loss: e.last.loss });
        }
      },
    });
    const ok = r.stopped !== 'diverged';
    const W = r.W.data;
    post(
      {
        type: 'result',
        index,
        valAccuracy: ok ? await accuracyOf(r.W, Xval, yval, 'searchHyperparameters') : 0,
        trainAccuracy: ok ? await accuracyOf(r.W, X, y, 'searchHyperparameters') : 0,
        loss: r.loss,
        stopped: r.stopped,
        steps: r.steps,
        elapsedMs: r.elapsedMs,
        ...(r.diverged ? { diverged: r.diverged } : {}),
        W,
      },
      [W.buffer as ArrayBuffer],
    );
  } catch (err) {
    post({ type: 'error', index, message: err instanceof Error ? err.message : String(err) });
  }
});
