/**
 * The native backend: @svm/native's C++ kernels (BLAS, fused loss+gradient) behind the Backend
 * interface. Node only; loading the addon may fail (not built, no BLAS), which the registry turns
 * into a warning and the reference backend.
 */
import { createRequire } from 'node:module';
import type { NativeAddon } from '@svm/native';
import type { FloatArray, Matrix } from '../matrix.js';
import type { Backend, LossProblem } from './types.js';

/** Loads the addon; throws with the loader's reason when it cannot. */
export function loadAddon(): NativeAddon {
  const require = createRequire(import.meta.url);
  return require('@svm/native') as NativeAddon;
}

/**
 * The addon's huge-page advice for a large array about to be written: a mini-batch step reads ~200
 * scattered rows of X, each over several 4 KiB pages, each page a TLB miss (numpy madvises its own
 * arrays of 4 MiB and more the same way). Best-effort: undefined for an addon built before the
 * function existed, and silent after the first error (an allocation must never fail for it).
 */
export function hugePageAdvice(addon: NativeAddon): ((array: FloatArray) => void) | undefined {
  if (typeof addon.adviseHugePages !== 'function') return undefined;
  let working = true;
  return (array) => {
    if (!working) return;
    try {
      addon.adviseHugePages(array);
    } catch {
      working = false;
    }
  };
}

const KIND = { svm: 0, softmax: 1 } as const;

/** The native backend over a loaded addon. */
export function nativeBackend(addon: NativeAddon): Backend {
  const lossArgs = (p: LossProblem, grad: FloatArray | null, stats: Float64Array) =>
    [KIND[p.kind], p.X.data, p.X.rows, p.X.cols, p.y, p.batch, p.W.data, p.W.cols, p.reg, p.delta, grad, stats] as const;
  const mm = (A: Matrix, B: Matrix, transA: boolean, transB: boolean, out: FloatArray) => {
    const m = transA ? A.cols : A.rows;
    const k = transA ? A.rows : A.cols;
    const n = transB ? B.rows : B.cols;
    return [A.data, B.data, m, k, n, transA, transB, out] as const;
  };
  return {
    name: 'native',
    lossGrad: (p, grad, stats) => addon.lossGrad(...lossArgs(p, grad, stats)),
    lossGradAsync: (p, grad, stats) => addon.lossGradAsync(...lossArgs(p, grad, stats)),
    scores: (X, W, out) => addon.scores(X.data, X.rows, X.cols, W.data, W.cols, out),
    scoresAsync: (X, W, out) => addon.scoresAsync(X.data, X.rows, X.cols, W.data, W.cols, out),
    predict: (X, W, out) => addon.predict(X.data, X.rows, X.cols, W.data, W.cols, out),
    predictAsync: (X, W, out) => addon.predictAsync(X.data, X.rows, X.cols, W.data, W.cols, out),
    trainChunk: (job, start, steps, ms, out) =>
      addon.trainChunkAsync(
        job.config,
        job.X.data,
        job.X.rows,
        job.X.cols,
        job.y,
        job.W.data,
        job.W.cols,
        job.s1,
        job.s2,
        job.rngState,
        job.perm,
        job.cursor,
        start,
        steps,
        ms,
        out,
      ),
    lossGrid: (kind, delta, S0, S1, S2, N, C, y, a, b, out) =>
      addon.lossGridAsync(KIND[kind], delta, S0, S1, S2, N, C, y, a, b, out),
    candidateLosses: (kind, delta, S, N, K, C, y, out) => addon.candidateLossesAsync(KIND[kind], delta, S, N, K, C, y, out),
    matmul: (A, B, ta, tb, out) => addon.matmul(...mm(A, B, ta, tb, out)),
    matmulAsync: (A, B, ta, tb, out) => addon.matmulAsync(...mm(A, B, ta, tb, out)),
    firstNonFinite: (data) => addon.firstNonFinite(data),
    adviseHugePages: hugePageAdvice(addon),
    threads: () => addon.getThreads(),
    setThreads: (n) => addon.setThreads(n),
  };
}
