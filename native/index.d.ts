/**
 * The whole surface of the compiled addon, in one place. Every function trusts that @svm/core has
 * validated its arguments; the bindings re-check only what could crash the process (array types,
 * lengths, index ranges) and throw TypeError/RangeError when those are wrong.
 *
 * Shapes are row-major: X is N×D, W is D×C, scores N×C. Arrays of one call share a dtype
 * (Float32Array or Float64Array). `…Async` variants run on the libuv thread pool and resolve once
 * the outputs are written; the inputs must not be modified until then.
 */
export type FloatArray = Float32Array | Float64Array;

/** 0: multiclass SVM (hinge); 1: softmax (cross-entropy). */
export type LossKindCode = 0 | 1;

export interface NativeAddon {
  /** The BLAS library and its build configuration, e.g. "OpenBLAS 0.3.21 … MAX_THREADS=64". */
  readonly blasInfo: string;
  /** Threads for every kernel and for BLAS (the caller's thread included). */
  setThreads(threads: number): void;
  getThreads(): number;

  /**
   * Fused loss and gradient. Writes [loss, dataLoss, regLoss, violatedShare, accuracy] into
   * `stats` (Float64Array(5)) and, when `grad` is not null, the D×C gradient into `grad`.
   * `batch` (Int32Array of row indices, may repeat) restricts the loss to those rows.
   * @throws RangeError on a label or batch index out of range, Error on empty input.
   */
  lossGrad(
    kind: LossKindCode,
    X: FloatArray,
    N: number,
    D: number,
    y: Int32Array,
    batch: Int32Array | null,
    W: FloatArray,
    C: number,
    reg: number,
    delta: number,
    grad: FloatArray | null,
    stats: Float64Array,
  ): void;
  /** [async] lossGrad off the JS thread. */
  lossGradAsync(...args: Parameters<NativeAddon['lossGrad']>): Promise<void>;

  /** out (N×C) = X·W. */
  scores(X: FloatArray, N: number, D: number, W: FloatArray, C: number, out: FloatArray): void;
  /** [async] scores off the JS thread. */
  scoresAsync(X: FloatArray, N: number, D: number, W: FloatArray, C: number, out: FloatArray): Promise<void>;
  /** out[i] = argmax_c (X·W)[i, c] (first on ties). */
  predict(X: FloatArray, N: number, D: number, W: FloatArray, C: number, out: Int32Array): void;
  /** [async] predict off the JS thread. */
  predictAsync(X: FloatArray, N: number, D: number, W: FloatArray, C: number, out: Int32Array): Promise<void>;

  /** out (m×n) = op(A)·op(B) through BLAS gemm; A is stored m×k (k×m when transA), B k×n (n×k when transB). */
  matmul(A: FloatArray, B: FloatArray, m: number, k: number, n: number, transA: boolean, transB: boolean, out: FloatArray): void;
  /** [async] matmul off the JS thread. */
  matmulAsync(
    A: FloatArray,
    B: FloatArray,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
    out: FloatArray,
  ): Promise<void>;

  /** Index of the first NaN or ±Inf, or -1 (multi-threaded scan). */
  firstNonFinite(data: FloatArray): number;
}

declare const addon: NativeAddon;
export = addon;
