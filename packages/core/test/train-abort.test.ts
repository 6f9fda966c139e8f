import { expect, it } from 'vitest';
import { makeBlobs, startTraining, train } from '../src/index.js';
import { forEachBackend } from './helpers.js';

forEachBackend('training with a signal aborted before it starts', () => {
  it('takes no step and returns the starting point as aborted', async () => {
    const { X, y } = makeBlobs({ n: 200, classes: 3, seed: 1 });
    const r = await train(X, y, { iterations: 100000, batchSize: 20, learningRate: 1e-2, signal: AbortSignal.abort(), seed: 1 });
    expect(r.stopped).toBe('aborted');
    expect(r.steps).toBe(0);
    const run = startTraining(X, y, { iterations: 100000, signal: AbortSignal.abort() });
    expect((await run.result).steps).toBe(0);
  });
});
