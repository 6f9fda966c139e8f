/**
 * Collects a training run's progress events between two stream flushes and turns them into one
 * compact event: every step's loss thinned to a few hundred points, the evaluations, the newest W.
 */
import type { Matrix, TrainProgress } from '@svm/core';
import type { TemplateImages, TrainProgressEvent } from '../../shared/api-types.js';

/** Points per event at most: a chart 1000 px wide gains nothing from more. */
const MAX_POINTS = 300;

/** Six significant digits: plenty for a chart, a third of the JSON of a full double. */
export function compact(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

/** Every k-th item so at most `max` remain, plus the last item (the newest step always shows). */
export function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const every = Math.ceil(items.length / max);
  const out = items.filter((_, i) => i % every === 0);
  if (out[out.length - 1] !== items[items.length - 1]) out.push(items[items.length - 1]!);
  return out;
}

export class ProgressBuffer {
  private points: Array<[number, number, number]> = [];
  private evaluations: TrainProgressEvent['evaluations'] = [];
  private latest: TrainProgress | undefined;
  private W: Matrix | undefined;

  add(e: TrainProgress): void {
    for (const s of e.steps) this.points.push([s.step, compact(s.loss), compact(s.batchAccuracy)]);
    if (e.evaluation) {
      const { step, trainAccuracy, valAccuracy } = e.evaluation;
      this.evaluations.push({ step, trainAccuracy, ...(valAccuracy !== undefined ? { valAccuracy } : {}) });
    }
    if (e.W) this.W = e.W;
    this.latest = e;
  }

  /** True when a W snapshot arrived since templates were last taken. */
  get hasNewWeights(): boolean {
    return this.W !== undefined;
  }

  /**
   * The event for everything since the last call, or undefined when nothing arrived;
   * `templates` renders the newest W when given (the caller decides how often).
   */
  take(paused: boolean, templates?: (W: Matrix) => TemplateImages | undefined): TrainProgressEvent | undefined {
    const e = this.latest;
    if (!e) return undefined;
    const images = templates && this.W ? templates(this.W) : undefined;
    if (images) this.W = undefined;
    const out: TrainProgressEvent = {
      step: e.step,
      iterations: e.iterations,
      elapsedMs: Math.round(e.elapsedMs),
      stepsPerSecond: Math.round(e.stepsPerSecond),
      etaMs: Math.round(e.etaMs),
      paused,
      learningRate: compact(e.last.learningRate),
      points: thin(this.points, MAX_POINTS),
      evaluations: this.evaluations,
      ...(images ? { templates: images } : {}),
    };
    this.points = [];
    this.evaluations = [];
    this.latest = undefined;
    return out;
  }
}
