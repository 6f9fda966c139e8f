#!/usr/bin/env node
// Idempotent set-up for a fresh machine (Debian 12, Node 20): system packages, pnpm, node modules and
// the native build. `npm start` and `npm test` run it first; when everything is in place it costs about
// a second (a dpkg query, a stamp comparison and a turbo cache hit).
//
// Usage: node scripts/setup.mjs [--for start|web|test|bench] [--quiet]
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const purpose = args.includes('--for') ? args[args.indexOf('--for') + 1] : 'start';
const quiet = args.includes('--quiet');
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

// Debian packages each purpose needs. The native build needs BLAS; tests drive Chromium and a real
// terminal (tmux); benchmarks compare against numpy and train on Fashion-MNIST.
const DEBIAN_PACKAGES = {
  start: ['libopenblas-dev'],
  web: ['libopenblas-dev'],
  test: ['libopenblas-dev', 'chromium', 'fonts-dejavu-core', 'tmux', 'dataset-fashion-mnist'],
  bench: ['libopenblas-dev', 'python3-numpy', 'python3-sklearn', 'dataset-fashion-mnist'],
};

function log(msg) {
  if (!quiet) process.stderr.write(`[setup] ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`[setup] error: ${msg}\n`);
  process.exit(1);
}

// turbo's anonymous telemetry would try the network on every run.
const childEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', cwd: root, env: childEnv, ...opts });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`\`${cmd} ${cmdArgs.join(' ')}\` exited with code ${r.status}`);
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function missingDebianPackages(pkgs) {
  return pkgs.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages() {
  const wanted = DEBIAN_PACKAGES[purpose];
  if (!wanted) fail(`unknown --for '${purpose}', expected one of: ${Object.keys(DEBIAN_PACKAGES).join(', ')}`);
  if (!has('dpkg-query') || !has('apt-get')) {
    log(`not a Debian system: make sure BLAS (${wanted.join(', ')} or your platform's equivalent) is installed`);
    return;
  }
  const missing = missingDebianPackages(wanted);
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? [] : has('sudo') ? ['sudo', '-n'] : null;
  if (!prefix) fail(`missing Debian packages: ${missing.join(' ')}. Install them as root: apt-get install -y ${missing.join(' ')}`);
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (...a) => spawnSync(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(prefix.length ? ['apt-get'] : []), ...a], { stdio: quiet ? 'ignore' : 'inherit', env });
  // Package lists on a fresh image are often empty or stale: update once, then install.
  let r = apt('install', '-y', '--no-install-recommends', ...missing);
  if (r.status !== 0) {
    r = apt('update');
    if (r.status !== 0) fail('apt-get update failed (is the Debian mirror reachable?)');
    r = apt('install', '-y', '--no-install-recommends', ...missing);
    if (r.status !== 0) fail(`apt-get install ${missing.join(' ')} failed`);
  }
}

function pnpmVersion() {
  const r = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function ensurePnpm() {
  const v = pnpmVersion();
  if (v === PNPM_VERSION) return;
  log(`installing pnpm@${PNPM_VERSION} (found ${v ?? 'none'})`);
  run('npm', ['install', '-g', '--no-fund', '--no-audit', `pnpm@${PNPM_VERSION}`]);
  if (pnpmVersion() !== PNPM_VERSION) fail(`pnpm@${PNPM_VERSION} installed but \`pnpm --version\` does not report it; is npm's global bin (${execFileSync('npm', ['prefix', '-g']).toString().trim()}/bin) on PATH?`);
}

function manifestsHash() {
  const h = createHash('sha256');
  for (const f of ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json']) h.update(readFileSync(join(root, f)));
  h.update(process.version);
  return h.digest('hex');
}

function ensureNodeModules() {
  const stamp = join(root, 'node_modules', '.svm-setup-stamp');
  const want = manifestsHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  log('installing node modules');
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline']);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, want);
}

// What each purpose builds (a package and everything it depends on).
const BUILD_FILTERS = {
  start: ['--filter=@svm/dashboard...'],
  web: ['--filter=@svm/web...'],
  test: [],
  bench: ['--filter=@svm/bench...'],
};

function build() {
  // turbo's cache makes this a no-op when nothing changed.
  log('building (cached when nothing changed)');
  run('pnpm', ['exec', 'turbo', 'run', 'build', ...BUILD_FILTERS[purpose], '--output-logs=errors-only', '--log-prefix=none']);
}

ensureDebianPackages();
ensurePnpm();
ensureNodeModules();
build();
