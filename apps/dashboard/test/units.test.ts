import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError } from 'commander';
import { Matrix, projectTrajectory } from '@svm/core';
import { LossHistory } from '../src/train/loss-history.js';
import { ThrottledStore } from '../src/train/store.js';
import { batchSize, countOrShare, indexList, interval, numberIn, numberList } from '../src/options/parse.js';
import { checkSaveTarget, saveFailure } from '../src/model/save-target.js';
import { lineChart, resample } from '../src/render/chart.js';
import { heatmapPicture } from '../src/render/heatmap.js';
import { gridLines, makeGrid, setPixel } from '../src/render/pixels.js';
import { pathPlane } from '../src/landscape/path-plane.js';
import { trainLayout } from '../src/components/layout.js';
import { packFigures } from '../src/components/Stats.js';
import { onBudgetAxis } from '../src/commands/race.js';
import { formatScale, snapshotInterval } from '../src/train/session.js';
import { loadDataset } from '../src/data/load.js';
import { UsageError } from '../src/errors.js';
import { onInterrupt } from '../src/ink/mount.js';
import { stripAnsi } from '../src/render/colour.js';

describe('flag parsers', () => {
  it('accept numbers in range and name what they expect otherwise', () => {
    expect(numberIn({ above: 0 })('1e-3')).toBe(1e-3);
    expect(() => numberIn({ above: 0 })('0')).toThrow(new InvalidArgumentError('Expected a number > 0.'));
    expect(() => numberIn({ integer: true, min: 1 })('2.5')).toThrow(/an integer ≥ 1/);
    expect(() => numberIn({})('0x10')).toThrow(InvalidArgumentError);
    expect(() => numberIn({})('')).toThrow(InvalidArgumentError);
  });
  it('parse lists, intervals and batch sizes', () => {
    expect(numberList({ min: 0 })('0, 1e-4,1')).toEqual([0, 1e-4, 1]);
    expect(() => numberList({ above: 0 })('1,x')).toThrow(/comma-separated list/);
    expect(interval('-1,2')).toEqual([-1, 2]);
    expect(() => interval('2,1')).toThrow(/lo < hi/);
    expect(batchSize('full')).toBe('full');
    expect(batchSize('64')).toBe(64);
    expect(() => batchSize('0')).toThrow(/positive integer or "full"/);
  });
  it('name list values in the plural, with an example that fits the range', () => {
    expect(() => numberList({ min: 0 })('-1')).toThrow(new InvalidArgumentError('Expected a comma-separated list of numbers ≥ 0, e.g. 1e-3,1e-2,0.1.'));
    expect(() => indexList('-1')).toThrow(new InvalidArgumentError('Expected a comma-separated list of integers ≥ 0, e.g. 0,1,2.'));
    expect(indexList('0,7')).toEqual([0, 7]);
  });
});

describe('--save targets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'svm-save-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accept a file in an existing directory, new or not', () => {
    expect(() => checkSaveTarget(join(dir, 'm.json'))).not.toThrow();
    writeFileSync(join(dir, 'old.json'), '{}');
    expect(() => checkSaveTarget(join(dir, 'old.json'))).not.toThrow();
  });
  it('refuse a missing directory, a directory, and a file standing in for one, naming the flag', () => {
    expect(() => checkSaveTarget(join(dir, 'nowhere', 'm.json'))).toThrow(new UsageError(`--save ${join(dir, 'nowhere', 'm.json')}: the directory ${join(dir, 'nowhere')} does not exist`));
    expect(() => checkSaveTarget(dir)).toThrow(UsageError);
    expect(() => checkSaveTarget(dir)).toThrow(/^--save .* is a directory; give a file name/);
    // A trailing slash names a directory even when it does not exist yet.
    expect(() => checkSaveTarget(join(dir, 'newdir') + '/')).toThrow(/^--save .*newdir\/ is a directory; give a file name/);
    writeFileSync(join(dir, 'file'), '');
    expect(() => checkSaveTarget(join(dir, 'file', 'm.json'))).toThrow(/is not a directory/);
  });
  it.skipIf(process.getuid?.() === 0)('refuse a directory that is not writable', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    expect(() => checkSaveTarget(join(locked, 'm.json'))).toThrow(/is not writable/);
  });
  it("say what went wrong once, from the library's message", () => {
    expect(saveFailure('/x/m.json', new Error('cannot save the model: the directory /x does not exist'))).toBe('could not save the model to /x/m.json: the directory /x does not exist');
    expect(saveFailure('m.json', new Error('cannot save the model to m.json: permission denied'))).toBe('could not save the model to m.json: permission denied');
  });
});

describe('LossHistory', () => {
  it('keeps bounded memory by merging bins, preserving the mean', () => {
    const h = new LossHistory(8);
    for (let i = 0; i < 100; i++) h.push(i);
    expect(h.length).toBe(100);
    const v = h.values();
    expect(v.length).toBeLessThanOrEqual(8);
    expect(h.stepsPerBin).toBe(16);
    expect(v[0]).toBeCloseTo(7.5);
  });
  it('leaves non-finite losses out of the means', () => {
    const h = new LossHistory(4);
    h.push(1);
    h.push(Number.NaN);
    expect(h.values()[1]).toBeNaN();
  });
});

describe('ThrottledStore', () => {
  it('coalesces updates into at most one notification per frame and flushes on demand', async () => {
    const store = new ThrottledStore({ n: 0 }, 50);
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.get().n));
    for (let i = 1; i <= 10; i++) store.update(() => ({ n: i }));
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([10]);
    store.update(() => ({ n: 11 }));
    store.update(() => ({ n: 12 }));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([10]);
    store.flush();
    expect(seen).toEqual([10, 12]);
    store.close();
  });
  it('spaces frames by what they cost to draw', () => {
    const store = new ThrottledStore({}, 100);
    store.reportFrameCost(2);
    expect(store.frameMs).toBe(100);
    for (let i = 0; i < 20; i++) store.reportFrameCost(30);
    expect(store.frameMs).toBeGreaterThan(500);
    expect(store.frameMs).toBeLessThanOrEqual(1000);
  });
  it('measures a frame whole: the render its listeners queue as a microtask included', async () => {
    const store = new ThrottledStore({ n: 0 }, 100);
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    store.subscribe(() => queueMicrotask(() => busy(15)));
    store.update(() => ({ n: 1 }));
    store.flush();
    await Promise.resolve();
    await Promise.resolve();
    expect(store.frameMs).toBeGreaterThanOrEqual(290);
    store.close();
  });
  it('starts from an assumed frame cost, and leaves a frame due near the end to the final one', async () => {
    expect(new ThrottledStore({}, 100, { firstFrameCostMs: 25 }).frameMs).toBe(500);
    const store = new ThrottledStore({ n: 0 }, 200, { remainingMs: (s) => (s.n >= 2 ? 50 : Infinity) });
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.get().n));
    store.update(() => ({ n: 1 }));
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([1]);
    await new Promise((r) => setTimeout(r, 250));
    store.update(() => ({ n: 2 }));
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([1]);
    // …but not for longer than two frame intervals.
    await new Promise((r) => setTimeout(r, 250));
    expect(seen).toEqual([1, 2]);
    store.close();
  });
});

describe('charts and pictures', () => {
  it('resamples to bin means, and stretches short series on request', () => {
    expect(resample([1, 3, 5, 7], 2)).toEqual([2, 6]);
    expect(resample([1, 2], 4, true)).toEqual([1, 1, 2, 2]);
  });
  it('draws a line chart of the requested width with labels, skipping non-finite points', () => {
    const lines = lineChart([[5, 4, Number.NaN, 2, 1]], { width: 30, height: 4 });
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('5');
    for (const l of lines) expect(stripAnsi(l).length).toBeLessThanOrEqual(30);
  });
  it('leaves out a series with nothing finite yet (a race lane not started), and its colour', () => {
    const drawn = lineChart([[10, 5, 2], [Number.NaN, Number.NaN]], { width: 30, height: 4, log: true, colours: ['a', 'b'] });
    const alone = lineChart([[10, 5, 2]], { width: 30, height: 4, log: true, colours: ['a'] });
    expect(drawn).toEqual(alone); // no flat line at 1, no axis stretched down to it
  });
  it('draws half blocks, and shade characters without colour', () => {
    const g = makeGrid(2, 2);
    setPixel(g, 0, 0, [255, 0, 0], 1);
    setPixel(g, 0, 1, [0, 0, 255], 0);
    const [line] = gridLines(g, 'truecolor');
    expect(line).toContain('38;2;255;0;0');
    expect(line).toContain('48;2;0;0;255');
    expect(stripAnsi(line!)).toBe('▀▀');
    expect(gridLines(g, 'none')).toEqual(['+ ']);
  });
  it('marks an optimizer path from S to E on a heat-map', () => {
    const a = Float64Array.from([-1, 0, 1]);
    const values = Float64Array.from([3, 2, 3, 2, 1, 2, 3, 2, 3]);
    const pic = heatmapPicture({ values, a, b: a }, { a: Float64Array.from([1, 0.5, 0]), b: Float64Array.from([-1, -0.5, 0]) });
    expect(pic.min).toBe(1);
    expect(pic.max).toBe(3);
    const chars = [...pic.marks.values()].map((m) => m.char);
    expect(chars).toContain('S');
    expect(chars).toContain('E');
  });
});

describe('landscape plane', () => {
  it("is the library's plane of the path, scaled to the path's length with the start on the positive side", () => {
    const pts = [Matrix.from(1, 3, [2, 0, 0], 'float64'), Matrix.from(1, 3, [1, 1, 0], 'float64'), Matrix.from(1, 3, [0, 0, 0], 'float64')];
    const { center, directions } = pathPlane(pts);
    const [d1, d2] = directions;
    expect(Array.from(center.data)).toEqual([0, 0, 0]);
    expect(Math.hypot(...d1.data)).toBeCloseTo(2);
    expect(Math.hypot(...d2.data)).toBeCloseTo(2);
    expect(d1.data[0]! * d2.data[0]! + d1.data[1]! * d2.data[1]! + d1.data[2]! * d2.data[2]!).toBeCloseTo(0);
    // The path lies in the plane; its start at distance 1 from the end, with a, b ≥ 0.
    const { a, b } = projectTrajectory(center, directions, pts);
    expect(Math.hypot(a[0]!, b[0]!)).toBeCloseTo(1);
    expect(a[0]!).toBeGreaterThanOrEqual(0);
    expect(b[0]!).toBeGreaterThanOrEqual(0);
    expect(Math.hypot(a[1]!, b[1]!)).toBeCloseTo(Math.SQRT2 / 2);
  });
});

describe('layout and session helpers', () => {
  it('uses the compact layout below 80 columns', () => {
    expect(trainLayout(79, 40).compact).toBe(true);
    expect(trainLayout(80, 40).compact).toBe(false);
    expect(trainLayout(120, 40, { imageShape: [28, 28], classes: 10 }).thumb).toBe(10);
  });
  it('packs the inline figures whole and in order into the lines a short window leaves', () => {
    const stats = [
      { label: 'step', value: '800' },
      { label: 'loss', value: '0.3125' },
      { label: 'lr', value: '0.03' },
      { label: '‖∇W‖', value: '0.5' },
    ];
    const labels = (lines: { label: string }[][]) => lines.map((l) => l.map((s) => s.label));
    expect(labels(packFigures(stats, 200, 2))).toEqual([['step', 'loss', 'lr', '‖∇W‖']]);
    // "step 800  loss 0.3125" is 21 columns.
    expect(labels(packFigures(stats, 21, 2))).toEqual([['step', 'loss'], ['lr', '‖∇W‖']]);
    expect(labels(packFigures(stats, 20, 2))).toEqual([['step'], ['loss', 'lr']]);
    expect(labels(packFigures(stats, 20, 0))).toEqual([]);
    expect(trainLayout(20, 8).figureLines).toBe(1);
    expect(trainLayout(20, 7).figureLines).toBe(0);
    expect(trainLayout(40, 30).figureLines).toBe(2);
  });
  it('formats live learning-rate factors and picks snapshot intervals', () => {
    expect(formatScale(4)).toBe('4');
    expect(formatScale(0.25)).toBe('1/4');
    expect(snapshotInterval(2000, 200)).toBe(200);
    expect(snapshotInterval(100000, 10000)).toBe(500);
    expect(snapshotInterval(100, 10)).toBe(25);
  });
  it('reads --val as a count or a share, and the library holds it out', async () => {
    expect(countOrShare(true)('0.1')).toBe(0.1);
    expect(countOrShare(true)('0')).toBe(0);
    expect(countOrShare(false)('1000')).toBe(1000);
    expect(() => countOrShare(false)('0')).toThrow(InvalidArgumentError);
    expect(() => countOrShare(true)('1.5')).toThrow(InvalidArgumentError);
    const share = await loadDataset({ dataset: 'mnist', seed: 0 }, 0.1);
    expect([share.train.X.rows, share.val?.X.rows]).toEqual([7200, 800]);
    const counted = await loadDataset({ dataset: 'mnist', seed: 0, limit: 500 }, 1000);
    expect([counted.train.X.rows, counted.val?.X.rows]).toEqual([500, 1000]);
    await expect(loadDataset({ dataset: 'mnist', seed: 0 }, 9000)).rejects.toThrow(UsageError);
  });
  it('puts race curves on a shared evaluations axis', () => {
    const pts = [1, 2, 3, 4].map((e) => ({ evaluations: e, elapsedMs: e, loss: 10 - e }));
    expect(onBudgetAxis(pts, 4, 4)).toEqual([9, 8, 7, 6]);
    expect(onBudgetAxis(pts.slice(0, 2), 4, 4)).toEqual([9, 8]);
  });
});

vi.restoreAllMocks();

describe('onInterrupt', () => {
  it('hands the stop the signal that asked for it, once; a second SIGHUP neither stops again nor exits', () => {
    const got: (string | undefined)[] = [];
    const release = onInterrupt((signal) => got.push(signal));
    try {
      // As Node calls a signal's listeners: with its name.
      process.emit('SIGHUP', 'SIGHUP');
      process.emit('SIGHUP', 'SIGHUP');
    } finally {
      release();
    }
    expect(got).toEqual(['SIGHUP']);
    expect(process.listenerCount('SIGHUP')).toBe(0);
  });
});
