// The binding's last line of defence: malformed calls throw JS errors, never crash the process.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const addon = createRequire(import.meta.url)('../index.js');

const N = 4, D = 3, C = 2;
const X = Float32Array.from({ length: N * D }, (_, i) => (i % 5) * 0.1);
const W = new Float32Array(D * C).fill(0.1);
const y = new Int32Array([0, 1, 0, 1]);
const stats = () => new Float64Array(5);

test('a well-formed call computes loss, gradient and statistics', () => {
  const grad = new Float32Array(D * C);
  const s = stats();
  addon.lossGrad(0, X, N, D, y, null, W, C, 0, 1, grad, s);
  assert.equal(s[0], 1); // W has equal columns → equal scores → every margin is Δ = 1, C − 1 = 1
  assert.ok(grad.some((v) => v !== 0));
});

test('wrong array types and lengths are TypeError/RangeError', () => {
  assert.throws(() => addon.lossGrad(0, [1, 2], N, D, y, null, W, C, 0, 1, null, stats()), TypeError);
  assert.throws(() => addon.lossGrad(0, X, N, D + 1, y, null, W, C, 0, 1, null, stats()), RangeError);
  assert.throws(() => addon.lossGrad(0, X, N, D, new Float32Array(4), null, W, C, 0, 1, null, stats()), TypeError);
  assert.throws(() => addon.lossGrad(0, X, N, D, y, null, new Float64Array(D * C), C, 0, 1, null, stats()), /same dtype/);
  assert.throws(() => addon.lossGrad(0, X, N, D, y, null, W, C, 0, 1, new Float32Array(1), stats()), RangeError);
  assert.throws(() => addon.lossGrad(2, X, N, D, y, null, W, C, 0, 1, null, stats()), RangeError);
  assert.throws(() => addon.lossGrad(0, X, -1, D, y, null, W, C, 0, 1, null, stats()), RangeError);
  assert.throws(() => addon.lossGrad(0, X, N, D), TypeError);
  assert.throws(() => addon.matmul(X, W, N, D, C, false, false, new Float32Array(3)), RangeError);
});

test('labels and batch indices out of range are RangeError, sync and async', async () => {
  const bad = new Int32Array([0, 1, 7, 1]);
  assert.throws(() => addon.lossGrad(0, X, N, D, bad, null, W, C, 0, 1, null, stats()), /label 7 of row 2 is outside \[0, 2\)/);
  assert.throws(() => addon.lossGrad(0, X, N, D, y, new Int32Array([0, 4]), W, C, 0, 1, null, stats()), /batch index 4/);
  await assert.rejects(addon.lossGradAsync(0, X, N, D, bad, null, W, C, 0, 1, null, stats()), /label 7/);
});

test('async results equal sync results', async () => {
  const g1 = new Float32Array(D * C), g2 = new Float32Array(D * C);
  const s1 = stats(), s2 = stats();
  addon.lossGrad(1, X, N, D, y, null, W, C, 0.1, 1, g1, s1);
  await addon.lossGradAsync(1, X, N, D, y, null, W, C, 0.1, 1, g2, s2);
  assert.deepEqual(s1, s2);
  assert.deepEqual(g1, g2);
});

test('gemm with transposes and the thread knob', () => {
  const A = new Float64Array([1, 2, 3, 4, 5, 6]); // 2×3
  const B = new Float64Array([1, 0, 0, 1, 1, 1]); // 3×2
  const out = new Float64Array(4);
  addon.matmul(A, B, 2, 3, 2, false, false, out);
  assert.deepEqual(Array.from(out), [4, 5, 10, 11]);
  const outT = new Float64Array(9);
  addon.matmul(A, A, 3, 2, 3, true, false, outT); // AᵀA
  assert.deepEqual(Array.from(outT), [17, 22, 27, 22, 29, 36, 27, 36, 45]);
  const before = addon.getThreads();
  addon.setThreads(1);
  assert.equal(addon.getThreads(), 1);
  addon.setThreads(before);
  assert.throws(() => addon.setThreads(0), RangeError);
  assert.match(addon.blasInfo, /\S/);
});
