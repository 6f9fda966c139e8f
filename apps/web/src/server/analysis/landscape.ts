/**
 * The lecture's loss-landscape figure on a dataset, with an optimizer's path on it. The path
 * starts at a random W and the slice is centred where it ends. Directions 'path': the plane that
 * contains the path (see directions.ts), so it runs from (−1, 0) to (0, 0); 'random': two random
 * directions scaled to ‖W‖, as in the lecture (the path then projects to a short scrawl — random
 * directions are nearly orthogonal to anything in thousands of dimensions).
 */
import { initWeights, loss, lossSlice1D, lossSlice2D, projectTrajectory, startTraining, type Matrix } from '@svm/core';
import type { LandscapeResponse } from '../../shared/api-types.js';
import type { LandscapeSettings } from '../../shared/fields.js';
import type { PreparedData } from '../datasets.js';
import { badRequest } from '../errors.js';
import { compact } from '../jobs/progress-buffer.js';
import { pathDirections } from './directions.js';

/** Points on the drawn path at most. */
const PATH_POINTS = 60;

async function optimizerPath(s: LandscapeSettings, X: Matrix, y: Int32Array, W0: Matrix): Promise<Matrix[]> {
  const points = [W0];
  if (s.pathSteps === 0) return points;
  const run = startTraining(X, y, {
    loss: s.loss,
    optimizer: s.optimizer,
    learningRate: s.learningRate,
    reg: s.reg,
    batchSize: Math.min(200, X.rows),
    iterations: s.pathSteps,
    seed: s.seed,
    W0,
    evalEvery: 0,
    snapshotEvery: Math.max(1, Math.ceil(s.pathSteps / PATH_POINTS)),
  });
  let snapshotStep = 0;
  for await (const e of run) {
    if (e.W) {
      points.push(e.W);
      snapshotStep = e.step;
    }
  }
  const { W, steps, stopped, diverged } = await run.result;
  if (stopped === 'diverged') {
    throw badRequest(`the path diverged at step ${diverged?.step ?? steps} (loss ${diverged?.loss}); lower learningRate`, 'learningRate');
  }
  if (snapshotStep !== steps) points.push(W);
  return points;
}

export async function landscapeAnalysis(s: LandscapeSettings, data: PreparedData): Promise<LandscapeResponse> {
  if (s.directions === 'path' && s.pathSteps === 0) {
    throw badRequest("pathSteps must be at least 1 when directions is 'path' (the first direction follows the path)", 'pathSteps');
  }
  const started = performance.now();
  const X = data.X.train;
  const y = data.raw.train.y;
  const W0 = initWeights(X.cols, data.classNames.length, { seed: s.seed });
  const path = await optimizerPath(s, X, y, W0);

  const center = path[path.length - 1]!;
  const directions = s.directions === 'path' ? pathDirections(path, s.seed) : undefined;
  const common = { range: [-s.range, s.range] as [number, number], seed: s.seed, loss: s.loss, reg: s.reg };
  const plane = await lossSlice2D(center, X, y, { ...common, steps: s.steps2d, ...(directions ? { directions } : {}) });
  const line = await lossSlice1D(center, X, y, { ...common, steps: s.steps1d, direction: plane.directions[0] });
  const projected = projectTrajectory(center, plane.directions, path);
  const pathLoss: number[] = [];
  for (const W of path) pathLoss.push(compact((await loss(s.loss, W, X, y, { reg: s.reg })).loss));

  return {
    settings: s,
    a: Array.from(plane.a, compact),
    b: Array.from(plane.b, compact),
    loss2d: Array.from(plane.loss, compact),
    slice1d: { a: Array.from(line.a, compact), loss: Array.from(line.loss, compact) },
    path: { a: Array.from(projected.a, compact), b: Array.from(projected.b, compact), loss: pathLoss },
    centerLoss: pathLoss[pathLoss.length - 1]!,
    elapsedMs: Math.round(performance.now() - started),
  };
}
