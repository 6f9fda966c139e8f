/**
 * PreparedData across a thread boundary: a Matrix loses its class in a message, so it travels as
 * { rows, cols, data } and is rebuilt on arrival; every array's memory is transferred, not copied
 * (Fashion-MNIST's come to ~0.5 GB).
 */
import { Matrix, type Dataset } from '@svm/core';
import type { PreparedData } from './prepare.js';

interface MatrixMessage {
  rows: number;
  cols: number;
  data: Float32Array | Float64Array;
}
type DatasetMessage = Omit<Dataset, 'X'> & { X: MatrixMessage };
export type PreparedMessage = Omit<PreparedData, 'raw' | 'X'> & {
  raw: { train: DatasetMessage; val: DatasetMessage; test: DatasetMessage };
  X: { train: MatrixMessage; val: MatrixMessage; test: MatrixMessage };
};

const SPLITS = ['train', 'val', 'test'] as const;

function matrixMessage(m: Matrix): MatrixMessage {
  return { rows: m.rows, cols: m.cols, data: m.data };
}

/** The message for postMessage, and the list of buffers to transfer with it (each once). */
export function packPrepared(d: PreparedData): { message: PreparedMessage; transfer: ArrayBuffer[] } {
  const message: PreparedMessage = {
    ...d,
    raw: Object.fromEntries(SPLITS.map((s) => [s, { ...d.raw[s], X: matrixMessage(d.raw[s].X) }])) as PreparedMessage['raw'],
    X: Object.fromEntries(SPLITS.map((s) => [s, matrixMessage(d.X[s])])) as PreparedMessage['X'],
  };
  const arrays: ArrayBufferView[] = [
    ...SPLITS.flatMap((s) => [d.raw[s].X.data, d.raw[s].y, d.X[s].data]),
    ...[d.stats.mean, d.stats.std].filter((a): a is Float64Array => a !== null),
  ];
  // Several views may share a buffer (a split taken as rows of one array); listing one twice throws.
  const transfer = [...new Set(arrays.map((a) => a.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  return { message, transfer };
}

/** The PreparedData a message carries, its matrices rebuilt around the arrays received. */
export function unpackPrepared(m: PreparedMessage): PreparedData {
  const matrix = (x: MatrixMessage) => new Matrix(x.rows, x.cols, x.data);
  return {
    ...m,
    raw: Object.fromEntries(SPLITS.map((s) => [s, { ...m.raw[s], X: matrix(m.raw[s].X) }])) as unknown as PreparedData['raw'],
    X: Object.fromEntries(SPLITS.map((s) => [s, matrix(m.X[s])])) as unknown as PreparedData['X'],
  };
}
