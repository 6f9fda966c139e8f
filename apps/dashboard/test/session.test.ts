/** A training session's controls against the library: saving mid-run and the live learning rate. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrainingSession } from '../src/train/session.js';
import { settings } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'svm-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
}

describe('training session', () => {
  it('saves mid-run through the library (weights so far, in progress) and names the step saved', async () => {
    const path = join(dir, 'mid.json');
    const session = new TrainingSession({ ...settings, steps: 1_000_000, evalEvery: 0, snapshots: false, save: path });
    const done = session.execute();
    await until(() => session.store.get().step > 0);
    // Paused, no chunk runs after the one in flight: the step read after the save is exact.
    session.togglePause();
    session.scaleLearningRate(2);
    expect(session.store.get().learningRate).toBeCloseTo(2 * settings.learningRate);
    await session.saveNow();
    const status = session.store.get().status ?? '';
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { shape: number[]; training: { inProgress?: boolean; steps: number } };
    session.stop();
    const outcome = await done;
    expect(doc.shape).toEqual([785, 10]);
    expect(doc.training.inProgress).toBe(true);
    expect(status).toBe(`saved step ${doc.training.steps} to ${path}`);
    expect(outcome.stopped).toBe('aborted');
    // The final save (--save) replaces the in-progress file with the finished model.
    expect((JSON.parse(readFileSync(path, 'utf8')) as { training: { stopped: string } }).training.stopped).toBe('aborted');
  });
});
