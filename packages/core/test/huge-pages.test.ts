// Large arrays get transparent huge pages before they are written (Node entry point): a mini-batch
// step's scattered rows then cost far fewer TLB misses, as with numpy's own arrays.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hugePageHook } from '../src/backend/native.js';
import { Matrix, appendBias } from '../src/index.js';
import { allocate, registerLargeArrayHook } from '../src/matrix.js';

const MiB = 1 << 20;
const thpMode = (() => {
  try {
    return /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
})();
const anonHugeBytes = () =>
  Number(/AnonHugePages:\s+(\d+) kB/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1] ?? 0) * 1024;

describe('large arrays', () => {
  afterEach(() => registerLargeArrayHook(hugePageHook()));

  it('are handed to the hook when 4 MiB or more, before anything is written; small ones are not', () => {
    const seen: number[] = [];
    registerLargeArrayHook((a) => {
      expect(a.every((v) => v === 0)).toBe(true);
      seen.push(a.byteLength);
    });
    allocate('float32', MiB - 1);
    allocate('float32', MiB);
    Matrix.zeros(1024, 512, 'float64');
    appendBias(Matrix.zeros(1000, 2000)); // the copy preprocessing makes gets it too
    expect(seen).toEqual([4 * MiB, 4 * MiB, 1000 * 2000 * 4, 1000 * 2001 * 4]);
  });

  it('load the addon once, on the first large array, and carry on without it', () => {
    const advise = vi.fn(() => 0);
    const load = vi.fn(() => ({ adviseHugePages: advise }) as never);
    const hook = hugePageHook(load);
    expect(load).not.toHaveBeenCalled();
    hook(new Float32Array(4));
    hook(new Float32Array(4));
    expect(load).toHaveBeenCalledTimes(1);
    expect(advise).toHaveBeenCalledTimes(2);
    const broken = vi.fn(() => {
      throw new Error('no addon');
    });
    const quiet = hugePageHook(broken);
    expect(() => quiet(new Float32Array(4))).not.toThrow();
    quiet(new Float32Array(4));
    expect(broken).toHaveBeenCalledTimes(1);
    const stale = hugePageHook(() => ({}) as never); // an addon built before adviseHugePages
    expect(() => stale(new Float32Array(4))).not.toThrow();
  });

  it.skipIf(!thpMode || thpMode === 'never')('come in huge pages through the Node entry point', () => {
    const before = anonHugeBytes();
    const X = Matrix.zeros(4096, 4096); // 64 MiB
    X.data.fill(1);
    expect(anonHugeBytes() - before).toBeGreaterThanOrEqual(2 * MiB);
  });
});
