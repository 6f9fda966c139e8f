import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASSES, loadFashionMnist, loadIdx } from '../src/data/index.node.js';

const dir = mkdtempSync(join(tmpdir(), 'svm-idx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An IDX file: magic, big-endian dims, payload. */
function idx(magic: number, dims: number[], payload: ArrayLike<number>): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(Uint8Array.from(payload))]);
}

const N = 7;
const R = 3;
const C = 2;
const pixels = Array.from({ length: N * R * C }, (_, i) => (i * 37) % 256);
const labels = [0, 1, 2, 9, 4, 5, 3];
const images = idx(0x803, [N, R, C], pixels);
const labelFile = idx(0x801, [N], labels);

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const imgRaw = write('img', images);
const lblRaw = write('lbl', labelFile);
const imgGz = write('img.gz', gzipSync(images));
const lblGz = write('lbl.gz', gzipSync(labelFile));

describe('loadIdx', () => {
  it('reads plain files: shape, [0, 1] pixels as byte/255 in float32, labels, default names', async () => {
    const d = await loadIdx(imgRaw, lblRaw);
    expect(d.X.shape).toEqual([N, R * C]);
    expect(d.X.dtype).toBe('float32');
    expect(Array.from(d.X.data)).toEqual(pixels.map((p) => Math.fround(p / 255)));
    expect(Array.from(d.y)).toEqual(labels);
    expect(d.y).toBeInstanceOf(Int32Array);
    expect(d.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(d.imageShape).toEqual([R, C]);
    expect(d.name).toBe('img');
  });

  it('gzipped files give the same result (detected by magic bytes, not by name)', async () => {
    const a = await loadIdx(imgRaw, lblRaw);
    const b = await loadIdx(imgGz, lblGz);
    expect(b.X.data).toEqual(a.X.data);
    expect(b.y).toEqual(a.y);
    const disguised = write('gz-without-suffix', gzipSync(images));
    expect((await loadIdx(disguised, lblRaw)).X.data).toEqual(a.X.data);
  });

  it('a gzip stream inflated in many chunks and a multi-member gzip still decode exactly', async () => {
    const big = Array.from({ length: 3000 * 28 * 28 }, (_, i) => (i * 7 + (i >> 9)) % 256);
    const lab = Array.from({ length: 3000 }, (_, i) => i % 10);
    const imgs = idx(0x803, [3000, 28, 28], big);
    const path = write('big.gz', gzipSync(imgs, { level: 1 }));
    const multi = write('multi.gz', Buffer.concat([gzipSync(imgs.subarray(0, 1000)), gzipSync(imgs.subarray(1000))]));
    const lpath = write('big-lbl', idx(0x801, [3000], lab));
    for (const p of [path, multi]) {
      const d = await loadIdx(p, lpath);
      expect(d.X.rows).toBe(3000);
      let bad = -1;
      for (let i = 0; i < big.length && bad < 0; i++) if (d.X.data[i] !== Math.fround(big[i]! / 255)) bad = i;
      expect(bad).toBe(-1);
    }
  });

  it('limit keeps the first n examples; classNames and name are used', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const d = await loadIdx(imgGz, lblGz, { limit: 3, classNames: names, name: 'tiny' });
    expect(d.X.shape).toEqual([3, R * C]);
    expect(Array.from(d.y)).toEqual([0, 1, 2]);
    expect(d.classNames).toEqual(names);
    expect(d.name).toBe('tiny');
    expect((await loadIdx(imgRaw, lblRaw, { limit: 100 })).X.rows).toBe(N);
  });

  it('bad arguments are validation errors', async () => {
    await expect(loadIdx(42 as never, lblRaw)).rejects.toThrow(/loadIdx: expected a file path .* for imagesPath but received 42/);
    await expect(loadIdx(imgRaw, lblRaw, { limit: 0 })).rejects.toThrow(/limit/);
    await expect(loadIdx(imgRaw, lblRaw, { classNames: [] })).rejects.toThrow(/classNames/);
    await expect(loadIdx(imgRaw, lblRaw, { lim: 3 } as never)).rejects.toThrow(/unknown option 'lim'/);
  });
});

describe('loadIdx: every broken file is a clear error naming the file', () => {
  const cases: [string, () => string, () => string, RegExp][] = [
    ['missing images file', () => join(dir, 'nope.gz'), () => lblRaw, /loadIdx: IDX images file not found: .*nope\.gz/],
    ['missing labels file', () => imgRaw, () => join(dir, 'nolabels'), /loadIdx: IDX labels file not found: .*nolabels/],
    ['a directory', () => dir, () => lblRaw, /is a directory/],
    ['empty file', () => write('empty', new Uint8Array(0)), () => lblRaw, /empty: is empty; expected the IDX images file/],
    [
      'labels file as images (swapped paths)',
      () => lblRaw,
      () => imgRaw,
      /lbl: bad magic number 0x00000801 \(an IDX labels file; are the images and labels paths swapped\?\); expected 0x00000803/,
    ],
    ['not an IDX file', () => write('text', Buffer.from('hello world, this is text')), () => lblRaw, /text: bad magic number 0x68656c6c \(not an IDX file\)/],
    ['IDX of another type', () => write('floats', idx(0xd03, [1, 1, 1], [0, 0, 0, 0])), () => lblRaw, /IDX float32 data with 3 dimension\(s\)/],
    ['header cut short', () => write('short', images.subarray(0, 10)), () => lblRaw, /short: is truncated: it holds 10 bytes but an IDX images file header needs 16/],
    [
      'pixels cut short',
      () => write('cut', images.subarray(0, images.length - 5)),
      () => lblRaw,
      /cut: is truncated: its header declares 7 images of 3×2 \(42 bytes after the 16-byte header\) but only 37 bytes follow/,
    ],
    [
      'header dims larger than the data (gzipped)',
      () => write('lying.gz', gzipSync(idx(0x803, [60000, 28, 28], pixels))),
      () => lblRaw,
      /lying\.gz: is truncated: its header declares 60000 images of 28×28/,
    ],
    [
      'header dims smaller than the data',
      () => write('extra', Buffer.concat([images, Buffer.alloc(12)])),
      () => lblRaw,
      /extra: has the wrong size: its header declares 7 images of 3×2 \(42 bytes.*\) but 54 bytes follow/,
    ],
    ['zero images declared', () => write('zero', idx(0x803, [0, 28, 28], [])), () => lblRaw, /zero: its header declares 0 images of 28×28: nothing to load/],
    [
      'truncated gzip',
      () => {
        const gz = gzipSync(images);
        return write('trunc.gz', gz.subarray(0, gz.length - 9));
      },
      () => lblRaw,
      /trunc\.gz: is a truncated gzip file \(unexpected end of file\)/,
    ],
    [
      'corrupt gzip',
      () => {
        const gz = Buffer.from(gzipSync(images));
        for (let i = 12; i < gz.length - 8; i++) gz[i] = 0xff;
        return write('corrupt.gz', gz);
      },
      () => lblRaw,
      /corrupt\.gz: is (a corrupt|a truncated) gzip file/,
    ],
    [
      'gzip checksum mismatch',
      () => {
        const gz = Buffer.from(gzipSync(images));
        gz[gz.length - 6]! ^= 1;
        return write('crc.gz', gz);
      },
      () => lblRaw,
      /crc\.gz: is a corrupt gzip file \(incorrect data check\)/,
    ],
    [
      'image / label count mismatch',
      () => imgRaw,
      () => write('lbl5', idx(0x801, [5], [0, 1, 2, 3, 4])),
      /lbl5: holds 5 labels but .*img holds 7 images; expected one label per image/,
    ],
    [
      'label out of range',
      () => imgRaw,
      () => write('lbl-bad', idx(0x801, [N], [0, 1, 2, 3, 12, 5, 6])),
      /loadIdx: .*lbl-bad: example 4: label 12 is outside \[0, 10\) for 10 classes; pass classNames/,
    ],
  ];
  for (const [title, img, lbl, message] of cases) {
    it(title, async () => {
      await expect(loadIdx(img(), lbl())).rejects.toThrow(message);
    });
  }

  it('a label ≥ the number of classNames given', async () => {
    await expect(loadIdx(imgRaw, lblRaw, { classNames: ['a', 'b', 'c'] })).rejects.toThrow(
      /lbl: example 3: label 9 is outside \[0, 3\) for 3 classes \(one per name in classNames\)/,
    );
  });

  it('a missing file keeps code ENOENT for callers', async () => {
    await expect(loadIdx(join(dir, 'missing'), lblRaw)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('loadFashionMnist', () => {
  it('a missing directory says how to get the data', async () => {
    const err = await loadFashionMnist({ dir: join(dir, 'no-such-dir') }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/loadFashionMnist: Fashion-MNIST not found: no train-images-idx3-ubyte and train-labels-idx1-ubyte/);
    expect((err as Error).message).toMatch(/apt-get install dataset-fashion-mnist/);
    expect((err as Error).message).toMatch(/node scripts\/setup\.mjs --for bench/);
    expect((err as Error).message).toMatch(/pass \{ dir \}/);
  });

  it('reads a folder given by dir or SVM_FASHION_MNIST_DIR, plain or gzipped names', async () => {
    const fm = join(dir, 'fm');
    mkdirSync(fm);
    writeFileSync(join(fm, 't10k-images-idx3-ubyte.gz'), gzipSync(images));
    writeFileSync(join(fm, 't10k-labels-idx1-ubyte'), labelFile);
    const d = await loadFashionMnist({ split: 'test', dir: fm });
    expect(d.X.rows).toBe(N);
    expect(d.classNames).toEqual([...FASHION_MNIST_CLASSES]);
    expect(d.classNames[9]).toBe('Ankle boot');
    expect(d.name).toBe('fashion-mnist (test)');
    const old = process.env['SVM_FASHION_MNIST_DIR'];
    process.env['SVM_FASHION_MNIST_DIR'] = fm;
    try {
      expect((await loadFashionMnist({ split: 'test', limit: 2 })).X.rows).toBe(2);
      await expect(loadFashionMnist({ split: 'train' })).rejects.toThrow(/from SVM_FASHION_MNIST_DIR/);
    } finally {
      if (old === undefined) delete process.env['SVM_FASHION_MNIST_DIR'];
      else process.env['SVM_FASHION_MNIST_DIR'] = old;
    }
  });

  it('rejects a bad split', async () => {
    await expect(loadFashionMnist({ split: 'val' as never })).rejects.toThrow(/expected one of 'train', 'test' for split but received "val"/);
  });
});

const REAL = '/usr/share/datasets/fashion-mnist';
describe.skipIf(!existsSync(join(REAL, 'train-images-idx3-ubyte.gz')))('Fashion-MNIST from dataset-fashion-mnist', () => {
  it('test split: 10000 × 784 in [0, 1], the known first labels', async () => {
    const d = await loadFashionMnist({ split: 'test', dir: REAL });
    expect(d.X.shape).toEqual([10000, 784]);
    expect(d.imageShape).toEqual([28, 28]);
    expect(Array.from(d.y.subarray(0, 5))).toEqual([9, 2, 1, 1, 6]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of d.X.data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).toEqual([0, 1]);
    const counts = new Array(10).fill(0);
    for (const c of d.y) counts[c]++;
    expect(counts).toEqual(new Array(10).fill(1000));
  });

  it('train split: 60000 images whose pixels are the file’s bytes / 255 (speed is measured by pnpm bench)', async () => {
    const bytes = gunzipSync(readFileSync(join(REAL, 'train-images-idx3-ubyte.gz')));
    const d = await loadFashionMnist({ split: 'train', dir: REAL });
    expect(d.X.shape).toEqual([60000, 784]);
    for (const i of [0, 12345, 60000 * 784 - 1]) expect(d.X.data[i]).toBe(Math.fround(bytes[16 + i]! / 255));
  });
});
