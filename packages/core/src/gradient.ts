/**
 * Numerical gradients by finite differences and the gradient check that compares them with an
 * analytic gradient — the lecture's "compute it analytically, check it numerically".
 */
import { Matrix, type DType } from './matrix.js';
import { Rng } from './util/rng.js';
import { abortSignal, boolean, callback, number, oneOf, options, rangeError, typeError } from './util/validate.js';
import { eventLoopPacer } from './util/yield.js';
import { checkMatrix, checkFinite } from './loss/problem.js';

/** What a function of W may return: a number, or an object with `loss` (and maybe `grad`). */
export type LossOutput = number | { loss: number; grad?: Matrix; dataLoss?: number };

/** A scalar function of W, sync or async. */
export type ScalarFunction = (W: Matrix) => LossOutput | Promise<LossOutput>;

/** Finite-difference scheme: `(f(x+h) − f(x−h)) / 2h` or `(f(x+h) − f(x)) / h`. */
export type Scheme = 'centered' | 'forward';

/** Options of {@link numericalGradient}. */
export interface NumericalGradientOptions {
  /** Step. Default 1e-5 (CS231n's). Must be > 0. */
  h?: number;
  /** Finite-difference scheme. Default 'centered' (error O(h²) rather than O(h)). */
  scheme?: Scheme;
  /** Called after each coordinate with (done, total); the whole gradient costs 1–2 loss evaluations per weight. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the computation; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

function lossOf(fn: string, out: LossOutput): number {
  const v = typeof out === 'number' ? out : out?.loss;
  if (typeof v !== 'number') throw typeError(fn, 'f(W)', 'a number or { loss: number }', out);
  return v;
}

function dataLossOf(out: LossOutput): number {
  return typeof out === 'object' && typeof out.dataLoss === 'number' ? out.dataLoss : lossOf('', out);
}

function checkFunction(fn: string, f: unknown): ScalarFunction {
  if (typeof f !== 'function') throw typeError(fn, 'f', 'a function of W', f);
  return f as ScalarFunction;
}

function checkH(fn: string, h: unknown, fallback: number): number {
  return number(fn, 'h', h, fallback, { above: 0 });
}

/**
 * Throws when float32 W cannot resolve a step of h at its largest entry: w + h would round back to
 * w and that derivative read 0 (or 0/0). `when` places the problem (e.g. "at step 12").
 */
export function checkResolution(fn: string, w: Matrix, h: number, when = ''): void {
  if (w.dtype !== 'float32') return;
  let big = 0;
  for (let i = 0; i < w.size; i++) big = Math.max(big, Math.abs(w.data[i]!));
  if (Math.fround(big + h) === big) {
    throw rangeError(
      fn,
      `h = ${h} is below float32's resolution at W's largest entry (|w| = ${big}${when}): w + h rounds back to w, so that derivative would read 0; expected h > ${(big * 2 ** -24).toPrecision(2)} (or float64 data)`,
    );
  }
}

/**
 * The gradient of `f` at `W` by finite differences over every weight, the lecture's
 * `eval_numerical_gradient`: one or two evaluations of f per weight, so use it on small problems
 * (and see {@link gradCheck} for large ones). W is not modified (a copy is perturbed).
 *
 * In float32, rounding makes finite differences inaccurate (typically 1e-4–1e-3 relative error
 * for a correct gradient, more where the gradient is tiny): check gradients in float64. A float32 W whose largest entry does not change
 * when h is added (h below about 6e-8·max|W|, half float32's spacing there) is an error, not a
 * gradient of zeros.
 *
 * @param f the function, e.g. `W => svmLossSync(W, X, y)` or a {@link lossFunction}
 * @param W the point, D×C
 * @param opts `h` (default 1e-5), `scheme` (default 'centered'), `onProgress`, `signal`
 * @returns the gradient, a Matrix shaped and typed like W
 * @throws RangeError for h ≤ 0, an h float32 cannot resolve at W's values, or an unknown scheme;
 *   TypeError for an onProgress that is not a function or a signal that is not an AbortSignal;
 *   rejects if f throws or the signal aborts
 */
export async function numericalGradient(f: ScalarFunction, W: Matrix, opts?: NumericalGradientOptions): Promise<Matrix> {
  const fn = 'numericalGradient';
  const fun = checkFunction(fn, f);
  const w = checkMatrix(fn, 'W', W);
  const o = options(fn, opts, ['h', 'scheme', 'onProgress', 'signal']);
  const h = checkH(fn, o.h, 1e-5);
  const scheme = oneOf(fn, 'scheme', o.scheme, ['centered', 'forward'] as const, 'centered');
  const onProgress = callback<(done: number, total: number) => void>(fn, 'onProgress', o.onProgress);
  const signal = abortSignal(fn, o.signal);
  checkFinite(fn, 'W', w, false);
  checkResolution(fn, w, h);
  const x = w.clone();
  const grad = Matrix.zeros(w.rows, w.cols, w.dtype);
  const f0 = scheme === 'forward' ? lossOf(fn, await fun(x)) : 0;
  // Small losses finish on this thread: without pacing, the loop would hold the event loop (and
  // an abort sent from a timer or a request) until the last coordinate.
  const pace = eventLoopPacer();
  for (let i = 0; i < x.size; i++) {
    await pace();
    signal?.throwIfAborted();
    const old = x.data[i]!;
    x.data[i] = old + h;
    const fp = lossOf(fn, await fun(x));
    let fm = f0;
    if (scheme === 'centered') {
      x.data[i] = old - h;
      fm = lossOf(fn, await fun(x));
    }
    x.data[i] = old;
    grad.data[i] = scheme === 'centered' ? (fp - fm) / (2 * h) : (fp - f0) / h;
    onProgress?.(i + 1, x.size);
  }
  return grad;
}

/**
 * Relative error |a − n| / max(|a|, |n|), 0 when both are 0: the gradient check's measure, in
 * [0, 1] when a and n share a sign (up to 2 when they do not).
 * @param a the analytic value
 * @param n the numerical value
 */
export function relativeError(a: number, n: number): number {
  if (a === n) return 0;
  return Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n));
}

/** How CS231n's rules of thumb read a relative error (see {@link readRelativeError}). */
export type GradCheckVerdict = 'right' | 'suspicious' | 'wrong';

/**
 * CS231n's reading of one coordinate's relative error: below 1e-7 the gradient is right; up to
 * 1e-4 it is suspicious; above, wrong — except where the finite difference straddles a hinge kink
 * (`nearKink`), where up to 1e-2 is only suspicious. One allowance: for a near-zero gradient
 * (|analytic| < 1e-4, e.g. a weight on an always-black border pixel, where only the regularizer
 * pulls) the loss's own rounding over 2h is ~1e-6 relative, so up to 1e-5 still reads as right.
 * Meant for float64 checks; in float32, rounding swamps differences over a small h.
 * @param relError a relative error, e.g. a {@link GradCheckEntry}'s (NaN reads as wrong)
 * @param opts `nearKink` (default false), `analytic`: the analytic gradient (default: not near zero)
 * @throws TypeError when relError is not a number
 * @example
 * readRelativeError(3e-9); // 'right'
 * readRelativeError(5e-3, { nearKink: true }); // 'suspicious'
 */
export function readRelativeError(relError: number, opts?: { nearKink?: boolean; analytic?: number }): GradCheckVerdict {
  const fn = 'readRelativeError';
  if (typeof relError !== 'number') throw typeError(fn, 'relError', 'a number', relError);
  const o = options(fn, opts, ['nearKink', 'analytic']);
  const nearKink = boolean(fn, 'nearKink', o.nearKink, false);
  if (o.analytic !== undefined && typeof o.analytic !== 'number') throw typeError(fn, 'analytic', 'a number', o.analytic);
  const nearZero = o.analytic !== undefined && Math.abs(o.analytic) < 1e-4;
  if (relError < 1e-7 || (nearZero && relError < 1e-5)) return 'right';
  return relError < 1e-2 && (nearKink || relError < 1e-4) ? 'suspicious' : 'wrong';
}

/** One sampled coordinate of a gradient check. */
export interface GradCheckEntry {
  /** Row of the checked weight in W (a feature, 0…D−1). */
  row: number;
  /** Column of the checked weight in W (a class, 0…C−1). */
  col: number;
  /** The analytic gradient `f(W).grad` at (row, col). */
  analytic: number;
  /** The finite-difference estimate at (row, col), with the report's h and scheme. */
  numeric: number;
  /** {@link relativeError}(analytic, numeric). */
  relError: number;
  /**
   * The loss is not linear on [w − h, w + h] beyond what rounding explains: a hinge kink (a margin
   * crossing 0) lies within ±h of this weight, so the finite difference straddles it and its
   * disagreement with the analytic (sub)gradient is expected, not a bug.
   */
  nearKink: boolean;
  /**
   * Estimated rounding error of `numeric` (absolute): the loss is known to about eps·|L|, and a
   * finite difference divides that by h. A |analytic − numeric| within a few times this is as close
   * as the check can tell, however large relError looks (it happens where the gradient is tiny).
   */
  roundingError: number;
  /**
   * {@link readRelativeError} of relError, given nearKink and analytic — except that an analytic
   * gradient of exactly 0 reads right while |numeric| is within roundingError (relError is then 1
   * by definition, however small the noise).
   */
  verdict: GradCheckVerdict;
}

/** Relative errors of the same coordinates for one step size h. */
export interface HSweepEntry {
  /** The finite-difference step. */
  h: number;
  /** Largest relative error over the sampled coordinates at this h. */
  maxRelError: number;
  /** Median relative error over the sampled coordinates at this h. */
  medianRelError: number;
}

/** What {@link gradCheck} returns. */
export interface GradCheckReport {
  /** Largest relative error over the sampled coordinates. */
  maxRelError: number;
  /** Largest relative error over the coordinates not flagged near a kink (0 when all are). */
  maxRelErrorAwayFromKinks: number;
  /** The sampled coordinates, in sampling order. */
  checks: GradCheckEntry[];
  /** Loss at W. */
  loss: number;
  /** Precision the check ran in (option `dtype`, default 'float64'). */
  dtype: DType;
  /** The finite-difference step used (option `h`). */
  h: number;
  /** The finite-difference scheme used (option `scheme`). */
  scheme: Scheme;
  /** When asked for (`hSweep`), the same coordinates' errors for each h. */
  sweep?: HSweepEntry[];
}

/** Options of {@link gradCheck}. */
export interface GradCheckOptions {
  /** How many random coordinates to check. Default 10; capped at the number of weights. */
  samples?: number;
  /** Finite-difference step. Default 1e-5. */
  h?: number;
  /** Seed of the coordinate sampler. Default 0. */
  seed?: number;
  /** Finite-difference scheme. Default 'centered'. */
  scheme?: Scheme;
  /** Precision of the check. Default 'float64'; 'float32' shows why checks are not done in float32. */
  dtype?: DType;
  /** Also compute errors for several h: `true` for 1e-1 … 1e-10, or the list to try. Default: none. */
  hSweep?: boolean | number[];
}

const DEFAULT_SWEEP = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Gradient check: compares the analytic gradient `f(W).grad` with finite differences (centered by
 * default) at randomly sampled coordinates, by relative error |a − n| / max(|a|, |n|). Runs in
 * float64 by default (W converted; a {@link lossFunction} converts X to match). Coordinates whose
 * finite difference straddles a hinge kink are flagged `nearKink`. W is not modified.
 *
 * Rules of thumb (CS231n), as each entry's `verdict` reads them ({@link readRelativeError}): < 1e-7
 * is right; up to 1e-4 suspicious; beyond, wrong — except near a kink, where up to 1e-2 is only
 * suspicious. Few examples and a small h cross fewer kinks.
 *
 * @param f returns `{ loss, grad }` at W (sync or async), e.g. `lossFunction('svm', X, y, { reg })`
 * @param W the point to check at, D×C
 * @param opts `samples` (default 10), `h` (default 1e-5), `seed` (default 0), `scheme` (default
 *   'centered'), `dtype` (default 'float64'), `hSweep` (default none)
 * @returns `{ maxRelError, maxRelErrorAwayFromKinks, checks, loss, dtype, h, scheme, sweep? }`
 * @throws TypeError if f is not a function or f(W) does not return `{ loss, grad }` with grad a
 *   Matrix shaped like W; RangeError for samples < 1, h ≤ 0, an empty hSweep, an unknown scheme,
 *   dtype or option, NaN/Inf in W; rejects if f throws
 * @example
 * const report = await gradCheck(lossFunction('svm', X, y, { reg: 0.1 }), W, { samples: 20 });
 * console.table(report.checks);
 */
export async function gradCheck(f: ScalarFunction, W: Matrix, opts?: GradCheckOptions): Promise<GradCheckReport> {
  const fn = 'gradCheck';
  const fun = checkFunction(fn, f);
  const w0 = checkMatrix(fn, 'W', W);
  const o = options(fn, opts, ['samples', 'h', 'seed', 'scheme', 'dtype', 'hSweep']);
  const samples = number(fn, 'samples', o.samples, 10, { integer: true, min: 1 });
  const h = checkH(fn, o.h, 1e-5);
  const seed = number(fn, 'seed', o.seed, 0, { integer: true });
  const scheme = oneOf(fn, 'scheme', o.scheme, ['centered', 'forward'] as const, 'centered');
  const dtype = oneOf(fn, 'dtype', o.dtype, ['float64', 'float32'] as const, 'float64');
  let sweepHs: number[] | undefined;
  if (o.hSweep === true) sweepHs = DEFAULT_SWEEP;
  else if (Array.isArray(o.hSweep)) {
    if (o.hSweep.length === 0) throw rangeError(fn, 'hSweep is empty; expected step sizes > 0');
    sweepHs = o.hSweep.map((v, i) => number(fn, `hSweep[${i}]`, v, undefined, { above: 0 }));
  } else if (o.hSweep !== undefined && o.hSweep !== false) {
    throw typeError(fn, 'hSweep', 'a boolean or an array of step sizes', o.hSweep);
  }
  checkFinite(fn, 'W', w0, false);

  // A private copy in the check's precision: perturbed in place, never the caller's W.
  const at: Matrix = w0.dtype === dtype ? w0.clone() : w0.astype(dtype);
  checkResolution(fn, at, h);
  const r0 = await fun(at);
  if (typeof r0 !== 'object' || !(r0.grad instanceof Matrix) || r0.grad.rows !== w0.rows || r0.grad.cols !== w0.cols) {
    throw typeError(fn, 'f(W)', `{ loss, grad } with grad a ${w0.rows}×${w0.cols} Matrix`, r0);
  }
  const f0 = lossOf(fn, r0);
  const d0 = dataLossOf(r0);
  const grad = r0.grad;
  const smooth = (fun as { smooth?: boolean }).smooth === true;
  const eps = dtype === 'float64' ? 2.2e-16 : 1.2e-7;

  const rng = new Rng(seed);
  const count = Math.min(samples, at.size);
  const chosen = new Set<number>();
  const order: number[] = [];
  while (order.length < count) {
    const i = rng.int(at.size);
    if (chosen.has(i)) continue;
    chosen.add(i);
    order.push(i);
  }

  const pace = eventLoopPacer(); // as in numericalGradient
  const diff = async (i: number, step: number) => {
    await pace();
    const old = at.data[i]!;
    at.data[i] = old + step;
    const p = await fun(at);
    at.data[i] = old - step;
    const m = scheme === 'centered' || !smooth ? await fun(at) : undefined;
    at.data[i] = old;
    return { p, m };
  };

  const checks: GradCheckEntry[] = [];
  for (const i of order) {
    const { p, m } = await diff(i, h);
    const fp = lossOf(fn, p);
    const fm = m === undefined ? f0 : lossOf(fn, m);
    const numeric = scheme === 'centered' ? (fp - fm) / (2 * h) : (fp - f0) / h;
    const analytic = grad.data[i]!;
    let nearKink = false;
    if (!smooth && m !== undefined) {
      // One-sided slopes of the data loss agree on a linear piece; a kink makes them jump.
      const dp = dataLossOf(p);
      const dm = dataLossOf(m);
      const jump = Math.abs((dp - d0) / h - (d0 - dm) / h);
      const noise = (8 * eps * Math.max(Math.abs(dp), Math.abs(dm), Math.abs(d0))) / h;
      nearKink = jump > Math.max(10 * noise, 1e-7 * Math.max(Math.abs(analytic), Math.abs(numeric)));
    }
    const roundingError = (eps * Math.max(Math.abs(fp), Math.abs(fm), Math.abs(f0))) / (scheme === 'centered' ? h : h / 2);
    const relError = relativeError(analytic, numeric);
    checks.push({
      row: Math.floor(i / w0.cols),
      col: i % w0.cols,
      analytic,
      numeric,
      relError,
      nearKink,
      roundingError,
      // An exactly zero gradient (W = 0 with reg only, a dead feature) against a finite difference
      // of rounding noise has relative error 1 by definition; within that noise it is right.
      verdict: analytic === 0 && Math.abs(numeric) <= roundingError ? 'right' : readRelativeError(relError, { nearKink, analytic }),
    });
  }

  let sweep: HSweepEntry[] | undefined;
  if (sweepHs) {
    sweep = [];
    for (const step of sweepHs) {
      const errs: number[] = [];
      for (const i of order) {
        const { p, m } = await diff(i, step);
        const n = m === undefined ? (lossOf(fn, p) - f0) / step : (lossOf(fn, p) - lossOf(fn, m)) / (2 * step);
        errs.push(relativeError(grad.data[i]!, n));
      }
      sweep.push({ h: step, maxRelError: Math.max(...errs), medianRelError: median(errs) });
    }
  }

  const away = checks.filter((c) => !c.nearKink).map((c) => c.relError);
  return {
    maxRelError: Math.max(...checks.map((c) => c.relError)),
    maxRelErrorAwayFromKinks: away.length ? Math.max(...away) : 0,
    checks,
    loss: f0,
    dtype,
    h,
    scheme,
    ...(sweep ? { sweep } : {}),
  };
}
