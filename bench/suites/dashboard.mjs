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
import v8 from 'node:v8';
import vm from 'node:vm';

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

// Each run starts from a collected heap after a short pause: otherwise the garbage a dashboard run
// leaves (Ink's per-frame tokens) is collected during the headless run after it, and the Ink
// instance's last timers fire there — both would be charged to the wrong side.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
async function settled(fn) {
  gc();
  await new Promise((r) => setTimeout(r, 50));
  return fn();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const description = 'dashboard render cost: 2000 steps with the live `svm train` view vs headless (training time ratio, target ≤ 1.10×)';

/** The measurements (medians, per-pair ratios) as an object. */
export async function measure({ steps = STEPS, runs = RUNS } = {}) {
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
    headless.push(await settled(() => bench.benchTrainRun(settings, data, false)));
    dashboard.push(await settled(() => bench.benchTrainRun(settings, data, true)));
  }
  const summary = (rs) => ({
    trainMs: median(rs.map((r) => r.trainMs)),
    wallMs: median(rs.map((r) => r.wallMs)),
    frames: median(rs.map((r) => r.frames)),
    framesWhileTraining: median(rs.map((r) => r.framesWhileTraining)),
    frameMs: median(rs.map((r) => (r.frames ? r.renderMs / r.frames : 0))),
    accuracy: rs[0].testAccuracy,
  });
  // Each dashboard run against the headless run just before it: the spread the medians hide.
  const pairRatios = dashboard.map((d, i) => d.trainMs / headless[i].trainMs).sort((a, b) => a - b);
  return { steps, runs, backend: backendName(), threads: threads(), headless: summary(headless), dashboard: summary(dashboard), pairRatios };
}

function table(r) {
  const h = r.headless;
  const d = r.dashboard;
  const f = (x) => x.toFixed(0);
  const lines = [
    `### Dashboard render cost (${r.steps} steps, MNIST, ${r.backend} backend, ${r.threads} kernel thread${r.threads === 1 ? '' : 's'}, median of ${r.runs})`,
    '',
    '| run | training (ms) | steps/s | whole run (ms) | frames drawn (while training) | ms per frame | test accuracy |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| headless | ${f(h.trainMs)} | ${f((r.steps / h.trainMs) * 1000)} | ${f(h.wallMs)} | — | — | ${(h.accuracy * 100).toFixed(1)}% |`,
    `| dashboard (Ink, 120×40, 24-bit) | ${f(d.trainMs)} | ${f((r.steps / d.trainMs) * 1000)} | ${f(d.wallMs)} | ${f(d.frames)} (${f(d.framesWhileTraining)}) | ${d.frameMs.toFixed(1)} | ${(d.accuracy * 100).toFixed(1)}% |`,
    `| **dashboard ÷ headless** | **${(d.trainMs / h.trainMs).toFixed(2)}×** | | ${(d.wallMs / h.wallMs).toFixed(2)}× | | | |`,
    '',
    `Training time is the library's own (start of the run to its result); the whole run adds the final evaluation and the last frames. Frames are Ink's output passes (a frame that prints checkpoints takes two); ms per frame is Ink's renderTime, without React's render and the layout. Per-pair training ratios (each dashboard run ÷ the headless run before it): ${r.pairRatios.map((x) => x.toFixed(2)).join(', ')}. Target: training ≤ 1.10×.`,
  ];
  return lines.join('\n');
}

/** The suite's report (markdown), as `pnpm bench dashboard` prints it. */
export async function run(opts) {
  return table(await measure(opts));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await run());
}
