/** Loads a saved model for eval/predict, with the CLI's errors: a missing or damaged file fails (exit 1). */
import { LinearClassifier } from '@svm/core';
import { RunError } from '../errors.js';

export async function loadModel(path: string): Promise<LinearClassifier> {
  try {
    return await LinearClassifier.load(path);
  } catch (err) {
    throw new RunError(`cannot load the model: ${err instanceof Error ? err.message.replace(/^LinearClassifier\.load: /, '') : String(err)}`);
  }
}

/** Raw features the model expects (its W's rows less the bias row). */
export function modelFeatures(m: LinearClassifier): number {
  return m.preprocessing?.cols ?? 0;
}
