// The suites `pnpm bench [name…]` can run, in the order `pnpm bench` (all) runs them. A suite is a
// module exporting `description` and `async run()` → markdown; loaded lazily so one suite's heavy
// imports never slow another.
export const suites = {
  loss: () => import('./loss.mjs'),
  train: () => import('./train.mjs'),
  landscape: () => import('./landscape.mjs'),
  search: () => import('./search.mjs'),
  accuracy: () => import('./accuracy.mjs'),
  dashboard: () => import('./dashboard.mjs'),
  web: () => import('./web.mjs'),
};
