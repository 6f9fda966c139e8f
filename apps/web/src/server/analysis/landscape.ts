/**
 * The lecture's loss-landscape figure on a dataset, with an optimizer's path on it. The path
 * starts at a random W and the slice is centred where it ends. Directions 'path': the plane that
 * holds the path best (its two principal directions, see pathPlane); 'random': two random
 * directions (as in the lecture) scaled to ‖W‖ (our choice: the lecture leaves them unscaled) (the path then projects to a short scrawl — random
 * directions are nearly orthogonal to anything in thousands of dimensions).
 */
import {
  initWeights,
  loss,
  lossSlice1D,
  lossSlice2D,
  projectTrajectory,
  startTraining,
  trajectoryDirections,
  type Matrix,
} from '@svm/core';
import type { LandscapeResponse } from '../../shared/api-types.js';
import type { LandscapeSettings } from '../../shared/fields.js';
import type { PreparedData } from '../datasets.js';
import { badRequest } from '../errors.js';
import { compact } from '../jobs/progress-buffer.js';

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

/**
 * The path's own plane: the library's principal directions of the path around its end (unit
 * Frobenius norm, orthogonal, so a and b are distances in weight space and the picture is to
 * scale). A random second direction would be almost orthogonal to everything the path does. The
 * grid reaches `range` times as far as the path does, so the path fits however far it went.
 */
function pathPlane(path: Matrix[], center: Matrix, s: LandscapeSettings) {
  const directions = trajectoryDirections(path, { center, seed: s.seed });
  const placed = projectTrajectory(center, directions, path);
  const reach = Math.max(...placed.a.map(Math.abs), ...placed.b.map(Math.abs)) || 1; // 1: a path that never moved
  return { directions, placed, range: s.range * reach };
}

export async function landscapeAnalysis(s: LandscapeSettings, data: PreparedData): Promise<LandscapeResponse> {
  if (s.directions === 'path' && s.pathSteps === 0) {
    throw badRequest("pathSteps must be at least 1 when directions is 'path' (the directions follow the path)", 'pathSteps');
  }
  const started = performance.now();
  const X = data.X.train;
  const y = data.raw.train.y;
  const W0 = initWeights(X.cols, data.classNames.length, { seed: s.seed });
  const path = await optimizerPath(s, X, y, W0);

  const center = path[path.length - 1]!;
  const own = s.directions === 'path' ? pathPlane(path, center, s) : undefined;
  const reach = own?.range ?? s.range;
  // The path is trained on every example (and the regularizer); the pictures show the loss over all
  // of them, or the first one's data loss alone — the lecture's single-example slice, where each
  // wrong class's hinge is one plane (the regularizer's bowl would curve it).
  const one = s.examples === 'one';
  const Xs = one ? X.takeRows([0]) : X;
  const ys = one ? y.slice(0, 1) : y;
  const reg = one ? 0 : s.reg;
  const common = { range: [-reach, reach] as [number, number], seed: s.seed, loss: s.loss, reg };
  const plane = await lossSlice2D(center, Xs, ys, { ...common, steps: s.steps2d, ...(own ? { directions: own.directions } : {}) });
  const line = await lossSlice1D(center, Xs, ys, { ...common, steps: s.steps1d, direction: plane.directions[0] });
  const projected = own?.placed ?? projectTrajectory(center, plane.directions, path);
  const pathLoss: number[] = [];
  for (const W of path) pathLoss.push(compact((await loss(s.loss, W, Xs, ys, { reg })).loss));

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
