/** What every route needs: the configuration, the caches and registries of one server. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { IntervalHistogram } from 'node:perf_hooks';
import type { Limiter } from './analysis/limiter.js';
import type { ServerConfig } from './config.js';
import type { DatasetCache } from './datasets.js';
import type { JobRegistry } from './jobs/registry.js';

/** Sampling interval of the event-loop delay histogram. */
export const LOOP_RESOLUTION_MS = 10;

export interface AppContext {
  config: ServerConfig;
  datasets: DatasetCache;
  jobs: JobRegistry;
  analyses: Limiter;
  /** Event-loop delay, reset by each /api/health read. */
  loopDelay: IntervalHistogram;
  startedAt: number;
}

/** A Fastify instance whose route schemas (TypeBox) type the handlers' requests. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
