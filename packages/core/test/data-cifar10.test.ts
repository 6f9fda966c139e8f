import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CIFAR10_CLASSES, loadCifar10 } from '../src/data/index.node.js';

const root = mkdtempSync(join(tmpdir(), 'svm-cifar-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Pixel value of record r, channel ch, row i, column j: distinct enough to catch any mix-up. */
const pixel = (r: number, ch: number, i: number, j: number): number => (r * 31 + ch * 97 + i * 7 + j * 3) % 256;

/** `count` CIFAR-10 binary records starting at record number `first`, labels (first + r) % 10. */
function records(first: number, count: number): Buffer {
  const out = Buffer.alloc(count * 3073);
  for (let k = 0; k < count; k++) {
    const r = first + k;
    const o = k * 3073;
    out[o] = r % 10;
    for (let ch = 0; ch < 3; ch++) {
      for (let i = 0; i < 32; i++) for (let j = 0; j < 32; j++) out[o + 1 + ch * 1024 + i * 32 + j] = pixel(r, ch, i, j);
    }
  }
  return out;
}

function makeDir(name: string, perFile: number, opts: { meta?: string; skip?: string[] } = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (let b = 1; b <= 5; b++) {
    const file = `data_batch_${b}.bin`;
    if (!opts.skip?.includes(file)) writeFileSync(join(dir, file), records((b - 1) * perFile, perFile));
  }
  if (!opts.skip?.includes('test_batch.bin')) writeFileSync(join(dir, 'test_batch.bin'), records(1000, perFile));
  if (opts.meta !== undefined) writeFileSync(join(dir, 'batches.meta.txt'), opts.meta);
  return dir;
}

const good = makeDir('good', 4);

describe('loadCifar10', () => {
  it('reads the five training batches: N×3072 float32 in HWC order, labels, names, shape', async () => {
    const d = await loadCifar10(good);
    expect(d.X.shape).toEqual([20, 3072]);
    expect(d.X.dtype).toBe('float32');
    expect(d.imageShape).toEqual([32, 32, 3]);
    expect(d.classNames).toEqual([...CIFAR10_CLASSES]);
    expect(Array.from(d.y)).toEqual(Array.from({ length: 20 }, (_, r) => r % 10));
    // CS231n: X.reshape(N, 3, 32, 32).transpose(0, 2, 3, 1) → element [r, i, j, ch] at r·3072 + (i·32 + j)·3 + ch.
    for (const [r, i, j, ch] of [
      [0, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 2],
      [5, 3, 17, 1],
      [19, 31, 31, 2],
      [12, 10, 0, 0],
    ] as const) {
      expect(d.X.data[r * 3072 + (i * 32 + j) * 3 + ch]).toBe(Math.fround(pixel(r, ch, i, j) / 255));
    }
  });

  it("the test split reads test_batch.bin; split defaults to 'train'", async () => {
    const t = await loadCifar10(good, { split: 'test' });
    expect(t.X.rows).toBe(4);
    expect(t.y[0]).toBe(1000 % 10);
    expect(t.X.data[1]).toBe(Math.fround(pixel(1000, 1, 0, 0) / 255));
    expect(t.name).toBe('cifar-10 (test)');
  });

  it('limit reads only the files it needs', async () => {
    const partial = makeDir('partial', 4, { skip: ['data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'] });
    const d = await loadCifar10(partial, { limit: 6 });
    expect(d.X.rows).toBe(6);
    expect(Array.from(d.y)).toEqual([0, 1, 2, 3, 4, 5]);
    await expect(loadCifar10(partial)).rejects.toThrow(/CIFAR-10 file not found: .*data_batch_3\.bin/);
  });

  it('class names come from batches.meta.txt when present', async () => {
    const names = ['a0', 'b1', 'c2', 'd3', 'e4', 'f5', 'g6', 'h7', 'i8', 'j9'];
    const d = await loadCifar10(makeDir('meta', 2, { meta: `${names.join('\n')}\n\n` }), { split: 'test' });
    expect(d.classNames).toEqual(names);
  });

  it('finds the cifar-10-batches-bin folder inside the directory given', async () => {
    makeDir('parent/cifar-10-batches-bin', 2);
    expect((await loadCifar10(join(root, 'parent'), { split: 'test' })).X.rows).toBe(2);
  });
});

describe('loadCifar10: broken input is a clear error naming the file', () => {
  it('missing directory, with how to get the data', async () => {
    await expect(loadCifar10(join(root, 'nowhere'))).rejects.toThrow(
      /loadCifar10: CIFAR-10 directory not found: .*nowhere \(expected the binary version.*cifar-10-binary\.tar\.gz/,
    );
  });

  it('missing batch file', async () => {
    const dir = makeDir('no-test', 2, { skip: ['test_batch.bin'] });
    await expect(loadCifar10(dir, { split: 'test' })).rejects.toMatchObject({
      code: 'ENOENT',
      message: expect.stringMatching(/CIFAR-10 file not found: .*no-test\/test_batch\.bin/),
    });
  });

  it('truncated file (not a whole number of records)', async () => {
    const dir = makeDir('truncated', 3);
    writeFileSync(join(dir, 'data_batch_2.bin'), records(0, 3).subarray(0, 3 * 3073 - 100));
    await expect(loadCifar10(dir)).rejects.toThrow(
      /truncated\/data_batch_2\.bin: has 9119 bytes, not a whole number of 3073-byte records .*2 records and 2973 stray bytes; truncated/,
    );
  });

  it('empty file', async () => {
    const dir = makeDir('empty', 2);
    writeFileSync(join(dir, 'test_batch.bin'), '');
    await expect(loadCifar10(dir, { split: 'test' })).rejects.toThrow(/empty\/test_batch\.bin: is empty/);
  });

  it('a label byte ≥ 10', async () => {
    const dir = makeDir('badlabel', 3);
    const bytes = records(0, 3);
    bytes[2 * 3073] = 10;
    writeFileSync(join(dir, 'data_batch_4.bin'), bytes);
    await expect(loadCifar10(dir)).rejects.toThrow(/badlabel\/data_batch_4\.bin: record 2 \(byte offset 6146\) has label 10; expected a class index in \[0, 10\)/);
  });

  it('a directory where a batch file should be', async () => {
    const dir = makeDir('dirbatch', 2, { skip: ['test_batch.bin'] });
    mkdirSync(join(dir, 'test_batch.bin'));
    await expect(loadCifar10(dir, { split: 'test' })).rejects.toThrow(/test_batch\.bin: is a directory/);
  });

  it('bad arguments', async () => {
    await expect(loadCifar10(undefined as never)).rejects.toThrow(/loadCifar10: expected a file path .* for dir but received undefined/);
    await expect(loadCifar10(good, { split: 'validation' as never })).rejects.toThrow(/for split/);
    await expect(loadCifar10(good, { limit: -1 })).rejects.toThrow(/limit/);
  });
});
