/**
 * Every step's loss in a fixed amount of memory: steps are averaged into at most `capacity` bins
 * and, when they fill, neighbouring bins merge and each bin covers twice as many steps. A chart of
 * a million steps costs the same to keep and to draw as one of a thousand.
 */
export class LossHistory {
  private readonly sums: Float64Array;
  /** Steps in each bin (a bin is full at binSize). */
  private readonly steps: Uint32Array;
  /** Finite losses in each bin (a diverging run records NaN/Inf, which the means leave out). */
  private readonly finite: Uint32Array;
  private bins = 0;
  private binSize = 1;
  private total = 0;

  constructor(private readonly capacity = 1024) {
    if (capacity < 2 || capacity % 2) throw new RangeError('LossHistory: capacity must be an even number ≥ 2');
    this.sums = new Float64Array(capacity);
    this.steps = new Uint32Array(capacity);
    this.finite = new Uint32Array(capacity);
  }

  /** Steps recorded. */
  get length(): number {
    return this.total;
  }

  /** Steps per bin now. */
  get stepsPerBin(): number {
    return this.binSize;
  }

  push(loss: number): void {
    if (this.bins === 0 || this.steps[this.bins - 1]! >= this.binSize) {
      if (this.bins === this.capacity) this.merge();
      this.bins++;
    }
    const b = this.bins - 1;
    this.steps[b] = this.steps[b]! + 1;
    if (Number.isFinite(loss)) {
      this.sums[b] = this.sums[b]! + loss;
      this.finite[b] = this.finite[b]! + 1;
    }
    this.total++;
  }

  /** Mean loss of each bin, oldest first (NaN for a bin without a finite loss). */
  values(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.bins; i++) out.push(this.finite[i]! ? this.sums[i]! / this.finite[i]! : Number.NaN);
    return out;
  }

  private merge(): void {
    const half = this.capacity / 2;
    for (let i = 0; i < half; i++) {
      this.sums[i] = this.sums[2 * i]! + this.sums[2 * i + 1]!;
      this.steps[i] = this.steps[2 * i]! + this.steps[2 * i + 1]!;
      this.finite[i] = this.finite[2 * i]! + this.finite[2 * i + 1]!;
    }
    this.sums.fill(0, half);
    this.steps.fill(0, half);
    this.finite.fill(0, half);
    this.bins = half;
    this.binSize *= 2;
  }
}
