/**
 * A linear classifier that owns its preprocessing: fit on raw loader output (it learns the mean
 * image, applies the bias trick, trains through the optimization engine), then predict, score,
 * evaluate, show its class templates, save and load — a loaded model predicts on raw inputs
 * exactly as before.
 */
import { allocate, Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';
import type { LossKind } from '../backend/types.js';
import { applyPreprocess, checkPreprocessStats, fitPreprocess, type PreprocessOptions, type PreprocessStats } from '../data/preprocess.js';
import { checkPredictions, checkScores } from '../forward.js';
import { checkFinite, checkLabels, checkMatrix, firstNonFinite, type Labels } from '../loss/problem.js';
import type { TrainResult } from '../optim/events.js';
import { presets } from '../optim/presets.js';
import { normalizeTrain, type TrainOptions } from '../optim/train-options.js';
import { TrainingRun } from '../optim/training-run.js';
import { isPlainObject, oneOf, options, rangeError, typeError } from '../util/validate.js';

import { modelFileSystem } from './file-system.js';
import { modelFromJSON, modelToJSON, numbersProblem, type ModelJSON } from './model-file.js';

/** A model's image shape: positive integers, [h, w] or [h, w, channels]. */
export function checkImageShape(fn: string, shape: unknown): number[] {
  if (!Array.isArray(shape) || shape.length === 0 || !shape.every((v) => typeof v === 'number' && Number.isInteger(v) && v > 0)) {
    throw typeError(fn, 'imageShape', 'an array of positive integers ([h, w] or [h, w, channels])', shape);
  }
  return [...(shape as number[])];
}

/** The image shape must cover exactly the raw features (the bias column excluded). */
export function checkImageSize(fn: string, shape: number[] | undefined, cols: number, what: string): void {
  if (!shape) return;
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== cols) {
    throw rangeError(fn, `imageShape [${shape.join(', ')}] holds ${size} values but ${what}; expected its product to be the number of raw features (bias excluded)`);
  }
}

/** Refuses to write weights no load() would accept (a user may have written NaN into model.W). */
function checkSavable(fn: string, W: Matrix, stats: PreprocessStats): void {
  const problem = numbersProblem(W, stats.mean, stats.std);
  if (problem) throw new Error(`${fn}: ${problem}; a model file holding them could not be loaded, so none is written`);
}

/** What a trained model carries besides its numbers. */
export interface ModelMetadata {
  /** The loss the weights were trained with: 'svm' or 'softmax'. Default 'svm'. */
  loss?: LossKind;
  /** Class names, index = label. Default '0', '1', …. */
  classNames?: string[];
  /** Image shape of an example ([h, w] or [h, w, channels]), for templates(). Default: none. */
  imageShape?: number[];
  /** Free-form summary of how the model was trained, saved with it. Default: none. */
  training?: Record<string, unknown>;
}

/** Options of the {@link LinearClassifier} constructor. */
export interface LinearClassifierOptions {
  /** 'svm' (default) or 'softmax'. */
  loss?: LossKind;
  /** Preprocessing fitted on the training data: center (default true), standardize (false), bias (true). */
  preprocess?: PreprocessOptions;
  /** Class names (index = label); their count fixes C. Default '0', '1', … up to the largest training label. */
  classNames?: string[];
  /** Image shape of an example ([h, w] or [h, w, channels]) for templates(); its product must be the number of raw features. */
  imageShape?: number[];
}

/** Training options for fit(): train()'s, with a validation set of raw (unpreprocessed) data. */
export type FitOptions = Omit<TrainOptions, 'loss' | 'W0' | 'classes'>;

/** One class's weights as an image, normalized for display. */
export interface ClassTemplate {
  /** The class's label, 0…C−1 (its column of W). */
  classIndex: number;
  /** The class's name. */
  className: string;
  /** [h, w] or [h, w, channels]; [D] when the data are not images. */
  shape: number[];
  /** The class's weights (bias excluded) scaled to [0, 1] jointly over all classes. */
  pixels: Float32Array;
}

/** Defaults for data scaled to [0, 1] (the library's loaders): see `presets.scaled`. */
const FIT_DEFAULTS: FitOptions = {
  learningRate: presets.scaled.learningRate,
  reg: presets.scaled.reg,
  iterations: presets.scaled.iterations,
  initScale: presets.scaled.initScale,
  optimizer: presets.scaled.optimizer,
  schedule: presets.scaled.schedule,
};

/**
 * A trained (or trainable) linear classifier with its own preprocessing: `fit` on raw data, then
 * `predict`, `scores`, `accuracy`, `confusionMatrix`, `perClassAccuracy`, `templates`, `save`/`load`.
 */
export class LinearClassifier {
  /** The loss it trains with: 'svm' or 'softmax'. */
  readonly loss: LossKind;
  private readonly preprocessOptions: PreprocessOptions;
  private weights: Matrix | undefined;
  private stats: PreprocessStats | undefined;
  private names: string[] | undefined;
  private shape: number[] | undefined;
  private summary: Record<string, unknown> | undefined;
  // A fit in progress: save() then writes the weights reached so far with the new preprocessing.
  private running: { run: TrainingRun; stats: PreprocessStats; classes: number } | undefined;
  // Set when the last fit diverged with NaN/Inf weights: why the model cannot predict or be saved.
  private unusable: string | undefined;

  /**
   * An untrained classifier: call {@link LinearClassifier.fit} next (or use
   * {@link LinearClassifier.load} / {@link LinearClassifier.fromWeights} for a trained one).
   * @param opts `loss` (default 'svm'), `preprocess` (default center + bias), `classNames`,
   *   `imageShape`
   * @throws TypeError/RangeError for an unknown loss or option, a preprocess that is not an object,
   *   classNames that are not strings, an imageShape that is not positive integers
   * @example
   * const model = new LinearClassifier({ loss: 'softmax' });
   * await model.fit(train.X, train.y, { iterations: 2000 });
   * console.log(model.accuracy(test.X, test.y));
   */
  constructor(opts?: LinearClassifierOptions) {
    const fn = 'LinearClassifier';
    const o = options(fn, opts, ['loss', 'preprocess', 'classNames', 'imageShape']);
    this.loss = oneOf(fn, 'loss', o.loss, ['svm', 'softmax'] as const, 'svm');
    if (o.preprocess !== undefined && !isPlainObject(o.preprocess)) throw typeError(fn, 'preprocess', 'an object', o.preprocess);
    this.preprocessOptions = o.preprocess ?? {};
    if (o.classNames !== undefined) {
      if (!Array.isArray(o.classNames) || !o.classNames.every((n) => typeof n === 'string')) {
        throw typeError(fn, 'classNames', 'an array of strings', o.classNames);
      }
      if (o.classNames.length < 2) {
        throw rangeError(fn, `classNames has ${o.classNames.length} name(s); expected at least 2, one per class`);
      }
      this.names = o.classNames;
    }
    if (o.imageShape !== undefined) this.shape = checkImageShape(fn, o.imageShape);
  }

  /** The trained weights (D×C, bias row last when the bias trick is on), or undefined before fit. */
  get W(): Matrix | undefined {
    return this.weights;
  }

  /** The fitted preprocessing (mean image, std, bias), or undefined before fit. */
  get preprocessing(): PreprocessStats | undefined {
    return this.stats;
  }

  /** Class names, index = label: the ones given, else '0', '1', … (empty before fit when none were given). */
  get classNames(): string[] {
    return this.names ?? Array.from({ length: this.weights?.cols ?? 0 }, (_, i) => String(i));
  }

  /** The image shape given (or loaded), or undefined. */
  get imageShape(): number[] | undefined {
    return this.shape;
  }

  /** How the model was trained (steps, stop reason, options), as saved with it. */
  get training(): Record<string, unknown> | undefined {
    return this.summary;
  }

  /**
   * Starts fitting and returns the running {@link TrainingRun} (progress, pause, abort); the model
   * takes the weights when the run ends, however it ends. Arguments and defaults as
   * {@link LinearClassifier.fit}.
   * @throws TypeError/RangeError (synchronously) for bad data or options, options the classifier
   *   sets itself (loss, W0, classes), X whose columns do not match imageShape
   */
  startFit(X: Matrix, y: Labels, opts?: FitOptions): TrainingRun {
    const fn = 'LinearClassifier.fit';
    const x = checkMatrix(fn, 'X', X);
    const o = options(fn, opts, undefined) as FitOptions;
    if ('loss' in o || 'W0' in o || 'classes' in o) throw rangeError(fn, 'loss, W0 and classes are set by the classifier, not by fit()');
    checkImageSize(fn, this.shape, x.cols, `X has ${x.cols} columns`);
    // Before preprocessing: centering would spread one NaN over every row.
    checkFinite(fn, 'X', x);
    const stats = fitPreprocess(x, this.preprocessOptions);
    const Xp = applyPreprocess(x, stats);
    let validation = o.validation;
    if (validation !== undefined) {
      if (!isPlainObject(validation)) throw typeError(fn, 'validation', '{ X, y }', validation);
      const vx = checkMatrix(fn, 'validation.X', validation.X);
      if (vx.cols !== x.cols) throw rangeError(fn, `validation.X has ${vx.cols} columns but X has ${x.cols}`);
      checkFinite(fn, 'validation.X', vx);
      validation = { X: applyPreprocess(vx, stats), y: validation.y };
    }
    const classes = this.names?.length;
    const n = normalizeTrain(fn, Xp, y, {
      ...FIT_DEFAULTS,
      ...o,
      ...(validation ? { validation } : {}),
      loss: this.loss,
      ...(classes ? { classes } : {}),
    }, classes ? `classNames has ${classes} names, one per class` : undefined);
    const run = new TrainingRun(n);
    this.running = { run, stats, classes: n.classes };
    run.result.then(
      (r) => this.adopt(r, stats, n.classes, o),
      () => (this.running = undefined),
    );
    return run;
  }

  /**
   * Fits preprocessing on X (raw data: pixels, no bias column), trains, keeps the weights.
   * Defaults suit data in [0, 1] (`presets.scaled`): momentum SGD, lr 0.05 decaying exponentially,
   * reg 1e-4, batch 200, 3000 steps.
   * @param X raw training data, N×D (no bias column: preprocessing adds it)
   * @param y N labels in [0, C); C is classNames.length when classNames were given
   * @param opts train()'s options (see {@link FitOptions}); `validation` takes raw data too
   * @returns the training result (history, evaluations, stop reason)
   * @throws TypeError/RangeError (as a rejected promise) as {@link LinearClassifier.startFit}
   */
  async fit(X: Matrix, y: Labels, opts?: FitOptions): Promise<TrainResult> {
    return this.startFit(X, y, opts).result;
  }

  private adopt(r: TrainResult, stats: PreprocessStats, classes: number, o: FitOptions): void {
    this.running = undefined;
    // A diverged run may end with NaN/Inf weights: keeping them would predict garbage and save a
    // file that load() refuses. The model says so instead, until the next fit or load.
    const broken = r.diverged && firstNonFinite(r.W.data) >= 0;
    this.unusable = broken
      ? `the last fit diverged at step ${r.diverged!.step} (learning rate ${r.diverged!.learningRate}) and left NaN/Inf weights; fit again with a smaller learningRate`
      : undefined;
    this.weights = broken ? undefined : r.W;
    this.stats = broken ? undefined : stats;
    if (!this.names || this.names.length !== classes) this.names = Array.from({ length: classes }, (_, i) => this.names?.[i] ?? String(i));
    const { signal: _s, onProgress: _p, validation: _v, ...plain } = o;
    this.summary = {
      steps: r.steps,
      stopped: r.stopped,
      loss: r.loss,
      elapsedMs: Math.round(r.elapsedMs),
      options: { ...FIT_DEFAULTS, ...plain },
      ...(r.evaluations.length ? { lastEvaluation: r.evaluations[r.evaluations.length - 1] } : {}),
    };
  }

  private ready(fn: string): { W: Matrix; stats: PreprocessStats } {
    if (this.unusable) throw new Error(`${fn}: ${this.unusable}`);
    if (!this.weights || !this.stats) throw new Error(`${fn}: the classifier is not trained yet; call fit() or load a model first`);
    return { W: this.weights, stats: this.stats };
  }

  private prepared(fn: string, X: unknown): { Xp: Matrix; W: Matrix } {
    const { W, stats } = this.ready(fn);
    const x = checkMatrix(fn, 'X', X);
    if (x.cols !== stats.cols) {
      throw rangeError(fn, `X has ${x.cols} columns but the model expects ${stats.cols} raw features (no bias column)`);
    }
    checkFinite(fn, 'X', x); // before preprocessing, which would spread a NaN over its column
    const Xp = applyPreprocess(x.dtype === W.dtype ? x : x.astype(W.dtype), stats);
    return { Xp, W };
  }

  /**
   * Class scores S = preprocess(X)·W, N×C, for raw X (N×D, no bias column), on the calling thread.
   * @throws Error before fit/load; TypeError/RangeError for X of the wrong width or with NaN/Inf
   */
  scores(X: Matrix): Matrix {
    const { Xp, W } = this.prepared('LinearClassifier.scores', X);
    const out = new Matrix(Xp.rows, W.cols, allocate(W.dtype, Xp.rows * W.cols));
    getBackend().scores(Xp, W, out.data);
    return checkScores('LinearClassifier.scores', W, Xp, out);
  }

  /** The predicted class of each row of raw X (argmax of the scores, the first on ties); errors as {@link LinearClassifier.scores}. */
  predict(X: Matrix): Int32Array {
    const { Xp, W } = this.prepared('LinearClassifier.predict', X);
    const out = new Int32Array(Xp.rows);
    getBackend().predict(Xp, W, out);
    return checkPredictions('LinearClassifier.predict', W, Xp, out);
  }

  /** {@link LinearClassifier.predict} off the JS thread (native backend). */
  async predictAsync(X: Matrix): Promise<Int32Array> {
    const { Xp, W } = this.prepared('LinearClassifier.predictAsync', X);
    const out = new Int32Array(Xp.rows);
    await getBackend().predictAsync(Xp, W, out);
    return checkPredictions('LinearClassifier.predictAsync', W, Xp, out);
  }

  private labelled(fn: string, X: Matrix, y: Labels): { pred: Int32Array; labels: Int32Array } {
    const { W } = this.ready(fn);
    const pred = this.predict(X);
    return { pred, labels: checkLabels(fn, y, pred.length, W.cols) };
  }

  /** Share of rows of raw X predicted correctly; y holds N labels in [0, C). */
  accuracy(X: Matrix, y: Labels): number {
    const { pred, labels } = this.labelled('LinearClassifier.accuracy', X, y);
    let ok = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) ok++;
    return pred.length ? ok / pred.length : 0;
  }

  /** counts[true][predicted], C×C, over the rows of raw X with labels y. */
  confusionMatrix(X: Matrix, y: Labels): number[][] {
    const { pred, labels } = this.labelled('LinearClassifier.confusionMatrix', X, y);
    const C = this.weights!.cols;
    const m = Array.from({ length: C }, () => new Array<number>(C).fill(0));
    for (let i = 0; i < pred.length; i++) m[labels[i]!]![pred[i]!]!++;
    return m;
  }

  /** Accuracy of each class (NaN for a class absent from y). */
  perClassAccuracy(X: Matrix, y: Labels): number[] {
    return this.confusionMatrix(X, y).map((row, c) => {
      const total = row.reduce((a, b) => a + b, 0);
      return total ? row[c]! / total : Number.NaN;
    });
  }

  /**
   * Each class's weights as an image (CS231n's visualization): the bias row dropped, reshaped to
   * the image shape, scaled to [0, 1] jointly over all classes so templates compare.
   */
  templates(): ClassTemplate[] {
    const { W, stats } = this.ready('LinearClassifier.templates');
    const D = stats.cols;
    const C = W.cols;
    let lo = Infinity;
    let hi = -Infinity;
    for (let d = 0; d < D; d++) {
      for (let c = 0; c < C; c++) {
        const v = W.data[d * C + c]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    const span = hi - lo || 1;
    const shape = this.shape && this.shape.reduce((a, b) => a * b, 1) === D ? this.shape : [D];
    return Array.from({ length: C }, (_, c) => {
      const pixels = new Float32Array(D);
      for (let d = 0; d < D; d++) pixels[d] = (W.data[d * C + c]! - lo) / span;
      return { classIndex: c, className: this.classNames[c]!, shape, pixels };
    });
  }

  /**
   * The model as a JSON document (what save() writes).
   * @throws Error before fit/load
   */
  toJSON(): ModelJSON {
    const { W, stats } = this.ready('LinearClassifier.toJSON');
    checkSavable('LinearClassifier.toJSON', W, stats);
    return modelToJSON({
      loss: this.loss,
      W,
      preprocess: stats,
      classNames: this.classNames,
      ...(this.shape ? { imageShape: this.shape } : {}),
      ...(this.summary ? { training: this.summary } : {}),
    });
  }

  /**
   * A trained classifier from its parts: weights (D×C), the fitted preprocessing (as
   * fitPreprocess makes it) and metadata (loss 'svm' when not given).
   * @throws TypeError/RangeError naming the argument for malformed preprocessing or metadata, a W
   *   that does not fit the preprocessing, NaN/Inf in W, mean or std, a std entry ≤ 0, fewer than
   *   two classes, classNames that do not name every column, or an imageShape that does not cover
   *   its features
   */
  static fromWeights(W: Matrix, preprocess: PreprocessStats, opts?: ModelMetadata): LinearClassifier {
    const fn = 'LinearClassifier.fromWeights';
    const w = checkMatrix(fn, 'W', W);
    const stats = checkPreprocessStats(fn, preprocess, 'preprocess');
    const o = options(fn, opts);
    if (stats.cols + (stats.bias ? 1 : 0) !== w.rows) {
      throw rangeError(fn, `the preprocessing gives ${stats.cols}${stats.bias ? ' + 1 (bias)' : ''} features but W has ${w.rows} rows`);
    }
    if (o.training !== undefined && !isPlainObject(o.training)) throw typeError(fn, 'training', 'an object', o.training);
    const model = new LinearClassifier({
      loss: oneOf(fn, 'loss', o.loss, ['svm', 'softmax'] as const, 'svm'),
      ...(o.classNames !== undefined ? { classNames: o.classNames } : {}),
      ...(o.imageShape !== undefined ? { imageShape: checkImageShape(fn, o.imageShape) } : {}),
    });
    checkImageSize(fn, model.shape, stats.cols, `the preprocessing takes ${stats.cols} raw features`);
    const problem = numbersProblem(w, stats.mean, stats.std);
    if (problem) throw rangeError(fn, problem);
    if (model.names && model.names.length !== w.cols) {
      throw rangeError(fn, `classNames has ${model.names.length} names but W has ${w.cols} columns; expected one name per class`);
    }
    model.weights = w;
    model.stats = stats;
    model.summary = o.training;
    return model;
  }

  /**
   * A classifier from a JSON document (as toJSON() makes); a damaged or foreign one is an error.
   * @param doc the parsed JSON
   * @param source names the document in error messages (default 'model')
   * @throws Error naming the source for a foreign format, an unsupported version, malformed fields,
   *   a checksum mismatch or non-finite weights
   */
  static fromJSON(doc: unknown, source = 'model'): LinearClassifier {
    const m = modelFromJSON(doc, source);
    return LinearClassifier.fromWeights(m.W, m.preprocess, m);
  }

  /**
   * Saves atomically (temporary file, then rename): a crash mid-save never leaves a corrupt model
   * where a good one was. During a fit it saves the weights reached so far (taken between native
   * chunks) with that fit's preprocessing, marked `training.inProgress`. Node only.
   * @returns whether the fit was still running and, if so, after how many steps the saved W is
   */
  async save(path: string): Promise<{ inProgress: boolean; step?: number }> {
    if (typeof path !== 'string' || path === '') throw typeError('LinearClassifier.save', 'path', 'a file path', path);
    const fs = modelFileSystem('LinearClassifier.save');
    const live = this.running;
    if (live) {
      const { W, step } = await live.run.snapshot();
      if (W) {
        checkSavable('LinearClassifier.save', W, live.stats);
        const classNames = Array.from({ length: live.classes }, (_, i) => this.names?.[i] ?? String(i));
        const doc = modelToJSON({
          loss: this.loss,
          W,
          preprocess: live.stats,
          classNames,
          ...(this.shape ? { imageShape: this.shape } : {}),
          training: { inProgress: true, steps: step },
        });
        await fs.writeAtomic(path, JSON.stringify(doc));
        return { inProgress: true, step };
      }
    }
    await fs.writeAtomic(path, JSON.stringify(this.toJSON()));
    return { inProgress: false };
  }

  /**
   * Loads a saved model; a missing, damaged or foreign file is a clear error naming it. Node only.
   * @param path the file save() wrote
   */
  static async load(path: string): Promise<LinearClassifier> {
    if (typeof path !== 'string' || path === '') throw typeError('LinearClassifier.load', 'path', 'a file path', path);
    const text = await modelFileSystem('LinearClassifier.load').readText(path);
    let doc: unknown;
    try {
      // A byte-order mark (editors on Windows add one) is not part of the JSON.
      doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      throw new Error(`${path}: not a model file (not valid JSON${text.length === 0 ? '; the file is empty' : ''})`);
    }
    return LinearClassifier.fromJSON(doc, path);
  }
}
