/** `svm train --json`: each session event as one flat JSON object (W and class arrays left out). */
import type { JsonEvent } from '../output/json.js';
import type { SessionEvent } from './types.js';

export function trainJsonEvent(e: SessionEvent): JsonEvent {
  switch (e.type) {
    case 'start': {
      const { data, snapshots: _s, ...settings } = e.settings;
      return {
        type: 'start',
        command: 'train',
        dataset: e.header.dataset,
        shapes: e.header.shapes,
        classes: e.header.classNames,
        ...(e.header.imageShape ? { imageShape: e.header.imageShape } : {}),
        backend: e.header.backend.backend,
        threads: e.header.backend.threads,
        settings: { ...settings, seed: data.seed },
      };
    }
    case 'progress': {
      const { step: _s, evaluations: _e, ...last } = e.last;
      return {
        type: 'progress',
        step: e.step,
        iterations: e.iterations,
        ...last,
        ...(e.evaluation ? { trainAccuracy: e.evaluation.trainAccuracy, ...(e.evaluation.valAccuracy !== undefined ? { valAccuracy: e.evaluation.valAccuracy } : {}) } : {}),
        elapsedMs: Math.round(e.elapsedMs),
        stepsPerSecond: Math.round(e.stepsPerSecond),
        etaMs: Math.round(e.etaMs),
        paused: e.paused,
      };
    }
    case 'saved':
      return { type: 'saved', path: e.path, step: e.step };
    case 'control':
      return { type: 'control', action: e.action, ...(e.learningRateScale !== undefined ? { learningRateScale: e.learningRateScale } : {}) };
    case 'done': {
      // A failed save follows as the `error` event.
      const { saveError: _e, ...outcome } = e.outcome;
      return { type: 'done', ...outcome, elapsedMs: Math.round(outcome.elapsedMs) };
    }
  }
}
