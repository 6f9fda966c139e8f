/**
 * A server-sent-event stream on a Fastify reply: named JSON events, a heartbeat comment while idle,
 * and a close notification — the signal that aborts a run whose browser went away.
 */
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';

/** Where a job writes its events (an SSE stream in the server; a recorder in tests). */
export interface EventSink {
  /** Writes one event; false when the stream is already closed. */
  send(event: string, data: unknown): boolean;
  /** True while the socket's buffer is full: skip optional updates until it drains. */
  readonly congested: boolean;
  readonly closed: boolean;
  /** Called once, when the client disconnects or the stream is ended. */
  onClose(listener: () => void): void;
  /** Called once the socket can take more (after `congested`). */
  onDrain(listener: () => void): void;
}

export class SseStream implements EventSink {
  private readonly res: ServerResponse;
  private readonly heartbeat: NodeJS.Timeout;
  private isClosed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(reply: FastifyReply, heartbeatMs: number) {
    // The stream outlives the handler: Fastify must not send a reply of its own.
    reply.hijack();
    this.res = reply.raw;
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Tells EventSource to wait 2 s before reconnecting after a network error.
    this.res.write('retry: 2000\n\n');
    this.heartbeat = setInterval(() => this.res.write(': keep-alive\n\n'), heartbeatMs);
    this.heartbeat.unref();
    // 'close' fires both when we end the response and when the client disconnects first.
    this.res.on('close', () => this.markClosed());
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get congested(): boolean {
    return this.res.writableNeedDrain;
  }

  send(event: string, data: unknown): boolean {
    if (this.isClosed) return false;
    this.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    return true;
  }

  onClose(listener: () => void): void {
    if (this.isClosed) listener();
    else this.closeListeners.push(listener);
  }

  onDrain(listener: () => void): void {
    this.res.once('drain', listener);
  }

  end(): void {
    if (!this.isClosed) this.res.end();
    this.markClosed();
  }

  private markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    clearInterval(this.heartbeat);
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
