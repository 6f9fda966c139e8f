// Calls a careless or hostile caller of the raw addon could make: dimensions whose product wraps
// around, empty grids, a cursor or labels changed while an async call runs, outputs that overlap
// inputs, buffers that could shrink. Each once crashed the process (segfault, SIGFPE) or hung;
// each must now be a JS error or a correct result. (node --test runs this file in its own process,
// so a crash fails it rather than the runner.)
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const addon = createRequire(import.meta.url)('../index.js');
const empty = new Float32Array(0);
const rng = () => new Uint32Array([1, 2, 3, 4]);

test('dimensions whose product wraps around int64 are a RangeError, not an empty array let through', async () => {
  const big = /dimensions multiply past 2\^53 elements/;
  assert.throws(() => addon.scores(empty, 2 ** 32, 2 ** 32, empty, 2 ** 32, empty), big);
  await assert.rejects(addon.scoresAsync(empty, 2 ** 32, 2 ** 32, empty, 2 ** 32, empty), big);
  assert.throws(() => addon.lossGrad(0, empty, 4096, 2 ** 52, new Int32Array(4096), null, empty, 4096, 0, 1, null, new Float64Array(5)), big);
  assert.throws(() => addon.candidateLosses(0, 1, empty, 4096, 1, 2 ** 52, new Int32Array(4096), new Float64Array(2)), big);
  const args = [{ kind: 0, rule: 0 }, empty, 4096, 2 ** 52, new Int32Array(4096), empty, 4096, null, null, rng(), null, new Int32Array(1), 0, 1, 1e9, new Float64Array(6)];
  assert.throws(() => addon.trainChunk(...args), big); // used to spin forever
});

test('an empty grid axis is a RangeError (it divided by zero)', () => {
  const S = new Float32Array(4);
  const y = new Int32Array(2);
  assert.throws(() => addon.lossGrid(0, 1, S, S, S, 2, 2, y, new Float64Array(3), new Float64Array(0), new Float64Array(0)), /b is empty/);
  assert.throws(() => addon.lossGrid(1, 1, S, S, null, 2, 2, y, new Float64Array(0), null, new Float64Array(0)), /a is empty/);
});

test('a permutation cursor outside [0, N] is a RangeError, at the start or changed mid-run', async () => {
  const X = new Float32Array(8 * 4), W = new Float32Array(4 * 3), y = new Int32Array(8);
  const perm = Int32Array.from({ length: 8 }, (_, i) => i);
  const call = (cursor, steps = 2) => [{ batchSize: 4, replace: 0 }, X, 8, 4, y, W, 3, null, null, rng(), perm, cursor, 0, steps, 1e9, new Float64Array(6 * steps)];
  for (const c of [-(2 ** 31), -1, 9]) assert.throws(() => addon.trainChunk(...call(new Int32Array([c]))), /cursor -?\d+ is outside \[0, 8\]/);

  // A long chunk on real data while JS writes garbage into the cursor: an error or a finish, never a crash.
  const N = 20000, D = 64, C = 10;
  const Xb = Float32Array.from({ length: N * D }, (_, i) => ((i * 7919) % 13) / 13 - 0.5);
  const yb = Int32Array.from({ length: N }, (_, i) => i % C);
  const permB = Int32Array.from({ length: N }, (_, i) => i);
  const cursor = new Int32Array([N]);
  const steps = 20000;
  const run = addon.trainChunkAsync({ batchSize: 100, replace: 0, learningRate: 1e-3 }, Xb, N, D, yb, new Float32Array(D * C), C, null, null, rng(), permB, cursor, 0, steps, 1e9, new Float64Array(6 * steps));
  setTimeout(() => (cursor[0] = -(2 ** 31)), 5);
  await run.then(
    (r) => assert.ok(r.steps > 0),
    (err) => assert.match(err.message, /cursor -2147483648 is outside/),
  );
});

test('labels changed while an async grid runs do not reach the kernel: it uses those of the call', async () => {
  const N = 20000, C = 10, na = 400;
  const S0 = Float32Array.from({ length: N * C }, (_, i) => Math.sin(i));
  const S1 = Float32Array.from({ length: N * C }, (_, i) => Math.cos(i));
  const y = Int32Array.from({ length: N }, (_, i) => i % C);
  const a = Float64Array.from({ length: na }, (_, i) => i / na);
  const expected = new Float64Array(na);
  addon.lossGrid(0, 1, S0, S1, null, N, C, y, a, null, expected);
  const out = new Float64Array(na);
  const run = addon.lossGridAsync(0, 1, S0, S1, null, N, C, y, a, null, out);
  y.fill(2 ** 31 - 1); // after the call has taken its copy
  await run;
  assert.deepEqual(out, expected);
});

test('an output that shares memory with an input is a TypeError', () => {
  const b = new Float64Array(9);
  assert.throws(() => addon.matmul(b, new Float64Array(9), 3, 3, 3, false, false, b), /out and A must not share memory/);
  const X = new Float32Array(8), W = new Float32Array(4);
  assert.throws(() => addon.scores(X, 4, 2, W, 2, X.subarray(0, 8)), /out and X must not share memory/);
  const perm = Int32Array.from({ length: 4 }, (_, i) => i);
  const Xt = new Float32Array(4 * 2);
  assert.throws(
    () => addon.trainChunk({ batchSize: 2 }, Xt, 4, 2, new Int32Array(4), Xt.subarray(0, 4), 2, null, null, rng(), perm, new Int32Array([4]), 0, 1, 1e9, new Float64Array(6)),
    /W and X must not share memory/,
  );
});

test('async calls refuse buffers that could shrink, and reject (not throw) on bad arguments', async () => {
  const ab = new ArrayBuffer(16, { maxByteLength: 64 });
  await assert.rejects(addon.scoresAsync(new Float32Array(ab), 2, 2, new Float32Array(4), 2, new Float32Array(4)), /argument 0 is backed by a resizable ArrayBuffer/);
  let promise;
  assert.doesNotThrow(() => (promise = addon.scoresAsync(new Float32Array(1), 2, 2, new Float32Array(4), 2, new Float32Array(4))));
  await assert.rejects(promise, RangeError);
  // A kernel's range error keeps its type through the promise, as the sync call throws it.
  const X = new Float32Array(4 * 3), W = new Float32Array(3 * 2);
  await assert.rejects(addon.lossGradAsync(0, X, 4, 3, new Int32Array([0, 1, 7, 1]), null, W, 2, 0, 1, null, new Float64Array(5)), RangeError);
});

test('fractional counts are refused rather than truncated; huge-page advice takes shared memory', () => {
  assert.throws(() => addon.setThreads(1.5), /threads must be an integer in \[1, 1024\]/);
  const X = new Float32Array(8), W = new Float32Array(4);
  assert.throws(() => addon.trainChunk({ batchSize: 1.5 }, X, 4, 2, new Int32Array(4), W, 2, null, null, rng(), null, new Int32Array([4]), 0, 1, 1e9, new Float64Array(6)), /config.batchSize must be a non-negative integer/);
  assert.throws(() => addon.trainChunk({ batchSize: NaN }, X, 4, 2, new Int32Array(4), W, 2, null, null, rng(), null, new Int32Array([4]), 0, 1, 1e9, new Float64Array(6)), /config.batchSize/);
  const shared = new Float32Array(new SharedArrayBuffer(8 << 20));
  assert.equal(typeof addon.adviseHugePages(shared), 'number');
});
