/**
 * The image datasets are prepared in a worker thread (datasets.ts): what comes back must be exactly
 * what preparing in this thread gives, its matrices real Matrix objects; buffers shared by several
 * arrays cross once; and a load that fails in the worker rejects with its own message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Matrix } from '@svm/core';
import { prepareInWorker } from '../src/server/datasets.js';
import { prepareDataset, type PreparedData } from '../src/server/prepare.js';
import { packPrepared, unpackPrepared, type PreparedMessage } from '../src/server/prepared-transfer.js';

const SPLITS = ['train', 'val', 'test'] as const;

/** The bytes of an array, for comparing millions of elements at once (toEqual goes one by one). */
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectSame(got: PreparedData, want: PreparedData) {
  expect(got.name).toBe(want.name);
  expect(got.classNames).toEqual(want.classNames);
  expect(got.imageShape).toEqual(want.imageShape);
  expect(got.stats).toEqual(want.stats);
  for (const s of SPLITS) {
    expect(got.X[s]).toBeInstanceOf(Matrix);
    expect(got.raw[s].X).toBeInstanceOf(Matrix);
    expect([got.X[s].rows, got.X[s].cols]).toEqual([want.X[s].rows, want.X[s].cols]);
    expect(Buffer.compare(bytes(got.X[s].data), bytes(want.X[s].data))).toBe(0);
    expect(Buffer.compare(bytes(got.raw[s].X.data), bytes(want.raw[s].X.data))).toBe(0);
    expect(Buffer.compare(bytes(got.raw[s].y), bytes(want.raw[s].y))).toBe(0);
    expect(got.raw[s].X.data.length).toBeGreaterThan(0);
  }
}

describe('datasets prepared in a worker thread', () => {
  it('MNIST from the worker is what this thread prepares, bit for bit', async () => {
    const [inWorker, here] = await Promise.all([prepareInWorker('mnist'), prepareDataset('mnist')]);
    expectSame(inWorker, here);
    expect(inWorker.X.train.rows).toBe(7000);
    expect(inWorker.X.train.cols).toBe(785);
  });

  it('arrays sharing a buffer cross once, and arrive as views of one buffer again', async () => {
    const d = await prepareDataset('blobs');
    // As a loader could hand them out: the validation rows as a view into the training array.
    const whole = new Float32Array(d.raw.train.X.data.length + d.raw.val.X.data.length);
    whole.set(d.raw.train.X.data);
    whole.set(d.raw.val.X.data, d.raw.train.X.data.length);
    const shared: PreparedData = {
      ...d,
      raw: {
        ...d.raw,
        train: { ...d.raw.train, X: new Matrix(d.raw.train.X.rows, d.raw.train.X.cols, whole.subarray(0, d.raw.train.X.data.length)) },
        val: { ...d.raw.val, X: new Matrix(d.raw.val.X.rows, d.raw.val.X.cols, whole.subarray(d.raw.train.X.data.length)) },
      },
    };
    const { message, transfer } = packPrepared(shared);
    expect(transfer.filter((b) => b === whole.buffer)).toHaveLength(1);
    const { port1, port2 } = new MessageChannel();
    const arrived = new Promise<PreparedMessage>((r) => port2.once('message', r));
    port1.postMessage(message, transfer);
    const got = unpackPrepared(await arrived);
    port1.close();
    expect(whole.byteLength).toBe(0); // transferred, not copied
    expect(got.raw.train.X.data.buffer).toBe(got.raw.val.X.data.buffer);
    expectSame(got, await prepareDataset('blobs')); // d's own arrays went with the message
  });

  it('a damaged file rejects the load with the loader\'s message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svm-web-fashion-'));
    const before = process.env.SVM_FASHION_MNIST_DIR;
    try {
      for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
        writeFileSync(join(dir, f), Buffer.from('not an idx file'));
      }
      process.env.SVM_FASHION_MNIST_DIR = dir; // the worker's environment is a copy of ours at its start
      await expect(prepareInWorker('fashion-mnist')).rejects.toThrow(/idx/i);
    } finally {
      if (before === undefined) delete process.env.SVM_FASHION_MNIST_DIR;
      else process.env.SVM_FASHION_MNIST_DIR = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
