/** GET /api/datasets: what the views can ask for, and whether this server has it. */
import type { DatasetEntry } from '../../shared/api-types.js';
import type { App, AppContext } from '../context.js';

export function datasetRoutes(app: App, ctx: AppContext): void {
  app.get('/api/datasets', async (): Promise<{ datasets: DatasetEntry[] }> => ({ datasets: ctx.datasets.list() }));
}
