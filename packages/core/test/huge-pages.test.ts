// Large arrays are offered huge pages before they are written (Node entry point → backend in use):
// a mini-batch step's scattered rows then cost far fewer TLB misses, as with numpy's own arrays.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error: a plain-JS test helper of the native package, without types
import { advisedBytes } from '@svm/native/testing/advised-bytes.mjs';
import { hugePageAdvice } from '../src/backend/native.js';
import { adviseLargeArray } from '../src/backend/registry.js';
import { Matrix, appendBias, backendName, useBackend } from '../src/index.js';
import { allocate, registerLargeArrayHook } from '../src/matrix.js';

const MiB = 1 << 20;

const linux = advisedBytes() !== undefined;
// Kept alive to the end, so no advised mapping goes away while another test counts them.
const keep: unknown[] = [];

describe('large arrays', () => {
  afterEach(() => registerLargeArrayHook(adviseLargeArray));
  afterAll(() => useBackend('native'));

  it('are handed to the hook when 4 MiB or more, before anything is written; small ones are not', () => {
    const seen: number[] = [];
    registerLargeArrayHook((a) => {
      expect(a.every((v) => v === 0)).toBe(true);
      seen.push(a.byteLength);
    });
    allocate('float32', MiB - 1);
    allocate('float32', MiB);
    Matrix.zeros(1024, 512, 'float64');
    const X = Matrix.zeros(1000, 2000);
    appendBias(X); // the copy preprocessing makes gets it too, and so does a clone
    X.clone();
    expect(seen).toEqual([4 * MiB, 4 * MiB, 1000 * 2000 * 4, 1000 * 2001 * 4, 1000 * 2000 * 4]);
  });

  it('are advised by the native addon, best-effort: an old or failing addon changes nothing', () => {
    const advise = vi.fn(() => 0);
    const hook = hugePageAdvice({ adviseHugePages: advise } as never)!;
    hook(new Float32Array(4));
    expect(advise).toHaveBeenCalledTimes(1);
    expect(hugePageAdvice({} as never)).toBeUndefined(); // built before adviseHugePages existed
    const failing = vi.fn(() => {
      throw new Error('no');
    });
    const quiet = hugePageAdvice({ adviseHugePages: failing } as never)!;
    expect(() => quiet(new Float32Array(4))).not.toThrow();
    quiet(new Float32Array(4));
    expect(failing).toHaveBeenCalledTimes(1); // given up after the first error
  });

  it.skipIf(!linux)('get huge pages on the native backend, and the reference backend leaves them alone', () => {
    useBackend('native');
    let before = advisedBytes()!;
    const X = Matrix.zeros(4096, 4096); // 64 MiB
    keep.push(X);
    expect(advisedBytes()! - before).toBeGreaterThanOrEqual(62 * MiB); // its whole 2 MiB pages

    useBackend('reference');
    expect(backendName()).toBe('reference');
    before = advisedBytes()!;
    keep.push(Matrix.zeros(4096, 4096));
    expect(advisedBytes()! - before).toBe(0);
  });
});
