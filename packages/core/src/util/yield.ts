/**
 * Lets the event loop run timers, I/O and rendering before continuing. Work that computes on the
 * JS thread in slices (the reference backend's training chunks) awaits this between slices, so a
 * page or a server stays responsive; awaiting a resolved promise alone would not (microtasks run
 * before anything else).
 */
interface Port {
  onmessage: (() => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as unknown as { setImmediate?: (f: () => void) => unknown; MessageChannel?: new () => { port1: Port; port2: Port } };
  if (typeof g.setImmediate === 'function') return new Promise((resolve) => g.setImmediate!(resolve));
  if (typeof g.MessageChannel === 'function') {
    // Unlike setTimeout(0), a message is not clamped to 4 ms when calls nest.
    return new Promise((resolve) => {
      const channel = new g.MessageChannel!();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A pacer for loops of awaited calls that may each finish synchronously (small losses run on the
 * calling thread, and awaiting their results never lets timers or I/O in): `await pace()` yields to
 * the event loop once `sliceMs` have passed since the last yield, and costs a clock read otherwise.
 * Hundreds of 1 ms checks in a gradient check then keep a server or an Ink screen answering.
 */
export function eventLoopPacer(sliceMs = 8): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < sliceMs) return;
    await yieldToEventLoop();
    last = performance.now();
  };
}
