/** GET /api/health: liveness, the backend, load, and the event-loop delay since the last call. */
import { backendName } from '@svm/core';
import type { HealthResponse } from '../../shared/api-types.js';
import type { App, AppContext } from '../context.js';
import { LOOP_RESOLUTION_MS } from '../context.js';

/**
 * The histogram records the time between its timer's ticks: the sampling interval plus any delay.
 * Report only the delay, in ms.
 */
const lagMs = (ns: number, resolutionMs: number) => Math.max(0, Math.round(((Number.isFinite(ns) ? ns : 0) / 1e6 - resolutionMs) * 100) / 100);

export function healthRoutes(app: App, ctx: AppContext): void {
  app.get('/api/health', async (): Promise<HealthResponse> => {
    const h = ctx.loopDelay;
    const r = LOOP_RESOLUTION_MS;
    const eventLoopDelayMs = { mean: lagMs(h.mean, r), p50: lagMs(h.percentile(50), r), p99: lagMs(h.percentile(99), r), max: lagMs(h.max, r) };
    h.reset();
    return {
      status: 'ok',
      backend: backendName(),
      uptimeS: Math.round((Date.now() - ctx.startedAt) / 1000),
      jobs: { active: ctx.jobs.active, limit: ctx.jobs.limit },
      analyses: { active: ctx.analyses.active, limit: ctx.analyses.limit },
      eventLoopDelayMs,
    };
  });
}
