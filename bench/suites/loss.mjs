// The fused SVM loss+gradient kernel against the baselines a CS231n student would otherwise use:
// numpy's vectorized loss, two plain BLAS gemm calls with the elementwise work in between, and our
// own pure-TypeScript reference. All figures come from this run; ratios are baseline / native.
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import addon from '@svm/native';
import { Matrix, setThreads, svmLoss, svmLossSync, threads, useBackend } from '@svm/core';
import { randomBatch, randomLabels, uniformMatrix } from '../lib/data.mjs';
import { mb, ms, ratio, table } from '../lib/format.mjs';
import { numpyUnavailable, runPython, tunedCoreType } from '../lib/python.mjs';
import { measure, perCall } from '../lib/timing.mjs';

export const description = 'SVM loss+gradient: native vs numpy, two-gemm BLAS and the reference backend; per-call overhead; memory';

const here = dirname(fileURLToPath(import.meta.url));
const NUMPY_SCRIPT = join(here, '..', 'baselines', 'svm_numpy.py');
const D = 3073; // CIFAR-10 pixels plus the bias column
const C = 10;
const REG = 2.5e4; // CS231n's default; any value costs the same
const BATCH = 200; // CS231n's SGD mini-batch

/** X ~ U(−0.5, 0.5), W ~ small: every margin is violated, so no row of the gradient is skipped. */
function problem(N, seed) {
  const X = uniformMatrix(N, D, { seed });
  const W = uniformMatrix(D, C, { seed: seed + 1, lo: -1e-4, hi: 1e-4 });
  return { X, W, y: randomLabels(N, C, seed + 2) };
}

/**
 * The obvious alternative to a fused kernel: S = X·W and dW = Xᵀ·coef through BLAS (the addon's
 * matmul is cblas_sgemm), the margins and coefficients in plain JS between them.
 */
function twoGemmSvm(W, X, y, reg) {
  const N = X.rows;
  const S = new Float32Array(N * C);
  const coef = new Float32Array(N * C);
  const dW = new Float32Array(D * C);
  addon.matmul(X.data, W.data, N, D, C, false, false, S);
  let loss = 0;
  for (let i = 0; i < N; i++) {
    const row = i * C;
    const sy = S[row + y[i]];
    let count = 0;
    for (let c = 0; c < C; c++) {
      if (c === y[i]) continue;
      const m = S[row + c] - sy + 1;
      if (m > 0) {
        loss += m;
        coef[row + c] = 1;
        count++;
      }
    }
    coef[row + y[i]] = -count;
  }
  addon.matmul(X.data, coef, D, N, C, true, false, dW);
  let sq = 0;
  for (let k = 0; k < dW.length; k++) {
    const w = W.data[k];
    sq += w * w;
    dW[k] = dW[k] / N + 2 * reg * w;
  }
  return { loss: loss / N + reg * sq, grad: dW };
}

function numpyBaseline(N, runs, withBatch, blas = 'as-installed') {
  const why = numpyUnavailable();
  if (why) return { skipped: why };
  try {
    return runPython(NUMPY_SCRIPT, withBatch ? [N, D, C, runs, 7, BATCH, 50] : [N, D, C, runs, 7], { blas });
  } catch (err) {
    return { skipped: `numpy baseline failed: ${err.message}` };
  }
}

/** Speed-up cell with a target: "6.2× ✓ (≥ 5×)". */
function against(baseline, ours, target) {
  const r = ratio(baseline, ours);
  if (!target || r === '–') return r;
  return `${r} ${baseline / ours >= target ? '✓' : '✗'} (≥ ${target}×)`;
}

async function lossTable(N, { runs, referenceRuns, targets, out }) {
  const { X, W, y } = problem(N, 11);
  const maxThreads = availableParallelism();
  const defaultThreads = threads();

  // Peak RSS before the first call: whatever the native path allocates per call (a copy of X
  // would show as ~100%) lands on top of it.
  let rss;
  if (N >= 10000) {
    const before = process.resourceUsage().maxRSS * 1024;
    for (let i = 0; i < 20; i++) await svmLoss(W, X, y, { reg: REG });
    const after = process.resourceUsage().maxRSS * 1024;
    rss = { before, after, growth: (after - before) / X.data.byteLength };
  }

  const native = {};
  for (const t of [...new Set([1, maxThreads])]) {
    setThreads(t);
    native[t] = await measure(() => svmLoss(W, X, y, { reg: REG }), { runs });
  }
  setThreads(defaultThreads);
  const best = native[defaultThreads] ?? native[maxThreads];

  const gemm = await measure(() => twoGemmSvm(W, X, y, REG), { runs: Math.max(3, runs >> 1) });
  // Same numbers from both paths, or the comparison means nothing.
  const a = svmLossSync(W, X, y, { reg: REG }).loss;
  const b = twoGemmSvm(W, X, y, REG).loss;
  const agree = Math.abs(a - b) <= 1e-4 * Math.abs(b);

  useBackend('reference');
  const ref = await measure(() => svmLoss(W, X, y, { reg: REG }), { runs: referenceRuns, warmup: 0 });
  useBackend('native');

  const numpy = numpyBaseline(N, runs, N < 10000 ? false : true);
  // Context, no target: numpy whose OpenBLAS is told the CPU, as our addon tells it.
  const tuned = N >= 10000 && tunedCoreType() ? numpyBaseline(N, runs, false, 'tuned') : undefined;

  const rows = [];
  for (const t of Object.keys(native)) {
    const r = native[t];
    rows.push([`native \`svmLoss\`, ${t} thread${t === '1' ? '' : 's'}`, ms(r.median), ms(r.min), ratio(r.median, best.median)]);
  }
  if (numpy.skipped) rows.push(['numpy (CS231n vectorized)', '–', '–', `skipped: ${numpy.skipped}`]);
  else {
    const np = numpy.median_ms;
    rows.push([`numpy ${numpy.numpy} (CS231n vectorized)`, ms(np), ms(Math.min(...numpy.runs_ms)), against(np, best.median, targets.numpy)]);
  }
  if (tuned && !tuned.skipped) {
    rows.push([`numpy, OPENBLAS_CORETYPE=${tunedCoreType()} (context)`, ms(tuned.median_ms), ms(Math.min(...tuned.runs_ms)), ratio(tuned.median_ms, best.median)]);
  }
  rows.push([`two OpenBLAS sgemm${tunedCoreType() ? ` (${tunedCoreType()} kernels)` : ''} + JS elementwise`, ms(gemm.median), ms(gemm.min), against(gemm.median, best.median, targets.gemm)]);
  rows.push([`reference backend (pure TS), ${referenceRuns} run${referenceRuns > 1 ? 's' : ''}`, ms(ref.median), ms(ref.min), ratio(ref.median, best.median)]);

  out.push(`### N = ${N}, D = ${D}, C = ${C}, float32 (X = ${mb(X.data.byteLength)})\n`);
  out.push(table(['implementation', 'median ms', 'min ms', `native (${defaultThreads} threads) is … faster`], rows));
  out.push('');
  if (!agree) out.push(`⚠ native loss ${a} and two-gemm loss ${b} disagree\n`);
  return { X, W, y, rss, numpy };
}

async function batchTable(big, numpy, out) {
  const { X, W, y } = big;
  const batches = Array.from({ length: 64 }, (_, i) => randomBatch(BATCH, X.rows, 100 + i));
  let k = 0;
  const next = () => batches[k++ % batches.length];
  const sync = await measure(() => svmLossSync(W, X, y, { reg: REG, batch: next() }), { runs: 300, warmup: 20 });
  const async_ = await measure(() => svmLoss(W, X, y, { reg: REG, batch: next() }), { runs: 300, warmup: 20 });
  const rows = [
    ['native `svmLossSync`, batch indices', ms(sync.median), ms(sync.min), '1×'],
    ['native `svmLoss` (async), batch indices', ms(async_.median), ms(async_.min), ratio(async_.median, sync.median)],
  ];
  if (numpy.batch_median_ms !== undefined) {
    rows.push(['numpy: `X[idx]` gather + vectorized loss', ms(numpy.batch_median_ms), ms(numpy.batch_min_ms), ratio(numpy.batch_median_ms, sync.median)]);
  }
  out.push(`### Mini-batch of ${BATCH} random rows out of ${X.rows} (one SGD step's loss+gradient)\n`);
  out.push(table(['implementation', 'median ms', 'min ms', 'sync native is … faster'], rows));
  out.push('');
}

function overheadTable(out) {
  const X = uniformMatrix(4, 3, { seed: 5 });
  const W = uniformMatrix(3, 3, { seed: 6 });
  const y = new Int32Array([0, 1, 2, 1]);
  const grad = new Float32Array(9);
  const stats = new Float64Array(5);
  // Many short rounds: the median then ignores rounds that shared the CPU with something else.
  const api = perCall(() => svmLossSync(W, X, y, { reg: 0.1 }), { calls: 10000, rounds: 21 });
  const raw = perCall(() => addon.lossGrad(0, X.data, 4, 3, y, null, W.data, 3, 0.1, 1, grad, stats), { calls: 10000, rounds: 21 });
  const ok = (us) => (us < 5 ? '✓' : '✗');
  out.push('### Per-call overhead (N = 4, D = 3, C = 3)\n');
  out.push(
    table(
      ['path', 'µs per call (median)', 'min', 'target < 5 µs'],
      [
        ['`svmLossSync` (validation, result object, gradient Matrix)', api.median.toFixed(2), api.min.toFixed(2), ok(api.median)],
        ['raw addon `lossGrad` (preallocated outputs)', raw.median.toFixed(2), raw.min.toFixed(2), ok(raw.median)],
      ],
    ),
  );
  out.push('');
}

export async function run() {
  const out = [];
  out.push('## loss: fused SVM loss + gradient\n');
  out.push(
    'Random data: X ~ U(−0.5, 0.5), W ~ U(±1e-4), random labels, reg = 2.5e4, so every margin is violated and no ' +
      'gradient row can be skipped (the kernel\'s worst case). numpy runs in its own process on data of the same ' +
      'distribution and times itself (median); it and the two-gemm path use all cores through OpenBLAS. Times are ' +
      'medians over several runs; min is the best run.\n',
  );
  const big = await lossTable(49000, { runs: 7, referenceRuns: 1, targets: { numpy: 5, gemm: 3 }, out });
  await lossTable(500, { runs: 40, referenceRuns: 3, targets: { numpy: 5 }, out });
  await batchTable(big, big.numpy, out);
  overheadTable(out);
  const { rss, X } = big;
  out.push('### Memory: peak RSS over 20 CIFAR-size calls\n');
  out.push(
    table(
      ['X', 'peak RSS before', 'peak RSS after', 'growth / size of X', 'target < 10%'],
      [[mb(X.data.byteLength), mb(rss.before), mb(rss.after), `${(rss.growth * 100).toFixed(2)}%`, rss.growth < 0.1 ? '✓' : '✗']],
    ),
  );
  out.push('');
  return out.join('\n');
}
