// Training runs: create, stream, steer, stop, abort on disconnect, download the model, limits.
import { LinearClassifier } from '@svm/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/server/context.js';
import { datasets, listening, openStream, parseSse, post, runToEnd, sleep, testApp } from './helpers.js';

/** Polls a run's status until it has finished (aborts settle within a chunk). */
async function untilFinished(app: App, id: string): Promise<any> {
  for (let i = 0; i < 100; i++) {
    const status = (await app.inject({ method: 'GET', url: `/api/runs/${id}` })).json();
    if (status.state === 'finished') return status;
    await sleep(50);
  }
  throw new Error(`run ${id} did not finish`);
}

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe('POST /api/runs + GET /api/runs/:id/events', () => {
  it('creates a run that starts when its stream opens and streams start, progress and done', async () => {
    const created = await post(app, '/api/runs', { iterations: 400, learningRate: 0.05 });
    expect(created.status).toBe(201);
    expect(created.body.events).toBe(`/api/runs/${created.body.id}/events`);
    const before = await app.inject({ method: 'GET', url: `/api/runs/${created.body.id}` });
    expect(before.json()).toMatchObject({ state: 'waiting', kind: 'train', settings: { iterations: 400, dataset: 'mnist', loss: 'svm' } });

    const { events } = await runToEnd(app, 'runs', { iterations: 400, learningRate: 0.05 });
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('start');
    expect(names[names.length - 1]).toBe('done');
    expect(names.filter((n) => n === 'progress').length).toBeGreaterThan(0);

    const start = events[0]!.data;
    expect(start).toMatchObject({ iterations: 400, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], rows: { train: 7000, val: 1000, test: 2000 } });
    const points = events.filter((e) => e.event === 'progress').flatMap((e) => e.data.points);
    expect(points[0][0]).toBe(0);
    const firstLoss = points[0][1];
    const lastLoss = points[points.length - 1][1];
    expect(lastLoss).toBeLessThan(firstLoss / 4);
    const templates = events.find((e) => e.data.templates)!.data.templates;
    expect(templates).toMatchObject({ width: 28, height: 28, channels: 1 });
    expect(Buffer.from(templates.classes[0], 'base64').length).toBe(784);

    const done = events[events.length - 1]!.data;
    expect(done).toMatchObject({ stopped: 'done', steps: 400 });
    expect(done.testAccuracy).toBeGreaterThan(0.8);
    expect(done.confusion).toHaveLength(10);
    expect(done.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(2000);
  });

  it('throttles: a 2000-step run sends about ten events a second, not one per chunk', async () => {
    const { events } = await runToEnd(app, 'runs', { iterations: 2000 });
    const progress = events.filter((e) => e.event === 'progress');
    const done = events[events.length - 1]!.data;
    // At most one event per 100 ms (+ the first and the final flush).
    expect(progress.length).toBeLessThanOrEqual(done.elapsedMs / 100 + 3);
    const steps = progress.flatMap((e) => e.data.points.map((p: number[]) => p[0]));
    expect(steps[steps.length - 1]).toBe(1999);
  });

  it('same settings, same run: the seed makes it reproducible', async () => {
    const a = await runToEnd(app, 'runs', { dataset: 'blobs', iterations: 200, seed: 7 });
    const b = await runToEnd(app, 'runs', { dataset: 'blobs', iterations: 200, seed: 7 });
    // Few enough steps that no event is thinned: every step's loss matches.
    const losses = (ev: typeof a.events) => ev.filter((e) => e.event === 'progress').flatMap((e) => e.data.points.map((p: number[]) => p[1]));
    expect(losses(a.events)).toHaveLength(200);
    expect(losses(a.events)).toEqual(losses(b.events));
    expect(a.events.at(-1)!.data.confusion).toEqual(b.events.at(-1)!.data.confusion);
  });

  it('a diverging run ends with stopped: diverged, where and why', async () => {
    const { events } = await runToEnd(app, 'runs', { optimizer: 'adam', learningRate: 100, iterations: 300 });
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data.stopped).toBe('diverged');
    expect(done.data.diverged).toMatchObject({ learningRate: 100 });
    expect(done.data.steps).toBeLessThan(300);
    expect(done.data.trainAccuracy).toBeNull();
  });

  it('2-D datasets stream without templates', async () => {
    const { events } = await runToEnd(app, 'runs', { dataset: 'spirals', iterations: 100 });
    expect(events.some((e) => e.data.templates)).toBe(false);
    expect(events.at(-1)!.data.confusion).toHaveLength(3);
  });

  it('a finished run streams no more (204 stops EventSource reconnecting)', async () => {
    const { id } = await runToEnd(app, 'runs', { dataset: 'blobs', iterations: 10 });
    const again = await app.inject({ method: 'GET', url: `/api/runs/${id}/events` });
    expect(again.statusCode).toBe(204);
    const status = (await app.inject({ method: 'GET', url: `/api/runs/${id}` })).json();
    expect(status).toMatchObject({ state: 'finished', stopped: 'done', step: 10 });
    expect(status).not.toHaveProperty('learningRate'); // no next step
  });
});

describe('GET /api/runs/:id/model', () => {
  it('downloads the trained model, which predicts as the run reported', async () => {
    const { id, events } = await runToEnd(app, 'runs', { iterations: 300 });
    const done = events.at(-1)!.data;
    const res = await app.inject({ method: 'GET', url: done.model });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`attachment; filename="svm-mnist-svm-${id.slice(0, 8)}\\.json"`));
    const model = LinearClassifier.fromJSON(res.json());
    const { raw } = await datasets.get('mnist');
    expect(model.accuracy(raw.test.X, raw.test.y)).toBeCloseTo(done.testAccuracy, 10);
    expect(model.imageShape).toEqual([28, 28]);
  });

  it('is a 409 before the run has ended', async () => {
    const { body } = await post(app, '/api/runs', { iterations: 10 });
    const res = await app.inject({ method: 'GET', url: `/api/runs/${body.id}/model` });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/no model yet/);
  });
});

describe('steering a live run', () => {
  let base: string;
  let live: App;
  beforeAll(async () => {
    live = await testApp();
    base = await listening(live);
  });
  afterAll(() => live.close());

  it('pauses, resumes, scales the learning rate and stops', async () => {
    const { body } = await post(live, '/api/runs', { iterations: 100_000 });
    const stream = openStream(base + body.events);
    await stream.next((e) => e.event === 'progress');

    // The reply comes once the loop has stopped (after the chunk under way): paused means the step holds.
    const paused = await post(live, `/api/runs/${body.id}/pause`);
    expect(paused).toMatchObject({ status: 200, body: { state: 'paused' } });
    const stepAtPause = paused.body.step;
    expect((await stream.next((e) => e.event === 'state' && e.data.state === 'paused')).data.step).toBe(stepAtPause);
    const atPause = (await live.inject({ method: 'GET', url: `/api/runs/${body.id}` })).json();
    expect(atPause.learningRate).toBe(0.05);
    expect(atPause.step).toBe(stepAtPause);
    await sleep(300);
    expect((await live.inject({ method: 'GET', url: `/api/runs/${body.id}` })).json().step).toBe(stepAtPause);

    expect(await post(live, `/api/runs/${body.id}/resume`)).toMatchObject({ status: 200, body: { state: 'running' } });
    const scaled = await post(live, `/api/runs/${body.id}/learning-rate`, { factor: 0.5 });
    expect(scaled.body).toMatchObject({ learningRateScale: 0.5, learningRate: 0.025 });
    const lr = await stream.next((e) => e.event === 'progress' && e.data.learningRate === 0.025);
    expect(lr.data.paused).toBe(false);
    expect((await post(live, `/api/runs/${body.id}/learning-rate`, { factor: 0 })).body.field).toBe('factor');

    // The reply is the state after the stop, at the last step, not the snapshot before it.
    const stopping = await post(live, `/api/runs/${body.id}/stop`);
    expect(stopping).toMatchObject({ status: 200, body: { state: 'stopping' } });
    expect(stopping.body).not.toHaveProperty('learningRate');
    expect((await stream.next((e) => e.event === 'state')).data).toEqual({ state: 'stopping', step: stopping.body.step });
    expect((await post(live, `/api/runs/${body.id}/pause`)).status).toBe(409);
    const done = await stream.next((e) => e.event === 'done');
    expect(done.data.stopped).toBe('aborted');
    expect(done.data.steps).toBe(stopping.body.step);
    expect(done.data.steps).toBeLessThan(100_000);
    await stream.done;
    // The stopped run kept its W: its model downloads.
    expect((await live.inject({ method: 'GET', url: done.data.model })).statusCode).toBe(200);
    expect((await post(live, `/api/runs/${body.id}/stop`)).status).toBe(409);
    expect((await post(live, `/api/runs/${body.id}/pause`)).status).toBe(409);
  });

  it('learning-rate factors compound only within the settings’ bounds', async () => {
    const { body } = await post(live, '/api/runs', { iterations: 100_000 });
    const stream = openStream(base + body.events);
    await stream.next((e) => e.event === 'progress');
    await post(live, `/api/runs/${body.id}/pause`);
    const url = `/api/runs/${body.id}/learning-rate`;
    expect((await post(live, url, { factor: 1000 })).body).toMatchObject({ learningRate: 50 });
    const over = await post(live, url, { factor: 10 });
    expect(over).toMatchObject({ status: 400, body: { field: 'factor' } });
    expect(over.body.message).toBe('factor 10 would take the learning rate to 500; expected it to stay within [1e-12, 100]');
    let status = 200;
    for (let i = 0; i < 10 && status === 200; i++) status = (await post(live, url, { factor: 0.001 })).status;
    expect(status).toBe(400); // stopped on the way down, before 0
    const now = (await live.inject({ method: 'GET', url: `/api/runs/${body.id}` })).json();
    expect(now.learningRate).toBeGreaterThanOrEqual(1e-12);
    expect((await post(live, url, { factor: 1000 })).status).toBe(200); // and it can come back
    stream.abort();
    await stream.done;
  });

  it('HEAD on an event stream neither starts nor uses up the run', async () => {
    const { body } = await post(live, '/api/runs', { iterations: 50 });
    const head = await live.inject({ method: 'HEAD', url: body.events });
    expect(head.statusCode).toBe(404);
    expect((await live.inject({ method: 'GET', url: `/api/runs/${body.id}` })).json().state).toBe('waiting');
    const events = parseSse((await live.inject({ method: 'GET', url: body.events })).body);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { stopped: 'done', steps: 50 } });
  });

  it('closing the server stops its runs at once instead of waiting for them', async () => {
    const app = await testApp();
    const url = await listening(app);
    const { body } = await post(app, '/api/runs', { iterations: 100_000 });
    const stream = openStream(url + body.events);
    await stream.next((e) => e.event === 'progress');
    const t0 = Date.now();
    await app.close();
    const done = await stream.next((e) => e.event === 'done');
    expect(done.data.stopped).toBe('aborted');
    expect(Date.now() - t0).toBeLessThan(30_000); // a generous bound on what used to take the whole run
    await stream.done;
  });

  it('a run stopped before its stream opens ends at once, aborted', async () => {
    const { body } = await post(live, '/api/runs', { iterations: 100_000 });
    expect(await post(live, `/api/runs/${body.id}/stop`)).toMatchObject({ status: 200, body: { state: 'waiting' } });
    const events = parseSse((await live.inject({ method: 'GET', url: body.events })).body);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { stopped: 'aborted' } });
    expect(events.at(-1)!.data.steps).toBeLessThan(100);
  });

  it('steering a run whose stream is not open yet is a 409', async () => {
    const { body } = await post(live, '/api/runs', { iterations: 10 });
    for (const action of ['pause', 'resume']) {
      const res = await post(live, `/api/runs/${body.id}/${action}`);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/not streaming yet/);
    }
  });

  it('a second stream of a running run is a 409', async () => {
    const { body } = await post(live, '/api/runs', { iterations: 100_000 });
    const first = openStream(base + body.events);
    await first.next((e) => e.event === 'start');
    const second = await fetch(base + body.events);
    expect(second.status).toBe(409);
    first.abort();
    await first.done;
    expect(await untilFinished(live, body.id)).toMatchObject({ stopped: 'aborted' });
  });

  it('aborts the run when its client goes away', async () => {
    const active = async () => (await live.inject({ method: 'GET', url: '/api/health' })).json().jobs.active;
    const before = await active();
    const { body } = await post(live, '/api/runs', { iterations: 100_000 });
    const stream = openStream(base + body.events);
    await stream.next((e) => e.event === 'progress');
    stream.abort();
    await stream.done;
    const status = await untilFinished(live, body.id);
    expect(status).toMatchObject({ state: 'finished', stopped: 'aborted' });
    expect(status.step).toBeLessThan(100_000);
    // Its slot is free again.
    expect(await active()).toBe(before);
  });

  it('two runs at once stay independent: each matches the same run alone', async () => {
    const settings = (seed: number) => ({ dataset: 'mnist', iterations: 600, seed });
    // Progress events are thinned by timing; the end of a run is exact.
    const outcome = async ({ events }: { events: Array<{ event: string; data: any }> }) => {
      const done = events.at(-1)!.data;
      const model = (await live.inject({ method: 'GET', url: done.model })).json();
      return { loss: done.loss, confusion: done.confusion, testAccuracy: done.testAccuracy, weights: model.weights as string };
    };
    const alone = await outcome(await runToEnd(live, 'runs', settings(1)));
    const [a, b] = await Promise.all([runToEnd(live, 'runs', settings(1)), runToEnd(live, 'runs', settings(2))]);
    expect(await outcome(a)).toEqual(alone);
    expect((await outcome(b)).loss).not.toBe(alone.loss);
  });
});

describe('limits', () => {
  let small: App;
  afterEach(() => small?.close());

  it('refuses a run over the concurrency limit with 429 and Retry-After', async () => {
    small = await testApp({ maxJobs: 2 });
    expect((await post(small, '/api/runs', { dataset: 'blobs' })).status).toBe(201);
    expect((await post(small, '/api/races', { dataset: 'blobs' })).status).toBe(201);
    const third = await post(small, '/api/runs', { dataset: 'blobs' });
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
    expect(third.body.message).toMatch(/limit/);
  });

  it('drops a run nobody streams, freeing its slot', async () => {
    small = await testApp({ maxJobs: 1, attachTimeoutMs: 100 });
    const { body } = await post(small, '/api/runs', { dataset: 'blobs' });
    expect((await post(small, '/api/runs', { dataset: 'blobs' })).status).toBe(429);
    await sleep(250);
    expect((await small.inject({ method: 'GET', url: `/api/runs/${body.id}` })).statusCode).toBe(404);
    expect((await post(small, '/api/runs', { dataset: 'blobs' })).status).toBe(201);
  });

  it('aborts a run that exceeds the time limit', async () => {
    small = await testApp({ maxJobMs: 300 });
    const { events } = await runToEnd(small, 'runs', { iterations: 100_000 });
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { stopped: 'aborted' } });
  });

  it('forgets finished runs beyond maxFinished', async () => {
    small = await testApp({ maxFinished: 1 });
    const first = await runToEnd(small, 'runs', { dataset: 'blobs', iterations: 5 });
    const second = await runToEnd(small, 'runs', { dataset: 'blobs', iterations: 5 });
    expect((await small.inject({ method: 'GET', url: `/api/runs/${first.id}` })).statusCode).toBe(404);
    expect((await small.inject({ method: 'GET', url: `/api/runs/${second.id}` })).statusCode).toBe(200);
  });
});
