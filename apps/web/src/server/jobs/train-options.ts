/**
 * The training options a web run uses, from the page's settings. Exported on its own so the
 * benchmark (bench/suites/web.mjs) runs exactly the same training headless.
 */
import type { TrainOptions } from '@svm/core';
import type { TrainSettings } from '../../shared/fields.js';

export interface TrainData {
  /** Validation features (preprocessed) and labels: accuracy curves while training. */
  val: TrainOptions['validation'];
  /** Image data get W snapshots for the live class templates. */
  images: boolean;
}

export function trainOptions(settings: TrainSettings, data: TrainData): TrainOptions {
  const { iterations } = settings;
  // Evaluations and snapshots both end a native chunk; sharing one period keeps chunks long (each
  // chunk boundary waits for the event loop, which in the server is also writing the stream).
  const every = Math.max(1, Math.round(iterations / 20));
  return {
    loss: settings.loss,
    optimizer: settings.optimizer,
    learningRate: settings.learningRate,
    schedule: settings.schedule,
    reg: settings.reg,
    batchSize: settings.batchSize,
    iterations,
    seed: settings.seed,
    initScale: 0.001,
    ...(data.val ? { validation: data.val } : {}),
    // Twenty accuracy points per run, as the library's default…
    evalEvery: every,
    // …and twenty W snapshots for the live templates (the stream sends at most four a second).
    snapshotEvery: data.images ? every : 0,
    progressIntervalMs: 50,
  };
}
