// adviseHugePages: huge pages behind large data, so a mini-batch's scattered rows cost fewer TLB misses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const addon = createRequire(import.meta.url)('../index.js');
const MiB = 1 << 20;

function thpMode() {
  try {
    return /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1];
  } catch {
    return undefined; // not Linux, or no THP in this kernel
  }
}

const anonHuge = () => Number(/AnonHugePages:\s+(\d+) kB/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1] ?? 0) * 1024;

test('advises the whole 2 MiB pages inside an array, and nothing in a small one', { skip: !thpMode() && 'no transparent huge pages here' }, () => {
  const big = new Float32Array((10 * MiB) / 4);
  const advised = addon.adviseHugePages(big);
  assert.equal(advised % (2 * MiB), 0);
  assert.ok(advised >= 8 * MiB && advised <= 10 * MiB, `advised ${advised} bytes of 10 MiB`);
  assert.equal(addon.adviseHugePages(new Float64Array(1000)), 0);
  // A view advises its own bytes only.
  assert.ok(addon.adviseHugePages(new Float32Array(big.buffer, 4, MiB)) <= 4 * MiB);
});

test('memory advised before it is written comes in huge pages', { skip: thpMode() === 'never' || !thpMode() ? 'huge pages are off here' : false }, () => {
  const before = anonHuge();
  const X = new Float32Array((64 * MiB) / 4);
  assert.ok(addon.adviseHugePages(X) > 0);
  X.fill(1);
  assert.ok(anonHuge() - before >= 2 * MiB, `AnonHugePages grew by ${anonHuge() - before} bytes`);
});

test('anything but a typed array is a TypeError', () => {
  assert.throws(() => addon.adviseHugePages([1, 2, 3]), TypeError);
  assert.throws(() => addon.adviseHugePages(), TypeError);
  assert.throws(() => addon.adviseHugePages(new ArrayBuffer(8)), TypeError);
});
