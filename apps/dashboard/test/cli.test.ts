/**
 * The built `svm` command as a child process, without a terminal (as CI runs it): plain lines,
 * --json events, exit codes and usage errors.
 */
import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, existsSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readRelativeError } from '@svm/core';

const BIN = fileURLToPath(new URL('../bin/svm.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'svm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function svm(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const jsonLines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as { type: string } & Record<string, unknown>);

describe('svm train without a terminal', () => {
  it('prints plain progress lines and ends with the test accuracy (exit 0)', async () => {
    const r = await svm('train', '--steps', '400');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^svm train · mnist · 7200×784 train, 800 val, 2000 test, 10 classes · (native|reference) backend/);
    expect(lines.filter((l) => /^step +\d+\/400 {2}loss/.test(l)).length).toBe(10);
    expect(lines.at(-1)).toMatch(/^test accuracy (8|9)\d\.\d%$/);
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('--json prints one event per line: start, progress…, saved, done', async () => {
    const model = join(dir, 'model.json');
    const r = await svm('train', '--steps', '300', '--json', '--save', model);
    expect(r.code).toBe(0);
    const events = jsonLines(r.stdout);
    expect(events[0]).toMatchObject({ type: 'start', command: 'train', dataset: 'mnist', settings: { steps: 300, loss: 'svm' } });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({ step: 300, iterations: 300 });
    expect(progress.some((e) => typeof e.valAccuracy === 'number')).toBe(true);
    expect(events.find((e) => e.type === 'saved')).toMatchObject({ path: model });
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: 'done', stopped: 'done', steps: 300, savedTo: model });
    expect(done.testAccuracy as number).toBeGreaterThan(0.8);
    expect(existsSync(model)).toBe(true);
  });

  it('exits 1 with advice when the run diverges', async () => {
    const r = await svm('train', '--steps', '200', '--lr', '1e6', '--reg', '10');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/diverged after \d+ steps/);
    expect(r.stdout).toContain('try a smaller --lr');
  });
});

// No training in these: run them side by side.
describe.concurrent('usage errors exit 2 and say what is accepted', () => {
  it.each([
    [['train', '--lr', 'fast'], /option '--lr <rate>' argument 'fast' is invalid\. Expected a number > 0\./],
    [['train', '--loss', 'hinge'], /Allowed choices are svm, softmax/],
    [['train', '--dataset', 'imagenet'], /Allowed choices are mnist, fashion-mnist, cifar10, csv, blobs, spirals, linear/],
    [['train', '--optimizer', 'lbfgs'], /Allowed choices are sgd, momentum, nesterov, rmsprop, adam/],
    [['train', '--batch-size', '0'], /positive integer or "full"/],
    [['train', '--frobnicate'], /unknown option '--frobnicate'/],
    [['train', '--dataset', 'cifar10'], /--dataset cifar10 needs --dir <folder>/],
    [['train', '--batch-size', '99999', '--plain'], /--batch-size 99999 is larger than the 7200 training examples/],
    [['fly'], /unknown command 'fly'/],
    [['eval'], /missing required argument 'model'/],
    [['train', '--seed', '-1'], /option '--seed <n>' argument '-1' is invalid\. Expected an integer ≥ 0 and ≤ 2147483647\./],
    [['train', '--seed', '2147483648'], /Expected an integer ≥ 0 and ≤ 2147483647/],
    [['search', '--reg', '-1'], /Expected a comma-separated list of numbers ≥ 0, e\.g\. 1e-3,1e-2,0\.1\./],
    [['predict', 'model.json', '--index', '-1'], /Expected a comma-separated list of integers ≥ 0, e\.g\. 0,1,2\./],
    [['train', '--save', ''], /--save needs a file name, e\.g\. --save model\.json/],
    [['train', '--save', '/dev/null'], /--save \/dev\/null is not a regular file \(a device, pipe or socket\)/],
    [['train', '--path', 'x.csv'], /--path does not apply to --dataset mnist; it names the file of --dataset csv/],
    [['train', '--dataset', 'blobs', '--dir', '/tmp'], /--dir does not apply to --dataset blobs; only cifar10 and fashion-mnist read a folder/],
    [['train', '--label', '0'], /--label does not apply to --dataset mnist/],
  ])('svm %s', async (args, message) => {
    const r = await svm(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help works on every command', async () => {
    const cmds = ['train', 'gradcheck', 'sweep', 'landscape', 'race', 'search', 'eval', 'predict'];
    const runs = await Promise.all(cmds.map((cmd) => svm(cmd, '--help')));
    runs.forEach((r, i) => {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: svm ${cmds[i]}`);
    });
  });

  it.each([
    ['train', '--steps', '10'],
    ['search', '--steps', '10'],
  ])('svm %s --save checks where it saves before any work', async (...args) => {
    const missing = await svm(...args, '--save', '/nonexistent/dir/m.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('svm: --save /nonexistent/dir/m.json: the directory /nonexistent/dir does not exist\n');
    expect(missing.stdout).toBe('');
    const directory = await svm(...args, '--save', dir);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toMatch(/^svm: --save .* is a directory; give a file name/);
    const dangling = join(dir, `dangling-${args[0]}.json`);
    symlinkSync(join(dir, 'nowhere.json'), dangling);
    const link = await svm(...args, '--save', dangling);
    expect(link.code).toBe(2);
    expect(link.stderr).toBe(`svm: --save ${dangling} is a symbolic link to a missing file\n`);
  });

  it('a missing dataset says how to get it (exit 1)', async () => {
    const r = await svm('train', '--dataset', 'fashion-mnist', '--dir', join(dir, 'nowhere'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Fashion-MNIST not found/);
  });
});

describe('damaged inputs and runs that go wrong give one clear line, no stack', () => {
  it('predict: damaged Netpbm images are named, before anything is allocated for them', async () => {
    const model = join(dir, 'digits-model.json'); // a model of images: predict resizes files to 28×28
    await svm('train', '--steps', '20', '--plain', '--save', model);
    const cases: [string, Buffer, RegExp][] = [
      ['huge.pgm', Buffer.from('P5\n100000 100000\n255\n'), /huge.pgm: truncated PGM\/PPM data \(the header promises 100000×100000 samples, the file holds 0 of 10000000000 bytes\)/],
      ['wide.pgm', Buffer.from('P5\n4 4\n65535\nab'), /wide.pgm: truncated PGM\/PPM data/],
      ['zero.pgm', Buffer.from('P2\n0 0\n255\n'), /zero.pgm: the PGM\/PPM header gives a 0×0 image; expected at least 1×1/],
      ['maxval.pgm', Buffer.from('P2\n1 1\n0\n0\n'), /maxval.pgm: the PGM\/PPM header gives maxval 0; expected 1 to 65535/],
      ['over.pgm', Buffer.from('P2\n2 1\n255\n999 3\n'), /over.pgm: sample 0 of the PGM\/PPM data is 999; expected an integer from 0 to maxval 255/],
    ];
    for (const [name, bytes, message] of cases) writeFileSync(join(dir, name), bytes);
    const runs = await Promise.all(cases.map(([name]) => svm('predict', model, join(dir, name), '--plain')));
    runs.forEach((r, i) => {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(cases[i]![2]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('sweep: step sizes that overflow keep the true starting loss and mark no best', async () => {
    const r = await svm('sweep', '--dataset', 'blobs', '--step-sizes', '1e308,1e300', '--json');
    expect(r.code).toBe(0);
    const events = jsonLines(r.stdout);
    expect(Number.isFinite(events[0]!.startLoss)).toBe(true);
    expect(events.filter((e) => e.type === 'step-size').every((e) => e.best === false)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'done', bestStepSize: null, bestLoss: null });
    const plain = await svm('sweep', '--dataset', 'blobs', '--step-sizes', '1e308,1e300', '--plain');
    expect(plain.stdout).toMatch(/\(loss \d/);
    expect(plain.stdout).toContain('every step overflowed');
  });

  it('landscape: a path that diverges says so and exits 1', async () => {
    const r = await svm('landscape', '--dataset', 'blobs', '--lr', '1e300', '--plain');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the path diverged at step \d+ .* at --lr 1e\+300; try a smaller --lr/);
  });

  it('output that cannot be written (a full disk) is one line on stderr and exit 1', async () => {
    const out = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [BIN, 'train', '--dataset', 'blobs', '--steps', '5', '--plain'], { cwd: dir, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    closeSync(out);
    expect(code).toBe(1);
    expect(stderr).toBe('svm: cannot write the output: ENOSPC\n');
  });

  it('a reader that goes away mid-run (a pipe closed) stops the run as Ctrl-C does: the final save still happens', async () => {
    const model = join(dir, 'piped.json');
    const child = spawn(process.execPath, [BIN, 'train', '--dataset', 'blobs', '--steps', '5000000', '--eval-every', '20000', '--json', '--save', model], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    // The first event read, the reader leaves (as `| head -1` does, or a pipe's end closed by a hang-up).
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    child.stdout!.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(existsSync(model)).toBe(true);
    const saved = JSON.parse(readFileSync(model, 'utf8')) as { training: { stopped: string; steps: number } };
    expect(saved.training.stopped).toBe('aborted');
    expect(saved.training.steps).toBeLessThan(5_000_000);
  });

  it('csv: --label -1 is the last column, as the library counts', async () => {
    const csv = join(dir, 'points.csv');
    writeFileSync(csv, ['x,y,label', ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? 1 : -1},${(i % 7) / 7},${i % 2}`)].join('\n'));
    const r = await svm('train', '--dataset', 'csv', '--path', csv, '--label', '-1', '--steps', '20', '--batch-size', 'full', '--plain');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^svm train · csv · \d+×2 train/);
  });
});

describe('the other commands without a terminal', () => {
  it('gradcheck --json: one check per sampled weight, both precisions', async () => {
    const r = await svm('gradcheck', '--samples', '4', '--json');
    expect(r.code).toBe(0);
    const events = jsonLines(r.stdout);
    const checks = events.filter((e) => e.type === 'check');
    expect(checks).toHaveLength(4);
    for (const c of checks) {
      expect(c.relError64 as number).toBeLessThan(1e-4);
      // CS231n's reading of each error, as @svm/core gives it.
      expect(c.verdict64).toBe(readRelativeError(c.relError64 as number, { nearKink: c.nearKink as boolean, analytic: c.analytic as number }));
      expect(['right', 'suspicious', 'wrong']).toContain(c.verdict32);
    }
    expect(events.at(-1)!.type).toBe('done');
  });

  it('sweep prints the table and the chart', async () => {
    const r = await svm('sweep', '--plain');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/★ best/);
    expect(r.stdout).toMatch(/↑ overshoots/);
    expect(r.stdout).toContain('loss after one step (log scale)');
  });

  it('landscape draws the slices in plain text with the path', async () => {
    const r = await svm('landscape', '--plain', '--limit', '500', '--grid', '21', '--steps', '60');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('L(W + a·W1) along a random direction');
    expect(r.stdout).toMatch(/S/);
    expect(r.stdout).toMatch(/E/);
  });

  it("landscape --examples one: one example's slice is piecewise linear, all examples' is curved", async () => {
    const bends = (loss: number[]) => {
      const top = Math.max(...loss.map(Math.abs));
      let n = 0;
      for (let i = 1; i + 1 < loss.length; i++) if (Math.abs(loss[i + 1]! - 2 * loss[i]! + loss[i - 1]!) > 1e-6 * top) n++;
      return n;
    };
    const slice = async (examples: string) => {
      const r = await svm('landscape', '--json', '--limit', '500', '--grid', '5', '--steps', '20', '--examples', examples);
      expect(r.code).toBe(0);
      return jsonLines(r.stdout).find((e) => e.type === 'slice1d')!.loss as number[];
    };
    // At most C − 1 = 9 hinges bend along a line, each in two second differences; 500 examples bend everywhere.
    expect(bends(await slice('one'))).toBeLessThanOrEqual(18);
    expect(bends(await slice('all'))).toBeGreaterThan(60);
    const bad = await svm('landscape', '--plain', '--examples', 'some');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--examples/);
  });

  it('race --json reports each strategy', async () => {
    const r = await svm('race', '--json', '--limit', '300', '--budget', '40');
    expect(r.code).toBe(0);
    const results = jsonLines(r.stdout).filter((e) => e.type === 'result');
    expect(results.map((e) => e.strategy)).toEqual(['random-search', 'random-local-search', 'gradient-descent']);
  });

  it('search --json: a trial per cell, diverged ones marked, the best and its test accuracy', async () => {
    const r = await svm('search', '--json', '--lr', '0.01,100', '--reg', '0,10', '--steps', '60', '--limit', '1000', '--val', '200');
    expect(r.code).toBe(0);
    const events = jsonLines(r.stdout);
    const trials = events.filter((e) => e.type === 'trial');
    expect(trials).toHaveLength(4);
    expect(trials.some((t) => t.stopped === 'diverged')).toBe(true);
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    expect(typeof done.testAccuracy).toBe('number');
    const best = done.best as { learningRate: number; reg: number };
    expect(trials.find((t) => t.learningRate === best.learningRate && t.reg === best.reg)?.stopped).toBe('done');
  });

  it('eval and predict use the saved model', async () => {
    const model = join(dir, 'model.json');
    if (!existsSync(model)) await svm('train', '--steps', '300', '--plain', '--save', model);
    const ev = await svm('eval', model, '--json');
    expect(ev.code).toBe(0);
    const [report] = jsonLines(ev.stdout);
    expect(report).toMatchObject({ type: 'eval', dataset: 'mnist', split: 'test', examples: 2000 });
    expect((report!.confusion as number[][]).length).toBe(10);
    const pr = await svm('predict', model, '--index', '0,1,2', '--plain');
    expect(pr.code).toBe(0);
    expect(pr.stdout).toMatch(/mnist test #0\s+\d/);
    const missing = await svm('eval', join(dir, 'none.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot load the model/);
    const wrong = await svm('eval', model, '--dataset', 'blobs');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/expects 784 features \(28×28\) but blobs has 2/);
  });
});
