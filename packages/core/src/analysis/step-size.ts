import type { Matrix } from '../matrix.js';
import { getBackend } from '../backend/registry.js';
import type { Labels } from '../loss/problem.js';
import { evaluate } from '../loss/loss.js';
import { number, options, rangeError, typeError } from '../util/validate.js';
import { checkAnalysisProblem, dot, lossOrInfinity, scoresOf, type ProblemOptions } from './common.js';

/** Options of {@link stepSizeSweep}: the step sizes, and the loss's `loss` ('svm'), `reg` (0) and `delta` (1). */
export interface StepSizeSweepOptions extends ProblemOptions {
  /** Step sizes η to try. Default 1e-10, 1e-9, …, 1e-1 (the lecture's table). */
  stepSizes?: number[];
}

/** The loss after one step of size η along the negative gradient. */
export interface StepSizeEntry {
  /** The step size η tried. */
  stepSize: number;
  /** L(W − η·∇L(W)); Infinity where it overflows double precision (a huge η). */
  loss: number;
  /** loss − L(W): negative where the step helped. */
  change: number;
  /** True where the step made the loss larger than at W (always where the loss is Infinity). */
  rises: boolean;
}

const DEFAULT_STEPS = [1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1];

/**
 * The lecture's step-size experiment: the full-data loss of W − η·∇L(W) for each η, along the
 * analytic gradient (the lecture steps along its numerical one; the gradient check shows the two
 * agree). The lecture's CIFAR-10 pixels are 0–255; on data scaled to [0, 1] a step of the same size
 * moves the scores ~255² times less, so the interesting η are that much larger. Small steps
 * barely move; a good one lowers the loss most; larger ones overshoot and the loss rises. Costs one
 * loss+gradient evaluation and two score products however many η are tried (the scores are linear
 * in η), computed by the native backend. A step so large that the loss overflows double precision
 * is reported with loss Infinity and rises: true, not NaN.
 * @param W the starting point, D×C
 * @param X data, N×D, same dtype as W
 * @param y N labels in [0, C)
 * @param opts `stepSizes` (default 1e-10 … 1e-1), `loss` (default 'svm'), `reg` (default 0),
 *   `delta` (default 1)
 * @returns one entry per step size, in the order given
 * @throws TypeError/RangeError for mismatched shapes or dtypes, bad labels, NaN/Inf in W or X, an
 *   empty stepSizes or a negative step size, an unknown option
 * @example
 * const sweep = await stepSizeSweep(W, X, y, { reg: 2.5e4 });
 * console.table(sweep); // stepSize, loss, change, rises
 */
export async function stepSizeSweep(W: Matrix, X: Matrix, y: Labels, opts?: StepSizeSweepOptions): Promise<StepSizeEntry[]> {
  const fn = 'stepSizeSweep';
  const o = options(fn, opts, ['stepSizes', 'loss', 'reg', 'delta']);
  const p = checkAnalysisProblem(fn, W, X, y, o);
  let steps = DEFAULT_STEPS;
  if (o.stepSizes !== undefined) {
    if (!Array.isArray(o.stepSizes)) throw typeError(fn, 'stepSizes', 'an array of step sizes', o.stepSizes);
    if (o.stepSizes.length === 0) throw rangeError(fn, 'stepSizes is empty; expected at least one step size');
    steps = o.stepSizes.map((v, i) => number(fn, `stepSizes[${i}]`, v, undefined, { min: 0 }));
  }
  const at = await evaluate(fn, { kind: p.kind, X: p.X, y: p.y, W: p.W, batch: null, reg: p.reg, delta: p.delta }, true);
  const g = at.grad;
  const [S0, S1] = await Promise.all([scoresOf(p.X, p.W), scoresOf(p.X, g)]);
  // η = 0 goes through the grid too: the start and the steps then share one summation, so a tiny
  // step's change is not swamped by the rounding difference between two kernels (nor is a zero
  // step's change anything but 0).
  const a = Float64Array.from([0, ...steps], (eta) => -eta);
  const data = new Float64Array(steps.length + 1);
  await getBackend().lossGrid(p.kind, p.delta, S0, S1, null, p.X.rows, p.W.cols, p.y, a, null, data);
  // reg·‖W − ηg‖², expanded; reg = 0 adds nothing even where η² overflows (0·Infinity would be NaN).
  let regAt = (_eta: number) => 0;
  if (p.reg !== 0) {
    const ww = dot(p.W.data, p.W.data);
    const wg = dot(p.W.data, g.data);
    const gg = dot(g.data, g.data);
    regAt = (eta) => p.reg * (ww - 2 * eta * wg + eta * (eta * gg));
  }
  const start = data[0]! + regAt(0);
  return steps.map((eta, i) => {
    const loss = lossOrInfinity(data[i + 1]! + regAt(eta));
    return { stepSize: eta, loss, change: loss - start, rises: loss > start };
  });
}
