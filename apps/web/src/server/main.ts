/**
 * `pnpm web` → `node dist/server/main.js`: serves the demo on 127.0.0.1:8231 (PORT and HOST
 * override; PORT=0 picks a free port). Prints the address on stdout — the e2e tests and the
 * benchmark read it from there.
 */
import { backendName, nativeUnavailableReason } from '@svm/core';
import { buildApp } from './app.js';
import { listenAddress } from './config.js';

async function main(): Promise<void> {
  const { port, host } = listenAddress(process.env);
  const app = await buildApp({ logger: { level: process.env.LOG_LEVEL ?? 'warn' }, preload: ['mnist'] });
  if (backendName() !== 'native') {
    app.log.warn(`the native backend is unavailable (${nativeUnavailableReason() ?? 'unknown reason'}); training runs on the reference backend, slower and on the event loop`);
  }
  const address = await app.listen({ port, host });
  process.stdout.write(`svm web demo listening on ${address} (backend: ${backendName()})\n`);
  const shutdown = (signal: string) => {
    app.log.info(`${signal}: closing`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`svm web demo failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
