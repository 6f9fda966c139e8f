/**
 * The web demo's server: Fastify with every request validated against its TypeBox schema, JSON
 * errors (400 naming the field, 404, 409, 413, 415, 429), the API under /api/ and the built client at /.
 */
import Fastify, { type FastifyServerOptions } from 'fastify';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Limiter } from './analysis/limiter.js';
import { DEFAULT_CONFIG, type ServerConfig } from './config.js';
import { LOOP_RESOLUTION_MS, type App, type AppContext } from './context.js';
import { DatasetCache } from './datasets.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { JobRegistry } from './jobs/registry.js';
import { analysisRoutes } from './routes/analyses.js';
import { clientRoutes } from './routes/client.js';
import { datasetRoutes } from './routes/datasets.js';
import { healthRoutes } from './routes/health.js';
import { raceRoutes } from './routes/races.js';
import { runRoutes } from './routes/runs.js';
import type { WebDataset } from '../shared/fields.js';

export interface AppOptions {
  config?: Partial<ServerConfig>;
  logger?: FastifyServerOptions['logger'];
  /** Share loaded datasets between app instances (tests). */
  datasets?: DatasetCache;
  /** Datasets to start loading at once, so the first visitor does not wait for them. */
  preload?: WebDataset[];
}

export async function buildApp(opts: AppOptions = {}): Promise<App> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...opts.config };
  const app: App = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: config.bodyLimit,
    ajv: {
      // Reject what the schema does not describe instead of silently dropping or converting it.
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false },
    },
  }).withTypeProvider();

  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  const ctx: AppContext = {
    config,
    datasets: opts.datasets ?? new DatasetCache(),
    jobs: new JobRegistry(config),
    analyses: new Limiter(config.maxAnalyses),
    loopDelay,
    startedAt: Date.now(),
  };

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // Jobs stop before the server waits for its connections: their streams are those connections,
  // and a run would otherwise hold the process up to its time limit after SIGTERM.
  app.addHook('preClose', async () => ctx.jobs.closeAll());
  app.addHook('onClose', async () => loopDelay.disable());
  // Bodies are JSON: Fastify's built-in text/plain parser would hand a string to a schema that
  // wants an object (a confusing 400) where a 415 naming the accepted type is due.
  app.removeContentTypeParser('text/plain');

  healthRoutes(app, ctx);
  datasetRoutes(app, ctx);
  runRoutes(app, ctx);
  raceRoutes(app, ctx);
  analysisRoutes(app, ctx);
  await clientRoutes(app, ctx);
  for (const name of opts.preload ?? []) ctx.datasets.get(name).catch((err: Error) => app.log.warn(`could not preload ${name}: ${err.message}`));
  return app;
}
