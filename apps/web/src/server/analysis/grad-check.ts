/**
 * Gradient check on a dataset: the analytic gradient against centered differences at sampled
 * coordinates of a random W, in float64 (the right way) and float32 (why not: rounding alone gives
 * ~1e-4–1e-3 relative errors), with coordinates next to a hinge kink flagged.
 */
import { gradCheck, initWeights, loss, type GradCheckReport, type Matrix } from '@svm/core';
import type { GradCheckReportJson, GradCheckResponse } from '../../shared/api-types.js';
import type { GradCheckSettings } from '../../shared/fields.js';
import type { PreparedData } from '../datasets.js';

/**
 * f(W) → { loss, grad } on X converted to W's dtype, computed by the asynchronous loss (native
 * code off the event loop). `smooth` tells gradCheck whether kinks can exist.
 */
function asyncLossFunction(kind: 'svm' | 'softmax', X: Matrix, y: Int32Array, reg: number) {
  const byDtype = new Map<string, Matrix>();
  const f = (W: Matrix) => {
    let x = byDtype.get(W.dtype);
    if (!x) byDtype.set(W.dtype, (x = X.astype(W.dtype)));
    return loss(kind, W, x, y, { reg });
  };
  return Object.assign(f, { smooth: kind === 'softmax' });
}

function toJson(r: GradCheckReport): GradCheckReportJson {
  return {
    dtype: r.dtype,
    maxRelError: r.maxRelError,
    maxRelErrorAwayFromKinks: r.maxRelErrorAwayFromKinks,
    loss: r.loss,
    checks: r.checks.map(({ row, col, analytic, numeric, relError, nearKink, verdict }) => ({
      row,
      col,
      analytic,
      numeric,
      relError,
      nearKink,
      verdict,
    })),
  };
}

export async function gradCheckAnalysis(settings: GradCheckSettings, data: PreparedData): Promise<GradCheckResponse> {
  const started = performance.now();
  const rows = settings.rows; // at most the training rows: the route checked
  const X = data.X.train.takeRows(Array.from({ length: rows }, (_, i) => i));
  const y = data.raw.train.y.slice(0, rows);
  const W = initWeights(X.cols, data.classNames.length, { seed: settings.seed, scale: settings.scale });
  const f = asyncLossFunction(settings.loss, X, y, settings.reg);
  const common = { samples: settings.samples, h: settings.h, seed: settings.seed };
  // The same coordinates (same seed) in both precisions, so the table compares row by row.
  const float64 = await gradCheck(f, W, { ...common, dtype: 'float64' });
  const float32 = await gradCheck(f, W, { ...common, dtype: 'float32' });
  return { settings, float64: toJson(float64), float32: toJson(float32), rows, elapsedMs: Math.round(performance.now() - started) };
}
