/**
 * POST /api/landscape, /api/step-size, /api/grad-check: bounded computations (the schemas cap the
 * grid sizes and samples) answered as JSON, at most `maxAnalyses` at once.
 */
import { GRAD_CHECK_FIELDS, type GradCheckSettings, type LandscapeSettings, type StepSizeSettings } from '../../shared/fields.js';
import { gradCheckAnalysis } from '../analysis/grad-check.js';
import { landscapeAnalysis } from '../analysis/landscape.js';
import { stepSizeAnalysis } from '../analysis/step-size.js';
import type { App, AppContext } from '../context.js';
import { rowsSetting } from '../datasets.js';
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
    const body = request.body as Omit<GradCheckSettings, 'rows'> & { rows?: number };
    return ctx.analyses.run(async () => {
      const data = await ctx.datasets.get(body.dataset);
      return gradCheckAnalysis({ ...body, rows: rowsSetting(data, body.rows, GRAD_CHECK_FIELDS.rows.default) }, data);
    });
  });
}
