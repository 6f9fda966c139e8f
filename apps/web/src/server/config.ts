/**
 * What the server may do and where it listens. Every limit that keeps one visitor from exhausting
 * the machine lives here with its reason; tests shrink them.
 */
import { fileURLToPath } from 'node:url';

export interface ServerConfig {
  /** Largest request body, bytes (settings objects are a few hundred bytes). Over it: 413. */
  bodyLimit: number;
  /** Training runs and races that may exist at once (created or streaming). Over it: 429. */
  maxJobs: number;
  /** Landscape, step-size and gradient-check computations at once. Over it: 429. */
  maxAnalyses: number;
  /** A created job whose stream is not opened within this time is dropped. */
  attachTimeoutMs: number;
  /** A finished run's model stays downloadable this long… */
  finishedTtlMs: number;
  /** …and at most this many finished jobs are kept. */
  maxFinished: number;
  /** Longest a run or race may take; then it is aborted. */
  maxJobMs: number;
  /** Least time between two progress events on a stream (the throttle). */
  streamIntervalMs: number;
  /** Least time between two template images on a training stream. */
  templateIntervalMs: number;
  /** A comment line on idle streams so proxies and browsers keep them open. */
  heartbeatMs: number;
  /** The built browser client to serve at /, or null for the API alone. */
  clientDir: string | null;
}

export const DEFAULT_PORT = 8231;
export const DEFAULT_HOST = '127.0.0.1';

export const DEFAULT_CONFIG: ServerConfig = {
  bodyLimit: 16 * 1024,
  // Two cores: four concurrent native trainings already share them; more would only slow all.
  maxJobs: 4,
  maxAnalyses: 2,
  attachTimeoutMs: 15_000,
  finishedTtlMs: 10 * 60_000,
  maxFinished: 32,
  maxJobMs: 10 * 60_000,
  streamIntervalMs: 100,
  templateIntervalMs: 250,
  heartbeatMs: 15_000,
  clientDir: fileURLToPath(new URL('../client/', import.meta.url)),
};

/** Where to listen: PORT (default 8231) and HOST (default 127.0.0.1, this machine only). */
export function listenAddress(env: NodeJS.ProcessEnv): { port: number; host: string } {
  const raw = env.PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`PORT must be a whole number from 0 to 65535 (0 picks a free port) but is ${JSON.stringify(raw)}`);
  }
  return { port, host: env.HOST || DEFAULT_HOST };
}
