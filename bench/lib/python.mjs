// Runs a Python baseline with the system interpreter (the one apt's python3-numpy installs into) and
// parses the JSON it prints last. Baselines time themselves, inside Python, so process start-up and
// data generation are not counted.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

// Our addon tells OpenBLAS which kernels the CPU runs (native/blas-core.js) and child processes
// inherit that. numpy as installed here does not: its OpenBLAS falls back to generic kernels.
const { coreTypeSetHere } = createRequire(import.meta.url)('@svm/native/blas-core.js');

/** The core type numpy runs with when told (`blas: 'tuned'`), if any. */
export function tunedCoreType() {
  return process.env.OPENBLAS_CORETYPE;
}

const PYTHON = '/usr/bin/python3';
let probe;

/** undefined when numpy is importable, else why not. */
export function numpyUnavailable() {
  if (probe === undefined) {
    if (!existsSync(PYTHON)) probe = `${PYTHON} not found`;
    else {
      const r = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
      probe = r.status === 0 ? null : `numpy is not importable by ${PYTHON} (install python3-numpy)`;
    }
  }
  return probe ?? undefined;
}

/**
 * Runs `script` with `args`; returns its last stdout line parsed as JSON. Throws on failure.
 * `blas`: 'as-installed' (default) runs numpy the way a user of this machine gets it; 'tuned' with
 * the OpenBLAS core type our addon chose.
 */
export function runPython(script, args, { timeoutMs = 120_000, blas = 'as-installed' } = {}) {
  const env = { ...process.env };
  if (blas === 'as-installed' && coreTypeSetHere()) delete env.OPENBLAS_CORETYPE;
  const r = spawnSync(PYTHON, [script, ...args.map(String)], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 20, env });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${script} exited with ${r.status}: ${r.stderr.trim().split('\n').pop()}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}
