// adviseHugePages: huge pages behind large data, so a mini-batch's scattered rows cost fewer TLB misses.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { advisedBytes } from '../testing/advised-bytes.mjs';

const addon = createRequire(import.meta.url)('../index.js');
const MiB = 1 << 20;

const linux = advisedBytes() !== undefined;
const keep = []; // advised arrays stay alive, so no advised mapping goes away while a test counts

test('advises exactly the whole 2 MiB pages inside an array, and nothing in a small one', { skip: !linux && 'not Linux' }, () => {
  const big = new Float32Array((10 * MiB) / 4);
  keep.push(big);
  const before = advisedBytes();
  const advised = addon.adviseHugePages(big);
  assert.equal(advised % (2 * MiB), 0);
  assert.ok(advised >= 8 * MiB && advised <= 10 * MiB, `advised ${advised} bytes of 10 MiB`);
  assert.equal(advisedBytes() - before, advised, 'the kernel marks just the bytes reported');
  assert.equal(addon.adviseHugePages(new Float64Array(1000)), 0);
  // A view advises its own bytes, not its whole buffer's.
  const buffer = new ArrayBuffer(16 * MiB);
  keep.push(buffer);
  assert.ok(addon.adviseHugePages(new Float32Array(buffer, 0, MiB)) <= 4 * MiB);
  assert.equal(addon.adviseHugePages(new Float32Array(buffer, 12 * MiB, MiB / 8)), 0);
});

test('anything but a typed array is a TypeError', () => {
  assert.throws(() => addon.adviseHugePages([1, 2, 3]), TypeError);
  assert.throws(() => addon.adviseHugePages(), TypeError);
  assert.throws(() => addon.adviseHugePages(new ArrayBuffer(8)), TypeError);
});
