// An async call still running when its environment goes away (a worker terminated, process.exit)
// must not abort the process: the work finishes, its promise can no longer be settled, that is all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const addonPath = fileURLToPath(new URL('../index.js', import.meta.url));

// Keeps ~2 async loss calls of ~10–50 ms in flight, back to back, from the given thread.
const busyLoop = `
  const addon = require(${JSON.stringify(addonPath)});
  const N = 20000, D = 785, C = 10;
  const X = new Float32Array(N * D).map((_, i) => Math.sin(i)), W = new Float32Array(D * C).fill(1e-3);
  const y = new Int32Array(N).map((_, i) => i % C);
  const spin = () => addon.lossGradAsync(0, X, N, D, y, null, W, C, 0, 1, new Float32Array(D * C), new Float64Array(5)).then(spin);
  spin(); spin();
`;

function run(script) {
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
}

test('terminating a worker in the middle of native calls exits cleanly', () => {
  const r = run(`
    const { Worker } = require('node:worker_threads');
    const w = new Worker(${JSON.stringify(busyLoop + "require('node:worker_threads').parentPort.postMessage('busy');")}, { eval: true });
    w.on('message', () => setTimeout(() => w.terminate().then(() => console.log('terminated')), 200));
  `);
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /terminated/);
});

test('process.exit in the middle of native calls exits with its own code', () => {
  const r = run(`${busyLoop}; setTimeout(() => process.exit(3), 200);`);
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.status, 3, r.stderr);
});
