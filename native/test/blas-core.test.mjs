// The OpenBLAS core type chosen from the CPU's flags before the addon loads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const { coreTypeFor, cpuFlags, chooseCoreType } = require('../blas-core.js');

const cpuinfo = (flags) => `processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: ${flags}\nbugs\t\t: spectre_v1\n`;

test('AVX-512 CPUs get the SkylakeX kernels, AVX2+FMA the Haswell ones, older ones OpenBLAS’s choice', () => {
  assert.equal(coreTypeFor(cpuFlags(cpuinfo('fpu sse2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl'))), 'SKYLAKEX');
  assert.equal(coreTypeFor(cpuFlags(cpuinfo('fpu sse2 avx avx2 fma avx512f'))), 'HASWELL'); // Knights Landing-like: no BW/VL
  assert.equal(coreTypeFor(cpuFlags(cpuinfo('fpu sse2 avx avx2 fma'))), 'HASWELL');
  assert.equal(coreTypeFor(cpuFlags(cpuinfo('fpu sse2 avx'))), undefined);
  assert.equal(coreTypeFor(cpuFlags('no flags line here')), undefined);
});

test('the user’s own OPENBLAS_CORETYPE is kept, and an unreadable /proc leaves OpenBLAS to choose', () => {
  const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
  const env = { OPENBLAS_CORETYPE: 'Haswell' };
  assert.equal(chooseCoreType(env, () => cpuinfo('avx512f avx512dq avx512cd avx512bw avx512vl')), undefined);
  assert.equal(env.OPENBLAS_CORETYPE, 'Haswell');
  const empty = {};
  assert.equal(chooseCoreType(empty, () => { throw new Error('ENOENT'); }), undefined);
  assert.deepEqual(empty, {});
  const chosen = {};
  assert.equal(chooseCoreType(chosen, () => cpuinfo('avx2 fma')), linuxX64 ? 'HASWELL' : undefined);
});

test('on this machine the loaded OpenBLAS runs the kernels its CPU flags allow', (t) => {
  if (process.platform !== 'linux' || process.arch !== 'x64') return t.skip('Linux x86-64 only');
  const userChoice = process.env.OPENBLAS_CORETYPE;
  const addon = require('../index.js');
  const expected = coreTypeFor(cpuFlags(readFileSync('/proc/cpuinfo', 'utf8')));
  if (!/OpenBLAS/.test(addon.blasInfo)) return t.skip(`not OpenBLAS: ${addon.blasInfo}`);
  if (!expected) return t.skip('a CPU without AVX2: OpenBLAS chooses');
  if (userChoice) return t.skip(`OPENBLAS_CORETYPE=${userChoice} set by the user`);
  assert.equal(process.env.OPENBLAS_CORETYPE, expected);
  assert.match(addon.blasInfo, expected === 'SKYLAKEX' ? /SkylakeX/i : /Haswell/i);
});

test('in a worker thread nothing is set (its environment never reaches OpenBLAS)', async () => {
  const { Worker } = await import('node:worker_threads');
  const path = new URL('../blas-core.js', import.meta.url).pathname;
  const w = new Worker(
    `const { chooseCoreType, coreTypeSetHere } = require(${JSON.stringify(path)});
     delete process.env.OPENBLAS_CORETYPE;
     require('node:worker_threads').parentPort.postMessage([chooseCoreType() ?? null, coreTypeSetHere() ?? null, process.env.OPENBLAS_CORETYPE ?? null]);`,
    { eval: true },
  );
  const [chosen, setHere, env] = await new Promise((resolve, reject) => w.once('message', resolve).once('error', reject));
  await w.terminate();
  assert.deepEqual([chosen, setHere, env], [null, null, null]);
});
