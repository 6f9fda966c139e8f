'use strict';
// Debian's OpenBLAS is built for every x86 core (DYNAMIC_ARCH) and picks its kernels when it loads,
// from the CPU model. A model it does not know (new server parts, many VMs) falls back to generic
// SSE3 "Prescott" kernels, 3–10× slower for gemm than the AVX-512 or AVX2 ones the CPU can run.
// OpenBLAS reads OPENBLAS_CORETYPE when it loads: set from the CPU's feature flags, before the addon
// (and OpenBLAS with it) is loaded, unless the user set it. Features are what the kernel reports
// usable in /proc/cpuinfo, so a core type is only ever chosen for instructions that will run.
//
// In a worker thread process.env is the thread's own copy, which OpenBLAS never reads: there
// nothing is set, and a process that loads the addon first in a worker keeps OpenBLAS's choice
// (load it on the main thread first, or set OPENBLAS_CORETYPE before starting node).
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

/** The OpenBLAS core type for a CPU with these /proc/cpuinfo flags, or undefined to leave it to OpenBLAS. */
function coreTypeFor(flags) {
  const has = (...names) => names.every((n) => flags.has(n));
  if (has('avx512f', 'avx512bw', 'avx512vl', 'avx512dq', 'avx512cd')) return 'SKYLAKEX';
  if (has('avx2', 'fma')) return 'HASWELL';
  return undefined;
}

/** The flags line of /proc/cpuinfo's first processor, as a set (empty where there is none). */
function cpuFlags(cpuinfo) {
  const line = cpuinfo.split('\n').find((l) => /^flags\s*:/.test(l));
  return new Set(line ? line.slice(line.indexOf(':') + 1).trim().split(/\s+/) : []);
}

let setHere;

/** Sets OPENBLAS_CORETYPE for this process where it helps; returns what it set, if anything. */
function chooseCoreType(env = process.env, readCpuinfo = () => fs.readFileSync('/proc/cpuinfo', 'utf8')) {
  if (process.platform !== 'linux' || process.arch !== 'x64' || env.OPENBLAS_CORETYPE) return undefined;
  if (env === process.env && !isMainThread) return undefined;
  let flags;
  try {
    flags = cpuFlags(readCpuinfo());
  } catch {
    return undefined;  // no /proc: OpenBLAS's own choice stands
  }
  const core = coreTypeFor(flags);
  if (core) env.OPENBLAS_CORETYPE = core;
  if (env === process.env) setHere = core;
  return core;
}

/**
 * The core type chooseCoreType set in this process's environment, if it set one (not the user's
 * own). Child processes inherit it; benchmarks use this to run baselines as installed.
 */
function coreTypeSetHere() {
  return setHere;
}

module.exports = { coreTypeFor, cpuFlags, chooseCoreType, coreTypeSetHere };
