/**
 * The reference backend: every kernel as the plain loops of CS231n's "naive" implementations, in
 * double precision. It is the oracle the native backend is tested against, the fallback when the
 * addon cannot load, and what runs in the browser.
 */
import type { FloatArray, Matrix } from '../matrix.js';
import { candidateLosses, lossGrid, runSteps } from './reference-optim.js';
import { Stat, type Backend, type LossProblem } from './types.js';

function lossGrad(p: LossProblem, grad: FloatArray | null, stats: Float64Array): void {
  const { X, W, y, batch, reg, delta } = p;
  const D = X.cols;
  const C = W.cols;
  const x = X.data;
  const w = W.data;
  const n = batch ? batch.length : X.rows;
  const dW = grad ? new Float64Array(D * C) : null;
  const s = new Float64Array(C);
  const coef = new Float64Array(C);
  let dataLoss = 0;
  let violated = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const row = batch ? batch[i]! : i;
    const off = row * D;
    for (let c = 0; c < C; c++) {
      let acc = 0;
      for (let d = 0; d < D; d++) acc += x[off + d]! * w[d * C + c]!;
      s[c] = acc;
    }
    const yi = y[row]!;
    let poison = 0;
    for (let c = 0; c < C; c++) poison += s[c]! - s[c]!; // NaN if any score is NaN/Inf
    if (poison !== 0) dataLoss = Number.NaN;
    if (p.kind === 'svm') {
      let count = 0;
      for (let c = 0; c < C; c++) {
        coef[c] = 0;
        if (c === yi) continue;
        const margin = s[c]! - s[yi]! + delta;
        if (margin > 0) {
          dataLoss += margin;
          coef[c] = 1;
          count++;
        }
      }
      coef[yi] = -count;
      violated += count;
    } else {
      let mx = s[0]!;
      for (let c = 1; c < C; c++) mx = Math.max(mx, s[c]!);
      let sum = 0;
      for (let c = 0; c < C; c++) {
        coef[c] = Math.exp(s[c]! - mx);
        sum += coef[c]!;
      }
      for (let c = 0; c < C; c++) coef[c] = coef[c]! / sum;
      coef[yi] = coef[yi]! - 1;
      dataLoss += Math.log(sum) - (s[yi]! - mx);
    }
    let best = 0;
    for (let c = 1; c < C; c++) if (s[c]! > s[best]!) best = c;
    if (best === yi) correct++;
    if (dW) {
      for (let d = 0; d < D; d++) {
        const xd = x[off + d]!;
        if (xd === 0) continue;
        for (let c = 0; c < C; c++) dW[d * C + c] = dW[d * C + c]! + coef[c]! * xd;
      }
    }
  }
  let sq = 0;
  for (let i = 0; i < w.length; i++) sq += w[i]! * w[i]!;
  stats[Stat.DataLoss] = dataLoss / n;
  stats[Stat.RegLoss] = reg * sq;
  stats[Stat.Loss] = stats[Stat.DataLoss]! + stats[Stat.RegLoss]!;
  stats[Stat.ViolatedShare] = p.kind === 'svm' && C > 1 ? violated / (n * (C - 1)) : 0;
  stats[Stat.Accuracy] = correct / n;
  if (grad && dW) {
    for (let i = 0; i < dW.length; i++) grad[i] = dW[i]! / n + 2 * reg * w[i]!;
  }
}

function matmul(A: Matrix, B: Matrix, transA: boolean, transB: boolean, out: FloatArray): void {
  const m = transA ? A.cols : A.rows;
  const k = transA ? A.rows : A.cols;
  const n = transB ? B.rows : B.cols;
  const a = A.data;
  const b = B.data;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let t = 0; t < k; t++) {
        acc += (transA ? a[t * A.cols + i]! : a[i * A.cols + t]!) * (transB ? b[j * B.cols + t]! : b[t * B.cols + j]!);
      }
      out[i * n + j] = acc;
    }
  }
}

function scores(X: Matrix, W: Matrix, out: FloatArray): void {
  matmul(X, W, false, false, out);
}

function predict(X: Matrix, W: Matrix, out: Int32Array): void {
  const C = W.cols;
  const s = new Float64Array(X.rows * C);
  scores(X, W, s);
  for (let i = 0; i < X.rows; i++) {
    let best = 0;
    let nan = false;
    for (let c = 0; c < C; c++) {
      nan ||= Number.isNaN(s[i * C + c]!);
      if (s[i * C + c]! > s[i * C + best]!) best = c;
    }
    out[i] = nan ? -1 : best; // as the native kernel: -1 marks a row with a NaN score
  }
}

/** The pure-TypeScript backend. */
export const referenceBackend: Backend = {
  name: 'reference',
  lossGrad,
  lossGradAsync: async (p, grad, stats) => lossGrad(p, grad, stats),
  scores,
  scoresAsync: async (X, W, out) => scores(X, W, out),
  predict,
  predictAsync: async (X, W, out) => predict(X, W, out),
  trainChunk: async (job, start, steps, ms, out) => runSteps(lossGrad, job, start, steps, ms, out),
  lossGrid: async (...args) => lossGrid(...args),
  candidateLosses: async (...args) => candidateLosses(...args),
  matmul,
  matmulAsync: async (A, B, ta, tb, out) => matmul(A, B, ta, tb, out),
  firstNonFinite(data) {
    for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return i;
    return -1;
  },
  threads: () => 1,
  setThreads: () => undefined,
};
