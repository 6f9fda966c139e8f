/**
 * POST /api/landscape, /api/step-size, /api/grad-check: bounded computations (the schemas cap the
 * grid sizes and samples) answered as JSON, at most `maxAnalyses` at once.
 */
import type { GradCheckSettings, LandscapeSettings, StepSizeSettings } from '../../shared/fields.js';
import { gradCheckAnalysis } from '../analysis/grad-check.js';
import { landscapeAnalysis } from '../analysis/landscape.js';
import { stepSizeAnalysis } from '../analysis/step-size.js';
import type { App, AppContext } from '../context.js';
import { GradCheckBody, LandscapeBody, StepSizeBody } from '../schemas.js';

export function analysisRoutes(app: App, ctx: AppContext): void {
  app.post('/api/landscape', { schema: { body: LandscapeBody } }, async (request) => {
    const settings = request.body as LandscapeSettings;
    return ctx.analyses.run(async () => landscapeAnalysis(settings, await ctx.datasets.get(settings.dataset)));
  });

  app.post('/api/step-size', { schema: { body: StepSizeBody } }, async (request) => {
    const settings = request.body as StepSizeSettings;
    return ctx.analyses.run(async () => stepSizeAnalysis(settings, await ctx.datasets.get(settings.dataset)));
  });

  app.post('/api/grad-check', { schema: { body: GradCheckBody } }, async (request) => {
    const settings = request.body as GradCheckSettings;
    return ctx.analyses.run(async () => gradCheckAnalysis(settings, await ctx.datasets.get(settings.dataset)));
  });
}
