// The server answers every bad request with a 4xx JSON error naming the problem, and keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/server/context.js';
import { post, testApp } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const POST_ROUTES = ['/api/runs', '/api/races', '/api/landscape', '/api/step-size', '/api/grad-check'];

describe('malformed requests', () => {
  it.each(POST_ROUTES)('%s: malformed JSON is a 400', async (url) => {
    const res = await app.inject({ method: 'POST', url, payload: '{"learningRate": 0.1,', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/JSON/);
  });

  it.each(POST_ROUTES)('%s: a body over the limit is a 413', async (url) => {
    const res = await app.inject({ method: 'POST', url, payload: JSON.stringify({ pad: 'x'.repeat(20_000) }), headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it.each(POST_ROUTES)('%s: a form-encoded body is a 415', async (url) => {
    const res = await app.inject({ method: 'POST', url, payload: 'learningRate=0.1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
  });

  it.each(POST_ROUTES)('%s: a text/plain body is a 415 saying what to send', async (url) => {
    const res = await app.inject({ method: 'POST', url, payload: '{"seed":1}', headers: { 'content-type': 'text/plain' } });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toBe('content-type text/plain is not accepted; send a JSON body with content-type: application/json');
  });

  it('a body that sets __proto__ is a 400 that names the possibility', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/runs', payload: '{"__proto__": {"x": 1}}', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('the request body is not valid JSON, or sets a forbidden key (__proto__, constructor.prototype)');
  });

  it.each(POST_ROUTES)('%s: an unknown field is a 400 naming it', async (url) => {
    const { status, body } = await post(app, url, { learnignRate: 0.1 });
    expect(status).toBe(400);
    expect(body).toMatchObject({ field: 'learnignRate', message: 'learnignRate is not a known setting' });
  });

  it.each(POST_ROUTES)('%s: a body that is not an object is a 400', async (url) => {
    expect((await post(app, url, [1, 2])).status).toBe(400);
    expect((await post(app, url)).status).toBe(400);
  });

  it.each([
    ['/api/runs', { learningRate: 0 }, 'learningRate', 'must be > 0'],
    ['/api/runs', { learningRate: 'fast' }, 'learningRate', 'must be number'],
    ['/api/runs', { iterations: 1e9 }, 'iterations', 'must be <= 100000'],
    ['/api/runs', { iterations: 1.5 }, 'iterations', 'must be integer'],
    ['/api/runs', { batchSize: 0 }, 'batchSize', 'must be >= 1'],
    ['/api/runs', { optimizer: 'lbfgs' }, 'optimizer', 'allowed values: sgd, momentum, nesterov, rmsprop, adam'],
    ['/api/runs', { dataset: 'cifar10' }, 'dataset', 'allowed values'],
    ['/api/runs', { reg: -1 }, 'reg', 'must be >= 0'],
    ['/api/races', { budget: 1e6 }, 'budget', 'must be <= 5000'],
    ['/api/landscape', { steps2d: 1001 }, 'steps2d', 'must be <= 101'],
    ['/api/landscape', { range: 0 }, 'range', 'must be > 0'],
    ['/api/step-size', { count: 1 }, 'count', 'must be >= 2'],
    ['/api/grad-check', { samples: 1000 }, 'samples', 'must be <= 100'],
    ['/api/grad-check', { h: -1e-5 }, 'h', 'must be > 0'],
  ])('%s %j: 400 naming %s', async (url, body, field, message) => {
    const res = await post(app, url, body);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(res.body.message).toContain(field);
    expect(res.body.message).toContain(message);
  });

  it('a batch larger than the training set is a 400 naming batchSize', async () => {
    const res = await post(app, '/api/runs', { dataset: 'blobs', batchSize: 5000 });
    expect(res).toMatchObject({ status: 400, body: { field: 'batchSize' } });
    expect(res.body.message).toBe('batchSize 5000 is larger than the 420 training rows of blobs (at most 420)');
  });

  it('a malformed job id is a 400, an unknown one a 404', async () => {
    const malformed = await app.inject({ method: 'GET', url: '/api/runs/nope' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/^id must match pattern/);
    const res = await app.inject({ method: 'GET', url: '/api/runs/00000000-0000-0000-0000-000000000000' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/no run/);
  });

  it('unknown routes are 404s with a JSON body', async () => {
    for (const [method, url] of [['GET', '/api/nothing'], ['POST', '/api/nothing'], ['DELETE', '/api/runs'], ['GET', '/elsewhere']] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });

  it('keeps serving after all of that', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('ok');
  });
});
