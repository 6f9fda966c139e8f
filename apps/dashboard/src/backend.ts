/** Applies --backend and --threads, and describes the result for headers ("native, 2 threads"). */
import { backendName, setThreads, threads, useBackend } from '@svm/core';
import { RunError } from './errors.js';
import type { BackendFlags } from './options/common.js';

export function applyBackend(flags: BackendFlags): void {
  try {
    if (flags.backend) useBackend(flags.backend);
    if (flags.threads !== undefined) setThreads(flags.threads);
  } catch (err) {
    throw new RunError(err instanceof Error ? err.message : String(err));
  }
}

export interface BackendInfo {
  backend: string;
  threads: number;
}

export function backendInfo(): BackendInfo {
  return { backend: backendName(), threads: threads() };
}

export function describeBackend(b: BackendInfo): string {
  return `${b.backend} backend, ${b.threads} thread${b.threads === 1 ? '' : 's'}`;
}
