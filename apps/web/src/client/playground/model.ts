/**
 * The 2-D playground's classifier, computed in the page by @svm/core's reference backend (the
 * browser build of the library: no addon, no server). Raw points are N×2; the classifier sees them
 * with the bias column appended, so W is 3×C: rows w_x, w_y, and b.
 */
import {
  appendBias,
  initWeights,
  LinearClassifier,
  makeBlobs,
  makeLinearlySeparable,
  makeSpirals,
  Matrix,
  softmaxLossSync,
  svmLossSync,
  train,
  type PreprocessStats,
} from '@svm/core';
import type { PlaygroundSettings } from '../../shared/fields.js';

/** No centering (W stays in the data's coordinates, so it can be read and edited), bias appended. */
const BIAS_ONLY: PreprocessStats = { cols: 2, mean: null, std: null, bias: true };

export interface Bounds {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export class Playground {
  /** Raw points (float32, N×2) and the same with the bias column: kept in step when a point moves. */
  readonly X: Matrix;
  readonly Xb: Matrix;
  readonly y: Int32Array;
  readonly classes: number;
  readonly bounds: Bounds;
  W: Matrix;
  private gridCache: { cells: number; X: Matrix } | undefined;

  constructor(settings: PlaygroundSettings) {
    const opts = { n: settings.points, classes: settings.classes, seed: settings.seed };
    const data = settings.data === 'spirals' ? makeSpirals(opts) : settings.data === 'linear' ? makeLinearlySeparable(opts) : makeBlobs(opts);
    this.X = data.X;
    this.y = data.y;
    this.classes = settings.classes;
    this.Xb = appendBias(data.X);
    this.W = initWeights(3, settings.classes, { seed: settings.seed, scale: 1 });
    this.bounds = squareBounds(data.X);
  }

  private model(loss: 'svm' | 'softmax'): LinearClassifier {
    return LinearClassifier.fromWeights(this.W, BIAS_ONLY, { loss });
  }

  /** Moves point i (data coordinates). */
  move(i: number, x: number, y: number): void {
    this.X.set(i, 0, x);
    this.X.set(i, 1, y);
    this.Xb.set(i, 0, x);
    this.Xb.set(i, 1, y);
  }

  /** A few full-batch gradient-descent steps from the current W (the library's optimizer). */
  async step(settings: PlaygroundSettings, iterations: number): Promise<void> {
    const result = await train(this.Xb, this.y, {
      loss: settings.loss,
      W0: this.W,
      iterations,
      learningRate: settings.learningRate,
      reg: settings.reg,
      batchSize: 'full',
      evalEvery: 0,
    });
    if (result.stopped !== 'diverged') this.W = result.W;
  }

  /** Loss (data + regularization) of the current W on the current points. */
  loss(settings: PlaygroundSettings): number {
    const f = settings.loss === 'softmax' ? softmaxLossSync : svmLossSync;
    return f(this.W, this.Xb, this.y, { reg: settings.reg }).loss;
  }

  /** Per point: predicted class and whether it is inside the margin (svm: loss > 0; softmax: misclassified). */
  pointStatus(loss: 'svm' | 'softmax'): { predicted: Int32Array; inMargin: Uint8Array; accuracy: number } {
    const S = this.model(loss).scores(this.X);
    const C = this.classes;
    const predicted = new Int32Array(this.X.rows);
    const inMargin = new Uint8Array(this.X.rows);
    let correct = 0;
    for (let i = 0; i < this.X.rows; i++) {
      let best = 0;
      for (let c = 1; c < C; c++) if (S.get(i, c) > S.get(i, best)) best = c;
      predicted[i] = best;
      const yi = this.y[i]!;
      if (best === yi) correct++;
      let violated = best !== yi;
      if (loss === 'svm') for (let c = 0; c < C; c++) if (c !== yi && S.get(i, c) - S.get(i, yi) + 1 > 0) violated = true;
      inMargin[i] = violated ? 1 : 0;
    }
    return { predicted, inMargin, accuracy: correct / this.X.rows };
  }

  /** The predicted class at the centre of each of cells×cells regions (row 0 at the top). */
  regions(cells: number, loss: 'svm' | 'softmax'): Int32Array {
    if (this.gridCache?.cells !== cells) {
      const { x0, x1, y0, y1 } = this.bounds;
      const G = Matrix.zeros(cells * cells, 2, 'float32');
      for (let r = 0; r < cells; r++) {
        for (let c = 0; c < cells; c++) {
          G.set(r * cells + c, 0, x0 + ((c + 0.5) / cells) * (x1 - x0));
          G.set(r * cells + c, 1, y1 - ((r + 0.5) / cells) * (y1 - y0));
        }
      }
      this.gridCache = { cells, X: G };
    }
    return this.model(loss).predict(this.gridCache.X);
  }
}

/** A square view around the points with a margin, so moving W keeps the axes still. */
function squareBounds(X: Matrix): Bounds {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < X.rows; i++) {
    x0 = Math.min(x0, X.get(i, 0));
    x1 = Math.max(x1, X.get(i, 0));
    y0 = Math.min(y0, X.get(i, 1));
    y1 = Math.max(y1, X.get(i, 1));
  }
  const half = (Math.max(x1 - x0, y1 - y0, 1e-3) / 2) * 1.3;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}
