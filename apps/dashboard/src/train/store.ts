/**
 * A state holder that lives outside React and tells subscribers (the Ink view) about changes at
 * most once per `frameMs`. Training updates it on every progress event; the view follows at a
 * bounded frame rate, and draws at the right moment: a progress event arrives just before the
 * library hands the next chunk of steps to native code, so a frame drawn on `setImmediate` after
 * it overlaps that chunk instead of holding the loop up. A fallback timer covers quiet periods
 * (paused, evaluating); `flush()` draws at once (a key press should show without waiting).
 *
 * The frame interval adapts to what a frame costs: Ink re-tokenizes every escape code of the
 * screen on every frame (~20–50 ms for a screen of 24-bit images on this machine), so the store
 * keeps drawing to about 1/DUTY of one core and never more often than `minFrameMs`.
 */
/**
 * Frame interval ÷ frame cost: 20 keeps drawing near 5% of one core (a frame that adds a
 * checkpoint is drawn twice: Ink's <Static> re-renders once it has printed new items).
 */
const DUTY = 20;
/** Longest interval the adaptation may choose. */
const MAX_FRAME_MS = 1000;

export class ThrottledStore<T> {
  private state: T;
  private readonly listeners = new Set<() => void>();
  private fallback: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private lastNotify = -Infinity;
  private dirty = false;

  /** Time between frames now (≥ minFrameMs). */
  frameMs: number;

  constructor(
    initial: T,
    /** Least time between frames. */
    private readonly minFrameMs = 100,
  ) {
    this.state = initial;
    this.frameMs = minFrameMs;
  }

  /** Reports what the last frame cost to draw (ms); later frames are spaced to match. */
  reportFrameCost(ms: number): void {
    if (!(ms >= 0)) return;
    // Smoothed, so one slow frame (a garbage collection) does not halve the frame rate.
    this.cost = this.cost === undefined ? ms : 0.7 * this.cost + 0.3 * ms;
    this.frameMs = Math.min(MAX_FRAME_MS, Math.max(this.minFrameMs, this.cost * DUTY));
  }

  private cost: number | undefined;

  /** The current snapshot (a new object after every update, as useSyncExternalStore needs). */
  readonly get = (): T => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: (s: T) => T): void {
    this.state = change(this.state);
    this.dirty = true;
    if (this.immediate) return;
    if (performance.now() - this.lastNotify >= this.frameMs) {
      this.immediate = setImmediate(() => {
        this.immediate = undefined;
        this.notify();
      });
    } else if (!this.fallback) {
      this.fallback = setTimeout(
        () => {
          this.fallback = undefined;
          this.notify();
        },
        Math.max(0, this.lastNotify + 2 * this.frameMs - performance.now()),
      );
    }
  }

  /** Notifies now. */
  flush(): void {
    this.notify();
  }

  private notify(): void {
    if (this.fallback) clearTimeout(this.fallback);
    this.fallback = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    this.lastNotify = performance.now();
    for (const l of this.listeners) l();
  }

  /** Draws what is pending and cancels the timers. */
  close(): void {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
    this.notify();
  }
}
