/**
 * The whole surface of the compiled addon, in one place. Every function trusts that @svm/core has
 * validated its arguments; the bindings re-check only what could crash the process (array types,
 * lengths, index ranges) and throw TypeError/RangeError when those are wrong.
 *
 * Shapes are row-major: X is N×D, W is D×C, scores N×C. Arrays of one call share a dtype
 * (Float32Array or Float64Array). `…Async` variants run on the libuv thread pool and resolve once
 * the outputs are written; the inputs must not be modified until then. Changing labels, a batch or
 * the permutation's cursor meanwhile gives a RangeError or results for some mix of old and new
 * values, never a crash; transferring (detaching) an array's buffer meanwhile is not detectable
 * and must not be done; arrays on resizable ArrayBuffers are refused. Argument errors reject the
 * promise. Outputs must not share memory with inputs (TypeError).
 */
declare namespace addon {
  export type FloatArray = Float32Array | Float64Array;

  /** 0: multiclass SVM (hinge); 1: softmax (cross-entropy). */
  export type LossKindCode = 0 | 1;

  /** Training configuration (numbers only; enums as their index). */
  export interface NativeTrainConfig {
    /** 0 svm, 1 softmax. */
    kind: number;
    reg: number;
    delta: number;
    /** 0 = full batch. */
    batchSize: number;
    /** 1: with replacement; 0: shuffled permutation. */
    replace: number;
    divergeAbove: number;
    /** 0 sgd, 1 momentum, 2 nesterov, 3 rmsprop, 4 adam. */
    rule: number;
    learningRate: number;
    momentum: number;
    decay: number;
    beta1: number;
    beta2: number;
    eps: number;
    /** 0 constant, 1 step, 2 exponential, 3 inverse time. */
    schedule: number;
    scheduleEvery: number;
    scheduleGamma: number;
    scheduleK: number;
  }

  export interface NativeAddon {
    /** The BLAS library and its build configuration, e.g. "OpenBLAS 0.3.21 … MAX_THREADS=64". */
    readonly blasInfo: string;
    /** Threads for every kernel and for BLAS (the caller's thread included). */
    setThreads(threads: number): void;
    getThreads(): number;
    /**
     * Asks the kernel (Linux) for transparent huge pages behind the array's 2 MiB-aligned interior;
     * call it before the array is written, as pages already touched keep their size. Returns the
     * bytes advised: 0 for arrays holding no whole 2 MiB page, or where madvise is unavailable or
     * refused (not Linux; a kernel built without transparent huge pages). Advice is a hint: with THP
     * set to `never`, or no free 2 MiB pages, the memory still comes in 4 KiB pages.
     * @throws TypeError when `array` is not a typed array.
     */
    adviseHugePages(array: FloatArray): number;

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
    /** out[i] = argmax_c (X·W)[i, c] (first on ties); -1 where a score of row i is NaN. */
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

    /**
     * Runs up to `maxSteps` training steps (sample a batch, fused loss+gradient, update) or until
     * `maxMillis` has passed or the loss diverges (non-finite, or above `config.divergeAbove`).
     * W, the optimizer state s1/s2 (velocity/cache/moments; null when the rule needs none), the
     * generator state (xoshiro128**, 4 words) and the sampling permutation + cursor are updated in
     * place, so consecutive calls continue one run. Writes `stepRecordLength` doubles per step into
     * `out`: loss, learning rate, gradient norm, violated share, batch accuracy, data loss.
     */
    trainChunk(
      config: NativeTrainConfig,
      X: FloatArray,
      N: number,
      D: number,
      y: Int32Array,
      W: FloatArray,
      C: number,
      s1: FloatArray | null,
      s2: FloatArray | null,
      rngState: Uint32Array,
      perm: Int32Array | null,
      cursor: Int32Array,
      stepStart: number,
      maxSteps: number,
      maxMillis: number,
      out: Float64Array,
    ): { steps: number; diverged: boolean };
    /** [async] trainChunk off the JS thread. */
    trainChunkAsync(...args: Parameters<NativeAddon['trainChunk']>): Promise<{ steps: number; diverged: boolean }>;
    /** Doubles per step trainChunk writes (6). */
    readonly stepRecordLength: number;

    /**
     * Data losses on a grid: out[i·nb + j] = loss of scores S0 + a[i]·S1 + b[j]·S2 (each N×C).
     * With S2 and b null it is a 1-D slice (out[i]).
     */
    lossGrid(
      kind: LossKindCode,
      delta: number,
      S0: FloatArray,
      S1: FloatArray,
      S2: FloatArray | null,
      N: number,
      C: number,
      y: Int32Array,
      a: Float64Array,
      b: Float64Array | null,
      out: Float64Array,
    ): void;
    /** [async] lossGrid off the JS thread. */
    lossGridAsync(...args: Parameters<NativeAddon['lossGrid']>): Promise<void>;
    /** K candidates' scores side by side in S (N × K·C): out[2k] = data loss, out[2k+1] = accuracy. */
    candidateLosses(kind: LossKindCode, delta: number, S: FloatArray, N: number, K: number, C: number, y: Int32Array, out: Float64Array): void;
    /** [async] candidateLosses off the JS thread. */
    candidateLossesAsync(...args: Parameters<NativeAddon['candidateLosses']>): Promise<void>;

    /** Index of the first NaN or ±Inf, or -1 (multi-threaded scan). */
    firstNonFinite(data: FloatArray): number;
  }
}

/** The loaded addon (CommonJS `module.exports`); its types are the namespace's members. */
declare const addon: addon.NativeAddon;
export = addon;
