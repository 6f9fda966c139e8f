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

// Workers terminated at random moments of their life: while they load the addon, between calls,
// inside a sync call or with async ones in flight. Each such moment makes Node-API calls fail, and
// node-addon-api rethrowing the failure into a JS that can no longer run aborted the whole process
// ("terminate called after throwing an instance of 'Napi::Error'"), as a hyper-parameter search
// stopping its workers did now and then. --no-concurrent-recompilation: a worker terminated while
// V8 optimizes a function on another thread can trip an assertion in Node 20 itself.
test('workers terminated while they load the addon or call it, sync or async, never abort the process', () => {
  const body = `
    const addon = require(${JSON.stringify(addonPath)});
    const N = 2000, D = 785, C = 10;
    const X = new Float32Array(N * D).map((_, i) => Math.sin(i)), W = new Float32Array(D * C).fill(1e-3);
    const y = new Int32Array(N).map((_, i) => i % C);
    const call = () => [0, X, N, D, y, null, W, C, 0, 1, new Float32Array(D * C), new Float64Array(5)];
    const spin = () => addon.lossGradAsync(...call()).then(spin, spin);
    spin(); spin();
    const sync = () => {
      addon.lossGrad(...call());
      setImmediate(sync);
    };
    sync();
  `;
  const r = spawnSync(
    process.execPath,
    [
      '--no-concurrent-recompilation',
      '-e',
      `
      const { Worker } = require('node:worker_threads');
      let done = 0;
      const once = () => {
        const w = new Worker(${JSON.stringify(body)}, { eval: true });
        setTimeout(() => w.terminate().then(() => (++done < 100 ? once() : console.log('terminated', done))), (done * 7) % 40);
      };
      once();
    `,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /terminated 100/);
});
