// GET /api/health, GET /api/datasets, the client files at /, and listen-address parsing.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { listenAddress } from '../src/server/config.js';
import type { App } from '../src/server/context.js';
import { datasets, testApp } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe('GET /api/health', () => {
  it('reports the backend, load and event-loop delay', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ok', backend: 'native', jobs: { active: 0, limit: 4 }, analyses: { active: 0, limit: 2 } });
    for (const key of ['mean', 'p50', 'p99', 'max']) expect(typeof body.eventLoopDelayMs[key]).toBe('number');
  });
});

describe('GET /api/datasets', () => {
  it('lists the web datasets, with sizes once loaded', async () => {
    await datasets.get('blobs');
    const body = (await app.inject({ method: 'GET', url: '/api/datasets' })).json();
    expect(body.datasets.map((d: any) => d.name)).toEqual(['mnist', 'fashion-mnist', 'blobs', 'spirals', 'linear']);
    const blobs = body.datasets.find((d: any) => d.name === 'blobs');
    expect(blobs).toMatchObject({ available: true, images: false, loaded: { train: 420, val: 60, test: 120, features: 2, classes: 3 } });
    expect(body.datasets.find((d: any) => d.name === 'mnist').images).toBe(true);
  });
});

describe('the client at /', () => {
  it('serves the built files, gzipped when accepted, hashed assets cached for good', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svm-web-client-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>svm</title>');
    const js = 'console.log("hello");'.repeat(50);
    writeFileSync(join(dir, 'assets', 'main-abc123.js'), js);
    writeFileSync(join(dir, 'assets', 'main-abc123.js.gz'), gzipSync(js));
    const withClient = await buildApp({ config: { clientDir: dir }, datasets });
    const index = await withClient.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toContain('<title>svm</title>');
    const asset = await withClient.inject({ method: 'GET', url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await withClient.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await withClient.inject({ method: 'GET', url: '/api/nothing' })).json().statusCode).toBe(404);
    await withClient.close();
  });

  it('says how to build it when it is not built', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatch(/pnpm --filter @svm\/web build/);
  });
});

describe('listenAddress', () => {
  it('defaults to 127.0.0.1:8231; PORT and HOST override', () => {
    expect(listenAddress({})).toEqual({ port: 8231, host: '127.0.0.1' });
    expect(listenAddress({ PORT: '0', HOST: '0.0.0.0' })).toEqual({ port: 0, host: '0.0.0.0' });
    expect(() => listenAddress({ PORT: 'eighty' })).toThrow(/PORT must be/);
    expect(() => listenAddress({ PORT: '70000' })).toThrow(/PORT must be/);
  });
});
