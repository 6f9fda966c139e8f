/**
 * Coalesces bursts: however often `poke()` is called, `flush` runs at most once per interval (the
 * first poke after a quiet spell flushes without delay). Training emits a progress event per native
 * chunk; the browser needs ten a second at most.
 */
export class Throttle {
  private timer: NodeJS.Timeout | undefined;
  private last = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly flush: () => void,
  ) {}

  poke(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.intervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.last = performance.now();
      this.flush();
    }, wait);
  }

  /** Flushes now (the end of a run) and cancels any pending flush. */
  flushNow(): void {
    this.cancel();
    this.last = performance.now();
    this.flush();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
