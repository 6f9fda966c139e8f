/**
 * CIFAR-10, binary version (`cifar-10-binary.tar.gz` from https://www.cs.toronto.edu/~kriz/cifar.html).
 * Node only.
 *
 * Each file is a sequence of 3073-byte records: 1 label byte (0–9), then 3072 pixel bytes stored
 * channel-planar: the 1024 red values of the 32×32 image row by row, then the 1024 green, then the
 * 1024 blue. `data_batch_1.bin` … `data_batch_5.bin` hold the 50000 training images (10000 each),
 * `test_batch.bin` the 10000 test images.
 *
 * Pixel order: we return each row in HWC order (height, width, channel: r,g,b of pixel (0,0), then
 * of pixel (0,1), …), exactly what CS231n's notebook gets from `X.reshape(N, 32, 32, 3)` and then
 * flattening to N×3072; so a learned template (a column of W without the bias) reshapes as 32×32×3
 * for display, `imageShape` is [32, 32, 3], and weights compare 1:1 with the notebook's.
 */
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { Matrix } from '../matrix.js';
import { oneOf, options } from '../util/validate.js';
import { checkLimit } from './check.js';
import { checkPath, exists, fileError, fileSize, readBytes } from './files.js';
import type { Dataset } from './types.js';

/**
 * The ten CIFAR-10 classes, index = label (used when the directory has no `batches.meta.txt`).
 * @example
 * CIFAR10_CLASSES[3]; // 'cat'
 */
export const CIFAR10_CLASSES: readonly string[] = Object.freeze([
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
]);

const SIDE = 32;
const PLANE = SIDE * SIDE; // 1024
const PIXELS = 3 * PLANE; // 3072
const RECORD = 1 + PIXELS; // 3073

/**
 * File names of a split, in load order.
 * @example
 * CIFAR10_FILES.test; // ['test_batch.bin']
 */
export const CIFAR10_FILES = Object.freeze({
  train: Object.freeze(['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin']),
  test: Object.freeze(['test_batch.bin']),
});

/** Options of {@link loadCifar10}. */
export interface Cifar10Options {
  /** 'train' (data_batch_1…5, 50000 images) or 'test' (test_batch, 10000). Default 'train'. */
  split?: 'train' | 'test';
  /** Load only the first `limit` examples (only the files needed are read). Default: all. */
  limit?: number;
}

const HOW_TO_GET =
  'expected the binary version of CIFAR-10 (data_batch_1.bin … data_batch_5.bin, test_batch.bin, batches.meta.txt): ' +
  'download cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html and extract it';

/** The directory holding the batches: `dir` itself, or the `cifar-10-batches-bin` folder the archive extracts to. */
async function resolveDir(fn: string, dir: string): Promise<string> {
  if (!(await exists(dir))) {
    throw Object.assign(new Error(`${fn}: CIFAR-10 directory not found: ${dir} (${HOW_TO_GET})`), { code: 'ENOENT', path: dir });
  }
  const nested = join(dir, 'cifar-10-batches-bin');
  if (!(await exists(join(dir, 'test_batch.bin'))) && !(await exists(join(dir, 'data_batch_1.bin'))) && (await exists(nested))) {
    return nested;
  }
  return dir;
}

/** Class names from `batches.meta.txt` (one per line) when present, else the standard ten. */
async function readClassNames(dir: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(join(dir, 'batches.meta.txt'), 'utf8');
  } catch {
    return [...CIFAR10_CLASSES];
  }
  const names = text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return names.length > 0 ? names : [...CIFAR10_CLASSES];
}

/**
 * Converts `count` records from `bytes` into rows `row0…` of X (HWC order, /255) and labels.
 * Throws on a label outside [0, K).
 */
function decodeRecords(
  fn: string,
  path: string,
  bytes: Uint8Array,
  count: number,
  out: Float32Array,
  y: Int32Array,
  row0: number,
  K: number,
): void {
  for (let r = 0; r < count; r++) {
    const src = r * RECORD;
    const label = bytes[src]!;
    if (label >= K) {
      throw fileError(
        fn,
        path,
        `record ${r} (byte offset ${src}) has label ${label}; expected a class index in [0, ${K}) — not a CIFAR-10 binary file (CIFAR-100's has 2 label bytes per record)?`,
      );
    }
    y[row0 + r] = label;
    const dst = (row0 + r) * PIXELS;
    const red = src + 1;
    const green = red + PLANE;
    const blue = green + PLANE;
    for (let p = 0; p < PLANE; p++) {
      const o = dst + 3 * p;
      out[o] = bytes[red + p]! / 255;
      out[o + 1] = bytes[green + p]! / 255;
      out[o + 2] = bytes[blue + p]! / 255;
    }
  }
}

/**
 * Loads CIFAR-10 from the binary version's directory (or its parent: a `cifar-10-batches-bin`
 * subfolder is found). X is N×3072 float32 in [0, 1] in HWC order (see the module notes: the same
 * layout as CS231n's notebook), `imageShape` [32, 32, 3], class names from `batches.meta.txt` when
 * present (airplane … truck otherwise).
 *
 * Errors name the file and the problem: a missing directory or file, a file whose length is not a
 * whole number of 3073-byte records (truncated, or not CIFAR-10 binary), a label byte ≥ 10.
 *
 * @example
 * const train = await loadCifar10('/data/cifar-10-batches-bin', { split: 'train', limit: 5000 });
 * console.log(train.X.rows, train.X.cols, train.imageShape); // 5000 3072 [ 32, 32, 3 ]
 */
export async function loadCifar10(dir: string, opts?: Cifar10Options): Promise<Dataset> {
  const fn = 'loadCifar10';
  checkPath(fn, 'dir', dir);
  const o = options(fn, opts, ['split', 'limit']);
  const split = oneOf(fn, 'split', o.split, ['train', 'test'] as const, 'train');
  const limit = checkLimit(fn, o.limit);
  const base = await resolveDir(fn, dir);
  const classNames = await readClassNames(base);

  // Sizes first: validates every needed file and sizes X exactly, before reading any pixels.
  const plan: { path: string; records: number }[] = [];
  let N = 0;
  for (const file of CIFAR10_FILES[split]) {
    if (N >= limit) break;
    const path = join(base, file);
    let size: number;
    try {
      size = await fileSize(fn, 'CIFAR-10 file', path);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') {
        throw Object.assign(new Error(`${fn}: CIFAR-10 file not found: ${path} (${HOW_TO_GET})`), { code: 'ENOENT', path });
      }
      throw err;
    }
    if (size === 0) throw fileError(fn, path, 'is empty; expected CIFAR-10 records (1 label byte + 3072 pixel bytes each)');
    if (size % RECORD !== 0) {
      throw fileError(
        fn,
        path,
        `has ${size} bytes, not a whole number of 3073-byte records (1 label byte + 3072 pixel bytes): ` +
          `${Math.floor(size / RECORD)} records and ${size % RECORD} stray bytes; truncated, or not the CIFAR-10 binary version`,
      );
    }
    const records = Math.min(size / RECORD, limit - N);
    plan.push({ path, records });
    N += records;
  }

  const X = Matrix.zeros(N, PIXELS, 'float32');
  const y = new Int32Array(N);
  let row = 0;
  for (const { path, records } of plan) {
    const bytes = await readBytes(fn, 'CIFAR-10 file', path);
    if (bytes.length < records * RECORD) {
      throw fileError(fn, path, `changed while loading: it now holds ${bytes.length} bytes, fewer than ${records} records`);
    }
    decodeRecords(fn, path, bytes, records, X.data, y, row, classNames.length);
    row += records;
  }
  return { X, y, classNames, imageShape: [SIDE, SIDE, 3], name: `cifar-10 (${split})` };
}
