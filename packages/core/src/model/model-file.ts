/**
 * The model file: one JSON document that carries everything a loaded classifier needs to predict
 * on raw inputs exactly as before — format name and version, dtype, shape, loss, class names,
 * image shape, the fitted preprocessing (mean image, std) and the weights (base64 little-endian,
 * exact), with a checksum over the numbers so a damaged file is an error, not silent garbage.
 */
import { Matrix, type DType } from '../matrix.js';
import type { LossKind } from '../backend/types.js';
import type { PreprocessStats } from '../data/preprocess.js';
import { firstNonFinite } from '../loss/problem.js';
import { describe, isPlainObject } from '../util/validate.js';
import { checksum, fromBase64, toBase64 } from './encoding.js';

/** The `format` field of a model file. */
export const MODEL_FORMAT = 'svm-linear-classifier';
/** The model file version this library writes (it reads this one and version 1). */
export const MODEL_VERSION = 2;
const READABLE_VERSIONS = [1, 2];

export interface ModelState {
  loss: LossKind;
  W: Matrix;
  preprocess: PreprocessStats;
  classNames: string[];
  imageShape?: number[];
  /** Free-form summary of how it was trained (options, steps, accuracy). */
  training?: Record<string, unknown>;
}

/** A model file's JSON document, as `LinearClassifier.toJSON()` makes it and `save()` writes it. */
export interface ModelJSON {
  /** Always {@link MODEL_FORMAT}. */
  format: typeof MODEL_FORMAT;
  /** The file format's version ({@link MODEL_VERSION}; version 1 files are read too); others are refused on load. */
  version: number;
  /** W's element type. */
  dtype: DType;
  /** W's shape, [D, C] (D includes the bias row when `preprocess.bias`). */
  shape: [number, number];
  /** The loss the model was trained with. */
  loss: LossKind;
  /** C class names, index = label. */
  classNames: string[];
  /** Image shape of an example, when known. */
  imageShape?: number[];
  /** The fitted preprocessing: raw feature count, bias flag, and mean / std as base64 little-endian float64 (or null). */
  preprocess: { cols: number; bias: boolean; mean: string | null; std: string | null };
  /** W's elements, row-major, as base64 little-endian values of `dtype`. */
  weights: string;
  /**
   * Checksum over the weights, mean and std and (from version 2) their layout: shape, dtype, raw
   * feature count, bias, which of mean and std are present. A mismatch on load means a damaged file.
   */
  checksum: string;
  /** Free-form summary of how the model was trained (options, steps, accuracy). */
  training?: Record<string, unknown>;
}

/**
 * The checksum of a model's numbers. Version 1 covers the arrays' bytes only, so numbers moved from
 * one field to another (mean into std) passed; version 2 puts their layout first.
 */
export function modelChecksum(version: number, W: Matrix, preprocess: PreprocessStats): string {
  const { mean, std } = preprocess;
  const arrays = [W.data, ...(mean ? [mean] : []), ...(std ? [std] : [])];
  if (version === 1) return checksum(...arrays);
  const layout = Float64Array.of(W.rows, W.cols, W.dtype === 'float64' ? 8 : 4, preprocess.cols, preprocess.bias ? 1 : 0, mean ? 1 : 0, std ? 1 : 0);
  return checksum(layout, ...arrays);
}

/** A model's state as its JSON document. */
export function modelToJSON(m: ModelState): ModelJSON {
  const mean = m.preprocess.mean;
  const std = m.preprocess.std;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    dtype: m.W.dtype,
    shape: [m.W.rows, m.W.cols],
    loss: m.loss,
    classNames: m.classNames,
    ...(m.imageShape ? { imageShape: m.imageShape } : {}),
    preprocess: {
      cols: m.preprocess.cols,
      bias: m.preprocess.bias,
      mean: mean ? toBase64(mean) : null,
      std: std ? toBase64(std) : null,
    },
    weights: toBase64(m.W.data),
    checksum: modelChecksum(MODEL_VERSION, m.W, m.preprocess),
    ...(m.training ? { training: m.training } : {}),
  };
}

/**
 * What makes a model's numbers unusable, or undefined: NaN/Inf in W, mean or std, a std entry ≤ 0
 * (it divides), fewer than two classes. Checked on load and by `LinearClassifier.fromWeights`, so
 * no model that predicts garbage can be built or saved.
 */
export function numbersProblem(W: Matrix, mean: Float64Array | null, std: Float64Array | null): string | undefined {
  if (W.cols < 2) return `W has ${W.cols} column(s); expected at least 2 (one per class)`;
  const nonFinite = (a: Float32Array | Float64Array | null, name: string, cols: number): string | undefined => {
    const at = a ? firstNonFinite(a) : -1;
    if (at < 0) return undefined;
    const where = cols > 1 ? `row ${Math.floor(at / cols)}, column ${at % cols}` : `entry ${at}`;
    return `${name} ${describe(a![at])} at ${where}; expected finite numbers`;
  };
  return (
    nonFinite(W.data, 'weights contain', W.cols) ??
    nonFinite(mean, 'preprocess.mean contains', 1) ??
    nonFinite(std, 'preprocess.std contains', 1) ??
    (std && std.some((v) => v <= 0) ? 'preprocess.std has an entry <= 0; expected positive standard deviations' : undefined)
  );
}

/** Parses and checks a model document; `source` names the file in error messages. */
export function modelFromJSON(doc: unknown, source = 'model'): ModelState {
  const bad = (what: string): Error => new Error(`${source}: ${what}`);
  if (!isPlainObject(doc)) throw bad('not a model file (expected a JSON object)');
  if (doc.format !== MODEL_FORMAT) throw bad(`not a ${MODEL_FORMAT} file (format is ${JSON.stringify(doc.format)})`);
  if (!READABLE_VERSIONS.includes(doc.version as number)) {
    throw bad(`model format version ${JSON.stringify(doc.version)} is not supported (this library reads versions ${READABLE_VERSIONS.join(' and ')})`);
  }
  const dtype = doc.dtype;
  if (dtype !== 'float32' && dtype !== 'float64') throw bad(`dtype ${JSON.stringify(dtype)} is not float32 or float64`);
  const shape = doc.shape;
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((v) => Number.isInteger(v) && v > 0)) {
    throw bad('shape must be [D, C] with positive integers');
  }
  const [D, C] = shape as [number, number];
  if (doc.loss !== 'svm' && doc.loss !== 'softmax') throw bad(`loss ${JSON.stringify(doc.loss)} is not svm or softmax`);
  const names = doc.classNames;
  if (!Array.isArray(names) || names.length !== C || !names.every((n) => typeof n === 'string')) {
    throw bad(`classNames must be ${C} strings (one per column of W)`);
  }
  const p = doc.preprocess;
  if (!isPlainObject(p) || !Number.isInteger(p.cols) || typeof p.bias !== 'boolean') throw bad('preprocess is missing or malformed');
  const cols = p.cols as number;
  if (cols + (p.bias ? 1 : 0) !== D) throw bad(`preprocess gives ${cols}${p.bias ? ' + 1 (bias)' : ''} features but W has ${D} rows`);
  const vec = (v: unknown, name: string): Float64Array | null => {
    if (v === null) return null;
    const a = typeof v === 'string' ? fromBase64(v, 'float64', cols) : undefined;
    if (!a) throw bad(`preprocess.${name} is damaged (expected ${cols} float64 values)`);
    return a as Float64Array;
  };
  const mean = vec(p.mean, 'mean');
  const std = vec(p.std, 'std');
  const weights = typeof doc.weights === 'string' ? fromBase64(doc.weights, dtype, D * C) : undefined;
  if (!weights) throw bad(`weights are damaged (expected ${D}×${C} ${dtype} values)`);
  const sum = modelChecksum(doc.version as number, new Matrix(D, C, weights), { cols, mean, std, bias: p.bias as boolean });
  if (doc.checksum !== sum) throw bad('checksum mismatch: the file is damaged');
  // A valid checksum only says the numbers are as written: NaN/Inf weights would predict garbage.
  const problem = numbersProblem(new Matrix(D, C, weights), mean, std);
  if (problem) throw bad(problem);
  let imageShape: number[] | undefined;
  if (doc.imageShape !== undefined) {
    if (!Array.isArray(doc.imageShape) || !doc.imageShape.every((v) => Number.isInteger(v) && v > 0)) throw bad('imageShape is malformed');
    imageShape = doc.imageShape as number[];
    const size = imageShape.reduce((a, b) => a * b, 1);
    if (size !== cols) throw bad(`imageShape [${imageShape.join(', ')}] holds ${size} values but preprocess takes ${cols} raw features`);
  }
  return {
    loss: doc.loss,
    W: new Matrix(D, C, weights),
    preprocess: { cols, mean, std, bias: p.bias as boolean },
    classNames: names as string[],
    ...(imageShape ? { imageShape } : {}),
    ...(isPlainObject(doc.training) ? { training: doc.training } : {}),
  };
}
