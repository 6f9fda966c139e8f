// Landscape, step-size sweep and gradient check routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRelativeError } from '@svm/core';
import type { App } from '../src/server/context.js';
import { logGrid } from '../src/server/analysis/step-size.js';
import { post, testApp } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe('POST /api/landscape', () => {
  it('returns the plane, the line and the path; path directions give the path its own plane', async () => {
    const { status, body } = await post(app, '/api/landscape', { steps2d: 21, steps1d: 51, pathSteps: 100 });
    expect(status).toBe(200);
    expect(body.a).toHaveLength(21);
    expect(body.b).toHaveLength(21);
    expect(body.loss2d).toHaveLength(21 * 21);
    expect(body.slice1d.a).toHaveLength(51);
    // The path's own plane: unit directions, a grid reaching 1.5× as far as the path (range 1.5)…
    const reach = Math.max(...body.path.a.map(Math.abs), ...body.path.b.map(Math.abs));
    expect(body.a[0]).toBeCloseTo(-1.5 * reach, 3);
    expect(body.a[20]).toBeCloseTo(1.5 * reach, 3);
    expect(body.b).toEqual(body.a);
    expect(body.slice1d.a[0]).toBe(body.a[0]);
    // …the path ends at the centre (0, 0), starting well away along the first direction…
    expect(body.path.a.at(-1)).toBeCloseTo(0, 4);
    expect(body.path.b.at(-1)).toBeCloseTo(0, 4);
    expect(Math.abs(body.path.a[0])).toBeGreaterThan(0.5 * reach);
    // …swerving on the way (the second direction is its next-largest spread)…
    expect(Math.max(...body.path.b.map(Math.abs))).toBeGreaterThan(0.01 * reach);
    // …and goes downhill.
    expect(body.path.loss.at(-1)).toBeLessThan(body.path.loss[0] / 2);
    expect(body.centerLoss).toBe(body.path.loss.at(-1));
    // The centre of the plane and of the line is where the path ends.
    expect(body.loss2d[10 * 21 + 10]).toBeCloseTo(body.centerLoss, 3);
    expect(body.slice1d.loss[25]).toBeCloseTo(body.centerLoss, 3);
  });

  it('random directions keep the range as given', async () => {
    const { body } = await post(app, '/api/landscape', { directions: 'random', steps2d: 11, steps1d: 11, pathSteps: 10, range: 2, dataset: 'blobs' });
    expect([body.a[0], body.a[10]]).toEqual([-2, 2]);
  });

  it('random directions: a different seed gives a different plane', async () => {
    const one = await post(app, '/api/landscape', { directions: 'random', steps2d: 11, steps1d: 11, pathSteps: 0, loss: 'softmax', dataset: 'blobs' });
    const two = await post(app, '/api/landscape', { directions: 'random', steps2d: 11, steps1d: 11, pathSteps: 0, loss: 'softmax', dataset: 'blobs', seed: 1 });
    expect(one.status).toBe(200);
    expect(one.body.path.a).toEqual([0]);
    expect(one.body.centerLoss).toBeCloseTo(one.body.loss2d[5 * 11 + 5], 3);
    expect(one.body.loss2d).not.toEqual(two.body.loss2d);
  });

  it("one example's loss is piecewise linear along a line (a few kinks), all examples' is not", async () => {
    const kinks = (loss: number[]) => {
      const top = Math.max(...loss.map(Math.abs));
      let n = 0;
      for (let i = 1; i + 1 < loss.length; i++) if (Math.abs(loss[i + 1]! - 2 * loss[i]! + loss[i - 1]!) > 1e-4 * top) n++;
      return n;
    };
    // The default reg: one example's picture leaves the regularizer's curve out.
    const settings = { directions: 'random', steps2d: 5, steps1d: 41, pathSteps: 20, reg: 0.01, range: 3 };
    const one = await post(app, '/api/landscape', { ...settings, examples: 'one' });
    const all = await post(app, '/api/landscape', { ...settings, examples: 'all' });
    expect(one.status).toBe(200);
    // Nine hinges (C − 1 classes against the right one), each bending at most once along the line;
    // a bend between two grid points shows in two second differences.
    expect(kinks(one.body.slice1d.loss)).toBeLessThanOrEqual(18);
    expect(kinks(one.body.slice1d.loss)).toBeGreaterThan(0);
    // Thousands of hinges bend somewhere between every two grid points: curved all along.
    expect(kinks(all.body.slice1d.loss)).toBeGreaterThan(30);
    expect(one.body.centerLoss).not.toBe(all.body.centerLoss);
  });

  it("'path' directions need a path", async () => {
    const res = await post(app, '/api/landscape', { directions: 'path', pathSteps: 0 });
    expect(res).toMatchObject({ status: 400, body: { field: 'pathSteps' } });
  });
});

describe('POST /api/step-size', () => {
  it('sweeps a log grid and marks where the loss starts to rise', async () => {
    const { status, body } = await post(app, '/api/step-size', { fromExp: -6, toExp: 2, count: 33 });
    expect(status).toBe(200);
    expect(body.entries).toHaveLength(33);
    expect(body.entries[0].stepSize).toBeCloseTo(1e-6, 12);
    expect(body.entries[32].stepSize).toBeCloseTo(100, 6);
    expect(body.entries[body.best].loss).toBeLessThan(body.initialLoss);
    expect(body.firstRise).toBeGreaterThan(body.best);
    expect(body.entries[body.firstRise].rises).toBe(true);
    expect(body.entries.slice(body.best + 1, body.firstRise).every((e: any) => !e.rises)).toBe(true);
  });

  it('needs toExp above fromExp', async () => {
    expect(await post(app, '/api/step-size', { fromExp: 1, toExp: 1 })).toMatchObject({ status: 400, body: { field: 'toExp' } });
  });

  it('logGrid spaces evenly in log10', () => {
    expect(logGrid(-2, 0, 3)).toEqual([0.01, 0.1, 1]);
  });
});

describe('POST /api/grad-check', () => {
  it('float64 agrees to ~1e-7, float32 visibly worse, same coordinates', async () => {
    const { status, body } = await post(app, '/api/grad-check', { samples: 8, rows: 200 });
    expect(status).toBe(200);
    expect(body.rows).toBe(200);
    expect(body.float64.checks).toHaveLength(8);
    expect(body.float64.maxRelErrorAwayFromKinks).toBeLessThan(1e-6);
    expect(body.float32.maxRelError).toBeGreaterThan(body.float64.maxRelError);
    expect(body.float32.checks.map((c: any) => [c.row, c.col])).toEqual(body.float64.checks.map((c: any) => [c.row, c.col]));
    // Each check carries @svm/core's reading of its error, which the page colours by.
    for (const c of [...body.float64.checks, ...body.float32.checks]) {
      expect(c.verdict).toBe(readRelativeError(c.relError, { nearKink: c.nearKink, analytic: c.analytic }));
    }
    expect(body.float64.checks.filter((c: any) => !c.nearKink).every((c: any) => c.verdict === 'right')).toBe(true);
  });

  it('refuses more rows than the dataset has, naming rows and the most it can be', async () => {
    const res = await post(app, '/api/grad-check', { dataset: 'spirals', rows: 500 });
    expect(res).toMatchObject({ status: 400, body: { field: 'rows', message: 'rows 500 is larger than the 420 training rows of spirals (at most 420)' } });
    expect(await post(app, '/api/grad-check', { dataset: 'spirals', rows: 420, samples: 2 })).toMatchObject({ status: 200, body: { rows: 420 } });
    // Left out, the default (500) is capped at the rows there are, and the answer says so.
    expect(await post(app, '/api/grad-check', { dataset: 'spirals', samples: 2 })).toMatchObject({ status: 200, body: { rows: 420, settings: { rows: 420 } } });
    expect(await post(app, '/api/grad-check', { samples: 2 })).toMatchObject({ status: 200, body: { rows: 500 } });
  });

  it('flags kinks when h is large enough to cross them (svm), never for softmax', async () => {
    const svm = await post(app, '/api/grad-check', { samples: 20, rows: 500, h: 0.5, scale: 1 });
    expect(svm.body.float64.checks.some((c: any) => c.nearKink)).toBe(true);
    const softmax = await post(app, '/api/grad-check', { samples: 20, rows: 500, h: 0.5, scale: 1, loss: 'softmax' });
    expect(softmax.body.float64.checks.some((c: any) => c.nearKink)).toBe(false);
  });
});

describe('analysis limit', () => {
  it('answers 429 beyond maxAnalyses', async () => {
    const busy = await testApp({ maxAnalyses: 0 });
    for (const url of ['/api/landscape', '/api/step-size', '/api/grad-check']) {
      const res = await post(busy, url, {});
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('2');
    }
    await busy.close();
  });
});
