import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/server/app.js';
import type { ServerConfig } from '../src/server/config.js';
import { DatasetCache } from '../src/server/datasets.js';
import type { App } from '../src/server/context.js';

/** One dataset cache for every app a test file builds: MNIST loads once per file. */
export const datasets = new DatasetCache();

/** An app without the client (unless asked), limits as given. */
export function testApp(config: Partial<ServerConfig> = {}): Promise<App> {
  return buildApp({ config: { clientDir: null, ...config }, datasets });
}

export interface SseEvent {
  event: string;
  data: any;
}

/** Parses a text/event-stream body into its events (comments and retry lines skipped). */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split('\n\n')) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length) events.push({ event, data: JSON.parse(data.join('\n')) });
  }
  return events;
}

/** POSTs JSON through inject and returns status and parsed body. */
export async function post(app: App, url: string, body?: unknown) {
  const res = await app.inject({
    method: 'POST',
    url,
    ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, headers: res.headers };
}

/** Creates a job and streams it to the end through inject. */
export async function runToEnd(app: App, kind: 'runs' | 'races', settings: unknown): Promise<{ id: string; events: SseEvent[] }> {
  const created = await post(app, `/api/${kind}`, settings);
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const res = await app.inject({ method: 'GET', url: created.body.events });
  return { id: created.body.id, events: parseSse(res.body) };
}

/** Listens on a free port of 127.0.0.1 (for tests that need a real socket: streaming, disconnects). */
export async function listening(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/**
 * Opens an event stream with fetch and yields events as they arrive; `abort()` drops the
 * connection the way a closed tab does.
 */
export function openStream(url: string) {
  const controller = new AbortController();
  const queue: SseEvent[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const done = (async () => {
    try {
      const res = await fetch(url, { signal: controller.signal });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += decoder.decode(value, { stream: true });
        const cut = buffer.lastIndexOf('\n\n');
        if (cut >= 0) {
          queue.push(...parseSse(buffer.slice(0, cut + 2)));
          buffer = buffer.slice(cut + 2);
          wake?.();
        }
      }
    } catch {
      // aborted by the test
    } finally {
      ended = true;
      wake?.();
    }
  })();
  return {
    abort: () => controller.abort(),
    done,
    /** Resolves with the first event (from now on or queued) that `match` accepts. */
    async next(match: (e: SseEvent) => boolean = () => true, timeoutMs = 20_000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = queue.findIndex(match);
        if (i >= 0) return queue.splice(0, i + 1).pop()!;
        if (ended) throw new Error('stream ended before the event arrived');
        if (Date.now() > deadline) throw new Error('timed out waiting for an event');
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 200);
        });
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
