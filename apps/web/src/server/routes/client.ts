/**
 * The built browser client (Vite's dist/client): hashed assets cached for a year, index.html
 * revalidated, and the .gz files the build writes served to browsers that accept gzip.
 */
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { App, AppContext } from '../context.js';

export async function clientRoutes(app: App, ctx: AppContext): Promise<void> {
  const dir = ctx.config.clientDir;
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply.code(503).type('text/plain').send('The web client is not built: run `pnpm --filter @svm/web build` (or `pnpm web`).\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    preCompressed: true,
    // Our own cache-control below, not the plugin's max-age=0 for everything.
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader('cache-control', path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
