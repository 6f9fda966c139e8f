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
 * measures each frame and keeps drawing to about 1/DUTY of one core, never more often than
 * `minFrameMs`; near the end of a run it leaves the drawing to the final frame.
 */
/**
 * Frame interval ÷ frame cost: 20 keeps drawing near 5% of one core. The cost is measured whole
 * (React, layout, Ink's output — twice when a frame adds checkpoints: <Static> re-renders once it
 * has printed new items).
 */
const DUTY = 20;
/** Longest interval the adaptation may choose. */
const MAX_FRAME_MS = 1000;

export interface ThrottleOptions<T> {
  /**
   * What a frame is assumed to cost until one has been measured (ms). The first frames of a view
   * (loading, a header) are cheap and would predict the full screen's cost badly.
   */
  firstFrameCostMs?: number;
  /**
   * How long the state will keep changing by itself (a run's ETA; Infinity when unknown). A frame
   * that falls due closer to the end than one frame interval is left to the final one, which
   * comes sooner than the next frame would: on a run of a few tenths of a second, drawing on the
   * way would be most of the drawing (it is still drawn within two intervals, whatever the ETA).
   */
  remainingMs?: (state: T) => number;
}

export class ThrottledStore<T> {
  private state: T;
  private readonly listeners = new Set<() => void>();
  private fallback: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private lastNotify = -Infinity;
  private dirty = false;
  private cost: number | undefined;
  private readonly remainingMs: (state: T) => number;

  /** Time between frames now (≥ minFrameMs). */
  frameMs: number;

  constructor(
    initial: T,
    /** Least time between frames. */
    private readonly minFrameMs = 100,
    opts: ThrottleOptions<T> = {},
  ) {
    this.state = initial;
    this.frameMs = minFrameMs;
    this.remainingMs = opts.remainingMs ?? (() => Infinity);
    if (opts.firstFrameCostMs !== undefined) this.reportFrameCost(opts.firstFrameCostMs);
  }

  /** Reports what the last frame cost to draw (ms); later frames are spaced to match. */
  reportFrameCost(ms: number): void {
    if (!(ms >= 0)) return;
    // Smoothed, so one slow frame (a garbage collection) does not halve the frame rate.
    this.cost = this.cost === undefined ? ms : 0.7 * this.cost + 0.3 * ms;
    this.frameMs = Math.min(MAX_FRAME_MS, Math.max(this.minFrameMs, this.cost * DUTY));
  }

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
    const now = performance.now();
    const due = now - this.lastNotify >= this.frameMs;
    if (due && !(this.remainingMs(this.state) < this.frameMs)) {
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
        Math.max(0, this.lastNotify + 2 * this.frameMs - now),
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
    const started = (this.lastNotify = performance.now());
    for (const l of this.listeners) l();
    // What the frame cost, measured whole: React renders it in a microtask the listeners queued,
    // and Ink lays it out and draws it (with <Static>'s second pass) synchronously in that
    // commit, so a microtask queued after them runs when the frame is done. Ink's own renderTime
    // would miss React, the layout and the second pass.
    if (this.listeners.size) queueMicrotask(() => this.reportFrameCost(performance.now() - started));
  }

  /** Draws what is pending and cancels the timers. */
  close(): void {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
    this.notify();
  }
}
