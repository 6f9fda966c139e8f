/** A training session's controls against the library: saving mid-run and the live learning rate. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrain } from '../src/commands/train.js';
import { exitCodeOf, Interrupted, RunError } from '../src/errors.js';
import type { Terminal } from '../src/ink/mount.js';
import { TrainingSession } from '../src/train/session.js';
import { settings } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'svm-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
}

describe('training session', () => {
  it('stopped while its data loads, it trains and evaluates nothing, and says so (exit 130)', async () => {
    const save = join(dir, 'never.json');
    const session = new TrainingSession({ ...settings, save });
    session.stop(); // Ctrl-C before the data has loaded
    const err = await session.execute().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(Interrupted);
    expect((err as Interrupted).message).toBe('stopped while loading the data; nothing was trained');
    expect(exitCodeOf(err)).toBe(130);
    expect(existsSync(save)).toBe(false);
  });

  it('stopped while its data loads by a closed terminal or SIGTERM, it exits as that signal would', async () => {
    for (const [signal, code] of [['SIGHUP', 129], ['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const session = new TrainingSession({ ...settings, save: join(dir, `never-${signal}.json`) });
      session.stop(signal);
      const err = await session.execute().then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(Interrupted);
      expect(exitCodeOf(err)).toBe(code);
    }
  });

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

  it('names the step the run paused at: the chunk under way when asked included', async () => {
    const session = new TrainingSession({ ...settings, steps: 1_000_000, evalEvery: 0, snapshots: false });
    const done = session.execute();
    await until(() => session.store.get().step > 0);
    const pausing = session.togglePause();
    expect(session.store.get().status).toBe('pausing…');
    await pausing;
    const status = session.store.get().status;
    // Nothing moves while paused: the step shown, the bar's and the library's agree with the note.
    await new Promise((r) => setTimeout(r, 150));
    expect(status).toBe(`paused at step ${session.store.get().step}`);
    expect(status).toMatch(/^paused at step \d+$/);
    session.stop();
    expect((await done).steps).toBe(session.store.get().step);
  });

  it('a final save that fails still ends with the summary, then the error said once (exit 1)', async () => {
    const path = join(dir, 'nowhere', 'm.json');
    const s = { ...settings, steps: 30, evalEvery: 0, snapshots: false, save: path };
    const outcome = await new TrainingSession(s).execute();
    expect(outcome.testAccuracy).toBeGreaterThan(0);
    expect(outcome.savedTo).toBeUndefined();
    expect(outcome.saveError).toBe(`could not save the model to ${path}: the directory ${join(dir, 'nowhere')} does not exist`);

    const out = new PassThrough();
    let printed = '';
    out.on('data', (b: Buffer) => (printed += b.toString()));
    const term = { stdout: out, stdin: process.stdin, stderr: out } as unknown as Terminal;
    await expect(runTrain(s, 'plain', {}, term)).rejects.toThrow(new RunError(outcome.saveError!));
    expect(printed).toMatch(/finished after 30 steps/);
    expect(printed).toMatch(/test accuracy \d+\.\d%\n$/);
  });
});
