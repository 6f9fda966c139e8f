/**
 * The lecture's step-size experiment on a dataset: from a random W, the full-data loss after one
 * gradient step of each size on a log grid, and where the loss starts to rise again.
 */
import { initWeights, stepSizeSweep } from '@svm/core';
import type { StepSizeResponse } from '../../shared/api-types.js';
import type { StepSizeSettings } from '../../shared/fields.js';
import type { PreparedData } from '../datasets.js';
import { badRequest } from '../errors.js';

/** `count` step sizes spaced evenly in log10 from 10^from to 10^to. */
export function logGrid(fromExp: number, toExp: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => 10 ** (fromExp + ((toExp - fromExp) * i) / (count - 1)));
}

export async function stepSizeAnalysis(settings: StepSizeSettings, data: PreparedData): Promise<StepSizeResponse> {
  if (settings.toExp <= settings.fromExp) throw badRequest(`toExp (${settings.toExp}) must be greater than fromExp (${settings.fromExp})`, 'toExp');
  const started = performance.now();
  const X = data.X.train;
  const W = initWeights(X.cols, data.classNames.length, { seed: settings.seed });
  const entries = await stepSizeSweep(W, X, data.raw.train.y, {
    stepSizes: logGrid(settings.fromExp, settings.toExp, settings.count),
    loss: settings.loss,
    reg: settings.reg,
  });
  let best = 0;
  entries.forEach((e, i) => {
    if (e.loss < entries[best]!.loss) best = i;
  });
  // Tiny steps can "rise" by rounding alone; the interesting rise is past the best step.
  const rise = entries.findIndex((e, i) => i > best && e.rises);
  return {
    settings,
    initialLoss: entries[0]!.loss - entries[0]!.change,
    entries,
    best,
    firstRise: rise === -1 ? null : rise,
    elapsedMs: Math.round(performance.now() - started),
  };
}
