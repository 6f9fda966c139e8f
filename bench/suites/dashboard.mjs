#!/usr/bin/env node
/**
 * Dashboard render cost: 2000 training steps on the embedded MNIST digits with the live `svm train`
 * view drawing (Ink, into a headless 120×40 24-bit "terminal" at the dashboard's own throttle)
 * against the same run with nothing drawn — same data, options, snapshots and kernel threads.
 * Runs alternate (headless, dashboard, …) so drift in machine load hits both; medians reported.
 *
 *   node bench/suites/dashboard.mjs [--steps 2000] [--runs 7]
 *
 * Needs the dashboard built (`pnpm exec turbo run build --filter @svm/dashboard`). Target: the
 * dashboard's training time within 10% of the headless run's.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Ink writes only the last frame when it thinks it runs in CI, and React's development build
// profiles every render: measure what a person at a terminal gets.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
process.env.NODE_ENV = 'production';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const STEPS = arg('steps', 2000);
const RUNS = arg('runs', 7);

const benchModule = fileURLToPath(new URL('../../apps/dashboard/dist/bench.js', import.meta.url));
if (!existsSync(benchModule)) {
  console.error('bench/suites/dashboard.mjs: build the dashboard first: pnpm exec turbo run build --filter @svm/dashboard');
  process.exit(1);
}
const bench = await import(benchModule);
const { backendName, threads } = await import('@svm/core');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function run({ steps = STEPS, runs = RUNS } = {}) {
  const settings = bench.benchSettings(steps);
  const data = await bench.loadBenchData(settings);
  // Both runs use the thread count the dashboard uses (one core left to the screen).
  bench.reserveCore();
  // Warm-up: JIT, kernel thread pool, Ink's first mount.
  await bench.benchTrainRun(settings, data, false);
  await bench.benchTrainRun(settings, data, true);
  const headless = [];
  const dashboard = [];
  for (let i = 0; i < runs; i++) {
    headless.push(await bench.benchTrainRun(settings, data, false));
    dashboard.push(await bench.benchTrainRun(settings, data, true));
  }
  const summary = (rs) => ({
    trainMs: median(rs.map((r) => r.trainMs)),
    wallMs: median(rs.map((r) => r.wallMs)),
    frames: median(rs.map((r) => r.frames)),
    frameMs: median(rs.map((r) => (r.frames ? r.renderMs / r.frames : 0))),
    accuracy: rs[0].testAccuracy,
  });
  return { steps, runs, backend: backendName(), threads: threads(), headless: summary(headless), dashboard: summary(dashboard) };
}

function table(r) {
  const h = r.headless;
  const d = r.dashboard;
  const f = (x) => x.toFixed(0);
  const lines = [
    `### Dashboard render cost (${r.steps} steps, MNIST, ${r.backend} backend, ${r.threads} kernel thread${r.threads === 1 ? '' : 's'}, median of ${r.runs})`,
    '',
    '| run | training (ms) | steps/s | whole run (ms) | frames drawn | ms per frame | test accuracy |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| headless | ${f(h.trainMs)} | ${f((r.steps / h.trainMs) * 1000)} | ${f(h.wallMs)} | — | — | ${(h.accuracy * 100).toFixed(1)}% |`,
    `| dashboard (Ink, 120×40, 24-bit) | ${f(d.trainMs)} | ${f((r.steps / d.trainMs) * 1000)} | ${f(d.wallMs)} | ${f(d.frames)} | ${d.frameMs.toFixed(1)} | ${(d.accuracy * 100).toFixed(1)}% |`,
    `| **dashboard ÷ headless** | **${(d.trainMs / h.trainMs).toFixed(2)}×** | | ${(d.wallMs / h.wallMs).toFixed(2)}× | | | |`,
    '',
    `Training time is the library's own (start of the run to its result); the whole run adds the final evaluation and the last frames. Target: training ≤ 1.10×.`,
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run();
  console.log(table(result));
}
