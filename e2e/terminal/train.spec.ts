/**
 * `svm train` in a real pseudo-terminal (tmux): the live dashboard appears, answers p (pause),
 * + (learning rate ×2), s (save now: the library's mid-run save) and q (stop), restores the
 * terminal and exits 0 with the model saved and the test accuracy on screen.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

const BIN = fileURLToPath(new URL('../../apps/dashboard/bin/svm.js', import.meta.url));
const SESSION = `svm-e2e-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

/** The visible screen as text. */
function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION);
}

/** Polls the screen until `pattern` shows (or fails after `timeoutMs`). */
async function waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    last = screen();
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${pattern} on screen:\n${last}`);
}

test.describe('svm train in a pseudo-terminal', () => {
  test.skip(spawnSync('tmux', ['-V']).status !== 0, 'tmux is not installed (node scripts/setup.mjs --for test installs it)');

  let dir = '';
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'svm-e2e-'));
  });
  test.afterEach(() => {
    spawnSync('tmux', ['kill-session', '-t', SESSION]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('live view, keys p + s q, clean exit with the model saved', async () => {
    const model = join(dir, 'model.json');
    const exitFile = join(dir, 'exit-code');
    // Ink only prints the final frame when it believes it runs in CI: the pane must look like a
    // person's terminal. Many steps, so the run is still going when the keys arrive.
    // After it exits, `stty` records whether the terminal is back in canonical (cooked) mode.
    const sttyFile = join(dir, 'stty');
    const command = `env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color node ${BIN} train --steps 200000 --save ${model}; echo $? > ${exitFile}; stty -a > ${sttyFile}; sleep 60`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '110', '-y', '40', '-c', dir, command);

    await waitFor(/svm train · mnist · 7200×784 train, 800 val, 2000 test, 10 classes/);
    await waitFor(/\d+% [\d,]+\/200,000 steps +[\d,]+ steps\/s +ETA/);
    expect(screen()).toContain('p pause · +/- learning rate ×2 / ÷2 · s save model now · q stop');

    tmux('send-keys', '-t', SESSION, 'p');
    const paused = await waitFor(/paused at step \d+/, 2_000);
    expect(paused).toContain('p resume');
    const stepWhenPaused = /paused at step (\d+)/.exec(paused)![1];
    await new Promise((r) => setTimeout(r, 300));
    expect(screen()).toContain(`paused at step ${stepWhenPaused}`);

    tmux('send-keys', '-t', SESSION, '+');
    await waitFor(/learning rate ×2/, 2_000);
    await waitFor(/lr\s+\S+ \(×2\)/, 2_000);

    tmux('send-keys', '-t', SESSION, 's');
    const savedNote = await waitFor(/saved step \d+ to .*model\.json/, 5_000);
    expect(existsSync(model)).toBe(true);
    // Saved mid-run by the library: the weights reached so far, marked in progress. Paused, so
    // the step on screen is exactly the one saved.
    const midRun = JSON.parse(readFileSync(model, 'utf8')) as { training: { inProgress?: boolean; steps: number } };
    expect(midRun.training.inProgress).toBe(true);
    expect(String(midRun.training.steps)).toBe(/saved step (\d+)/.exec(savedNote)![1]);

    tmux('send-keys', '-t', SESSION, 'p');
    await waitFor(/resumed/, 2_000);

    tmux('send-keys', '-t', SESSION, 'q');
    const end = await waitFor(/test accuracy \d+\.\d%/, 20_000);
    expect(end).toMatch(/stopped after \d+ steps/);
    expect(end).toContain(`model saved to ${model}`);
    await expect.poll(() => (existsSync(exitFile) ? readFileSync(exitFile, 'utf8').trim() : ''), { timeout: 10_000 }).toBe('0');

    const saved = JSON.parse(readFileSync(model, 'utf8')) as { format: string; shape: number[]; training: { stopped: string } };
    expect(saved.format).toBe('svm-linear-classifier');
    expect(saved.shape).toEqual([785, 10]);
    expect(saved.training.stopped).toBe('aborted');
    // The terminal is restored: raw mode off (canonical input and echo back on).
    await expect.poll(() => (existsSync(sttyFile) ? readFileSync(sttyFile, 'utf8') : ''), { timeout: 5_000 }).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(readFileSync(sttyFile, 'utf8')).toMatch(/(^|\s)echo(\s|$)/m);
  });

  test('NO_COLOR: the live view draws without any colour or style', async () => {
    const command = `env -u CI -u CONTINUOUS_INTEGRATION -u FORCE_COLOR TERM=xterm-256color NO_COLOR=1 node ${BIN} train --steps 2000000; sleep 60`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '110', '-y', '40', '-c', dir, command);
    await waitFor(/\d+% [\d,]+\/2,000,000 steps +[\d,]+ steps\/s +ETA/);
    await waitFor(/templates/);
    // With -e, tmux shows the screen's colours and styles as escape codes; there must be none.
    const styled = tmux('capture-pane', '-e', '-p', '-t', SESSION);
    expect(styled).toMatch(/loss \(mini-batch/);
    expect(styled).not.toContain('\x1b[');
  });

  test('a closed terminal (hang-ups) stops the run and still saves the model', async () => {
    const model = join(dir, 'model.json');
    const command = `exec env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color node ${BIN} train --steps 2000000 --save ${model}`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '110', '-y', '40', '-c', dir, command);
    await waitFor(/\d+% [\d,]+\/2,000,000 steps +[\d,]+ steps\/s +ETA/);
    const pid = tmux('display-message', '-p', '-t', SESSION, '#{pane_pid}').trim();
    // A terminal running a shell sends SIGHUP twice when closed (the shell passes it on, then the
    // kernel sends its own as the shell exits): the second must not cut the save short.
    spawnSync('kill', ['-HUP', pid]);
    spawnSync('kill', ['-HUP', pid]);
    // Closing the window hangs up its terminal: another SIGHUP, and the output has nowhere to go.
    tmux('kill-session', '-t', SESSION);
    await expect.poll(() => spawnSync('kill', ['-0', pid]).status !== 0, { timeout: 20_000 }).toBe(true);
    expect(existsSync(model)).toBe(true);
    const saved = JSON.parse(readFileSync(model, 'utf8')) as { training: { stopped: string; inProgress?: boolean; steps: number } };
    expect(saved.training.stopped).toBe('aborted');
    expect(saved.training.inProgress).toBeUndefined();
    expect(saved.training.steps).toBeGreaterThan(0);
  });
});
