/** Talking to the server: JSON requests with the server's error shape, and event streams. */
import type { ApiError } from '../shared/api-types.js';

/** A non-2xx answer: the status, the server's message and the field it is about. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export async function postJson<T>(url: string, body: unknown = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: signal ?? null });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'the server cannot be reached; is `pnpm web` still running?');
  }
  if (res.ok) return (await res.json()) as T;
  let problem: Partial<ApiError> = {};
  try {
    problem = (await res.json()) as ApiError;
  } catch {
    // not JSON: keep the status text
  }
  throw new ApiRequestError(res.status, problem.message ?? `${res.status} ${res.statusText}`, problem.field);
}

export type StreamHandlers = Record<string, (data: any) => void> & {
  /** The connection failed (not a `failure` event from the job). */
  onConnectionError?: () => void;
};

/**
 * Opens a job's event stream. It closes itself after `done` or `failure`; call the returned
 * function to close it early — the server then aborts the job.
 */
export function openStream(url: string, handlers: StreamHandlers): () => void {
  const source = new EventSource(url);
  for (const [name, handle] of Object.entries(handlers)) {
    if (name === 'onConnectionError') continue;
    source.addEventListener(name, (e) => {
      handle(JSON.parse((e as MessageEvent<string>).data));
      if (name === 'done' || name === 'failure') source.close();
    });
  }
  source.onerror = () => {
    // EventSource would reconnect to a stream the server has already ended; a job streams once.
    if (source.readyState !== EventSource.CLOSED) source.close();
    handlers.onConnectionError?.();
  };
  return () => source.close();
}
