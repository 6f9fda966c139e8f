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
