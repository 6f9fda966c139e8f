/**
 * Fashion-MNIST (Zalando, 70000 28×28 greyscale clothing images, 10 classes) from the IDX files
 * that Debian's `dataset-fashion-mnist` package installs. Node only.
 */
import { join } from 'node:path';
import { oneOf, options, typeError } from '../util/validate.js';
import { checkLimit } from './check.js';
import { exists } from './files.js';
import { loadIdx } from './idx.js';
import type { Dataset } from './types.js';

/**
 * Where Debian's `dataset-fashion-mnist` package puts the files.
 * @example
 * await loadFashionMnist({ dir: FASHION_MNIST_DIR }); // the default when SVM_FASHION_MNIST_DIR is unset, spelled out
 */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/**
 * The ten Fashion-MNIST classes, index = label.
 * @example
 * FASHION_MNIST_CLASSES[9]; // 'Ankle boot'
 */
export const FASHION_MNIST_CLASSES: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);

/** Options of {@link loadFashionMnist}. */
export interface FashionMnistOptions {
  /** 'train' (60000 images) or 'test' (10000). Default 'train'. */
  split?: 'train' | 'test';
  /**
   * Folder holding the four IDX files (`train-images-idx3-ubyte[.gz]`, …). Default: the
   * `SVM_FASHION_MNIST_DIR` environment variable, else `/usr/share/datasets/fashion-mnist`.
   */
  dir?: string;
  /** Load only the first `limit` examples. Default: all. */
  limit?: number;
}

async function findFile(dir: string, stem: string): Promise<string | undefined> {
  for (const file of [`${stem}.gz`, stem]) {
    const path = join(dir, file);
    if (await exists(path)) return path;
  }
  return undefined;
}

/**
 * Loads Fashion-MNIST: X is N×784 float32 in [0, 1] (N = 60000 for 'train', 10000 for 'test'),
 * `imageShape` [28, 28], the ten class names (T-shirt/top … Ankle boot). A drop-in, harder
 * replacement for MNIST with the same format.
 *
 * When the files are missing the error says how to get them: `sudo apt-get install
 * dataset-fashion-mnist`, or `node scripts/setup.mjs --for bench` (which installs it), or pass
 * `dir` / set `SVM_FASHION_MNIST_DIR` to a folder with the IDX files.
 *
 * @example
 * const test = await loadFashionMnist({ split: 'test' });
 * console.log(test.X.rows, test.classNames[test.y[0]!]); // 10000 'Ankle boot'
 */
export async function loadFashionMnist(opts?: FashionMnistOptions): Promise<Dataset> {
  const fn = 'loadFashionMnist';
  const o = options(fn, opts, ['split', 'dir', 'limit']);
  const split = oneOf(fn, 'split', o.split, ['train', 'test'] as const, 'train');
  if (o.dir !== undefined && (typeof o.dir !== 'string' || o.dir === '')) {
    throw typeError(fn, 'dir', 'a directory path (non-empty string)', o.dir);
  }
  const env = process.env['SVM_FASHION_MNIST_DIR'];
  const dir = o.dir ?? (env ? env : FASHION_MNIST_DIR);
  const limit = checkLimit(fn, o.limit);
  const prefix = split === 'train' ? 'train' : 't10k';
  const imagesStem = `${prefix}-images-idx3-ubyte`;
  const labelsStem = `${prefix}-labels-idx1-ubyte`;
  const [images, labels] = await Promise.all([findFile(dir, imagesStem), findFile(dir, labelsStem)]);
  if (!images || !labels) {
    const missing = [images ? undefined : imagesStem, labels ? undefined : labelsStem].filter(Boolean).join(' and ');
    const source = o.dir !== undefined ? 'the dir option' : env ? 'SVM_FASHION_MNIST_DIR' : 'the default location';
    throw Object.assign(
      new Error(
        `${fn}: Fashion-MNIST not found: no ${missing}(.gz) in ${dir} (from ${source}). ` +
          'Install it with `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or run ' +
          '`node scripts/setup.mjs --for bench`, which installs it; or pass { dir } (or set SVM_FASHION_MNIST_DIR) ' +
          'to a folder holding the IDX files from https://github.com/zalandoresearch/fashion-mnist.',
      ),
      { code: 'ENOENT', path: dir },
    );
  }
  return loadIdx(images, labels, {
    classNames: [...FASHION_MNIST_CLASSES],
    name: `fashion-mnist (${split})`,
    ...(Number.isFinite(limit) ? { limit } : {}),
  });
}
