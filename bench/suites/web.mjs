#!/usr/bin/env node
/**
 * The web demo's cost: the same training run (2000 mini-batch SGD steps on the embedded MNIST
 * digits, the web app's default settings) headless in this process and over the web — start the
 * server, POST /api/runs, consume its event stream to `done` — with the event-loop delay the server
 * measures meanwhile (perf_hooks.monitorEventLoopDelay, read from /api/health), and the gzipped
 * size of the built client.
 *
 *   node bench/suites/web.mjs [--steps 2000] [--runs 11]
 *
 * The headless run uses the server's own data preparation (DatasetCache) and training options
 * (trainOptions), so the two differ only by what the web adds: HTTP, the throttled stream, live
 * templates, the final confusion matrix. Runs alternate (headless, web, …) so drift in machine
 * load hits both; medians reported. Needs the web app built (`pnpm --filter @svm/web build`).
 * Targets: web within 10% of headless; the server's event loop never blocked for long.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const description = 'web demo: a training run over HTTP + server-sent events vs headless; event-loop delay; client bundle size';

const here = dirname(fileURLToPath(import.meta.url));
const WEB = join(here, '..', '..', 'apps', 'web', 'dist');
const SERVER = join(WEB, 'server', 'main.js');
const CLIENT = join(WEB, 'client');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const table = (headers, rows) =>
  [headers, headers.map(() => '---'), ...rows].map((cells) => `| ${cells.map(String).join(' | ')} |`).join('\n');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

function startServer() {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) });
    });
    child.once('exit', (code) => reject(new Error(`the web server exited (${code}) before listening:\n${out}`)));
  });
}

/** One run over the web, timed from the POST to the `done` event; the stream is read as a browser would. */
async function webRun(url, settings) {
  const t0 = performance.now();
  const created = await fetch(`${url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
  if (created.status !== 201) throw new Error(`POST /api/runs: ${created.status} ${await created.text()}`);
  const { events } = await created.json();
  const res = await fetch(url + events, { headers: { accept: 'text/event-stream' } });
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  let done;
  while (!done) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
    const at = text.indexOf('event: done\ndata: ');
    if (at >= 0 && text.indexOf('\n\n', at) > 0) done = JSON.parse(text.slice(at + 18, text.indexOf('\n\n', at)));
  }
  const ms = performance.now() - t0;
  await reader.cancel().catch(() => undefined);
  if (!done || done.stopped !== 'done') throw new Error(`the web run did not finish: ${JSON.stringify(done)}`);
  const progress = text.split('event: progress\n').length - 1;
  return { ms, runMs: done.elapsedMs, steps: done.steps, loss: done.loss, progress, bytes };
}

/** The same run headless: the server's data and options, the library's TrainingRun, no HTTP. */
async function headlessRun(core, data, trainOptions, settings) {
  const t0 = performance.now();
  const run = core.startTraining(data.X.train, data.raw.train.y, trainOptions(settings, { val: { X: data.X.val, y: data.raw.val.y }, images: true }));
  for await (const _event of run);
  const result = await run.result;
  return { ms: performance.now() - t0, runMs: result.elapsedMs, steps: result.steps, loss: result.loss };
}

/** Gzipped bytes of the files a first visit loads (the shell and the default view) and of everything. */
function bundleSizes() {
  const manifest = JSON.parse(readFileSync(join(CLIENT, '.vite', 'manifest.json'), 'utf8'));
  const gz = (file) => (existsSync(join(CLIENT, `${file}.gz`)) ? statSync(join(CLIENT, `${file}.gz`)).size : gzipSync(readFileSync(join(CLIENT, file)), { level: 9 }).length);
  const first = new Set(['index.html']);
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || first.has(chunk.file)) return;
    first.add(chunk.file);
    for (const css of chunk.css ?? []) first.add(css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit('index.html');
  visit('views/train.tsx'); // the view a bare visit opens
  const all = new Set(['index.html']);
  for (const chunk of Object.values(manifest)) {
    all.add(chunk.file);
    for (const css of chunk.css ?? []) all.add(css);
  }
  const sum = (files) => [...files].reduce((t, f) => t + gz(f), 0);
  const raw = (files) => [...files].reduce((t, f) => t + statSync(join(CLIENT, f)).size, 0);
  const playground = manifest['views/playground.tsx'];
  return {
    first: { files: first.size, gz: sum(first), raw: raw(first) },
    all: { files: all.size, gz: sum(all), raw: raw(all) },
    playground: playground ? gz(playground.file) : undefined,
  };
}

export async function run({ steps = arg('steps', 2000), runs = arg('runs', 11) } = {}) {
  if (!existsSync(SERVER) || !existsSync(join(CLIENT, '.vite', 'manifest.json'))) {
    throw new Error('bench/suites/web.mjs: build the web app first: pnpm --filter @svm/web build (or pnpm exec turbo run build --filter @svm/web)');
  }
  const core = await import('@svm/core');
  const { DatasetCache } = await import(pathToFileURL(join(WEB, 'server', 'datasets.js')).href);
  const { trainOptions } = await import(pathToFileURL(join(WEB, 'server', 'jobs', 'train-options.js')).href);
  const { TRAIN_FIELDS, defaultsOf } = await import(pathToFileURL(join(WEB, 'shared', 'fields.js')).href);
  const settings = { ...defaultsOf(TRAIN_FIELDS), iterations: steps };
  const data = await new DatasetCache().get('mnist');

  const server = await startServer();
  const health = async () => (await fetch(`${server.url}/api/health`)).json();
  const headless = [];
  const web = [];
  const loop = [];
  try {
    // Warm-up: the server loads MNIST and both sides JIT the loop.
    await headlessRun(core, data, trainOptions, settings);
    await webRun(server.url, settings);
    for (let r = 0; r < runs; r++) {
      headless.push(await headlessRun(core, data, trainOptions, settings));
      await health(); // resets the server's event-loop histogram
      web.push(await webRun(server.url, settings));
      loop.push((await health()).eventLoopDelayMs);
    }
  } finally {
    await server.stop();
  }
  if (web.some((w, i) => w.loss !== web[0].loss) || Math.abs(web[0].loss - headless[0].loss) > 1e-4 * Math.abs(headless[0].loss)) {
    throw new Error(`the web and headless runs differ: losses ${web.map((w) => w.loss)} vs ${headless.map((h) => h.loss)}`);
  }
  const h = median(headless.map((x) => x.ms));
  const w = median(web.map((x) => x.ms));
  const ratio = w / h;
  const hMin = Math.min(...headless.map((x) => x.ms));
  const wMin = Math.min(...web.map((x) => x.ms));
  // Each headless run and the web run right after it see the same machine load: the median of
  // their ratios is the steadiest figure on a shared machine.
  const paired = median(web.map((x, i) => x.ms / headless[i].ms));
  // What the web adds around the training loop (HTTP, stream set-up, final evaluation and event),
  // from the loop's own clock on each side: the part of the cost that load does not blur.
  const around = (xs) => median(xs.map((x) => x.ms - x.runMs));
  const extra = around(web) - around(headless);
  const sizes = bundleSizes();

  const out = [];
  out.push('## web: the demo over HTTP\n');
  out.push(
    `${steps} SGD steps (batch ${settings.batchSize}, lr ${settings.learningRate}, ${settings.loss}) on the embedded MNIST digits (7000 training rows), ` +
      `with the web run's snapshots (templates) and evaluations every ${Math.round(steps / 20)} steps; ${runs} alternating runs (headless, web, headless, …). ` +
      'The web run is timed by its client from the POST to the `done` event, so it includes the stream, the live templates and the final confusion matrix.\n',
  );
  out.push(
    table(
      ['run', 'median', 'min', 'steps/s (median)', 'stream'],
      [
        ['headless (startTraining in-process)', `${h.toFixed(0)} ms`, `${hMin.toFixed(0)} ms`, Math.round((steps / h) * 1000), '–'],
        [
          'over the web (POST + SSE to `done`)',
          `${w.toFixed(0)} ms`,
          `${wMin.toFixed(0)} ms`,
          Math.round((steps / w) * 1000),
          `${median(web.map((x) => x.progress))} progress events, ${kb(median(web.map((x) => x.bytes)))}`,
        ],
        ['web / headless', `${ratio.toFixed(3)}×`, `${(wMin / hMin).toFixed(3)}×`, '', ''],
      ],
    ),
  );
  out.push('');
  out.push(
    `**web / headless, median of the ${runs} back-to-back pairs: ${paired.toFixed(3)}×** ` +
      (paired <= 1.1 ? '✓ within 10% (target)' : '✗ more than 10% slower (target: within 10%)') +
      `. Time the web adds outside the training loop (POST, stream, final confusion matrix and \`done\`), by each loop's own clock: ` +
      `**${extra.toFixed(1)} ms, ${((extra / h) * 100).toFixed(1)}% of the headless run**; the loop itself: ` +
      `${median(web.map((x) => x.runMs)).toFixed(0)} ms in the server vs ${median(headless.map((x) => x.runMs)).toFixed(0)} ms headless (medians).`,
  );
  out.push('');
  out.push("### The server's event loop while it streams\n");
  out.push(
    table(
      ['event-loop delay', 'median over runs', 'worst run'],
      [
        ['mean', `${median(loop.map((l) => l.mean)).toFixed(2)} ms`, `${Math.max(...loop.map((l) => l.mean)).toFixed(2)} ms`],
        ['p99', `${median(loop.map((l) => l.p99)).toFixed(2)} ms`, `${Math.max(...loop.map((l) => l.p99)).toFixed(2)} ms`],
        ['max', `${median(loop.map((l) => l.max)).toFixed(2)} ms`, `${Math.max(...loop.map((l) => l.max)).toFixed(2)} ms`],
      ],
    ),
  );
  out.push('\n(Delay beyond the histogram\'s 10 ms sampling interval, so 0 is a loop that never waited; measured by the server itself, read from /api/health around each web run.)\n');
  out.push('### Client bundle (gzip -9, as served)\n');
  out.push(
    table(
      ['what', 'files', 'raw', 'gzipped'],
      [
        ['first load: index.html, shell, Train view, charts, CSS', sizes.first.files, kb(sizes.first.raw), `**${kb(sizes.first.gz)}**`],
        ['everything (all six views)', sizes.all.files, kb(sizes.all.raw), kb(sizes.all.gz)],
        ['…of which the 2-D playground chunk (@svm/core reference backend)', 1, '', sizes.playground ? kb(sizes.playground) : '–'],
      ],
    ),
  );
  out.push('');
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().then(
    (md) => console.log(md),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
