/**
 * Which backend computes: native when the addon loads, else the reference with a one-line warning
 * that says why. `useBackend` switches explicitly; the SVM_BACKEND environment variable
 * ('native' | 'reference') picks one at start-up.
 */
import { referenceBackend } from './reference.js';
import type { FloatArray } from '../matrix.js';
import type { Backend } from './types.js';

/** Backend names. */
export type BackendName = 'native' | 'reference';

let nativeLoader: (() => Backend) | undefined;
let native: Backend | undefined;
let nativeFailure: string | undefined;
let current: Backend | undefined;
let warned = false;

/** Called by the Node entry point: how to load the native backend. */
export function registerNativeLoader(loader: () => Backend): void {
  nativeLoader = loader;
}

function tryNative(): Backend | undefined {
  if (native) return native;
  if (nativeFailure !== undefined) return undefined;
  if (!nativeLoader) {
    nativeFailure = 'the native addon is not available in this environment (browser build)';
    return undefined;
  }
  try {
    native = nativeLoader();
    return native;
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    nativeFailure = `the native addon failed to load (${msg}); build it with \`pnpm --filter @svm/native build\``;
    return undefined;
  }
}

function envChoice(): string | undefined {
  return typeof process !== 'undefined' ? process.env?.SVM_BACKEND : undefined;
}

/** The backend in use (chosen on first call). */
export function getBackend(): Backend {
  if (current) return current;
  const wanted = envChoice();
  if (wanted === 'reference') return (current = referenceBackend);
  const n = tryNative();
  if (n) return (current = n);
  if (wanted === 'native') throw new Error(`SVM_BACKEND=native but ${nativeFailure}`);
  if (!warned && nativeLoader) {
    warned = true;
    console.warn(`@svm/core: using the slow reference backend because ${nativeFailure}`);
  }
  return (current = referenceBackend);
}

/** Name of the backend in use: `'native'` or `'reference'`. */
export function backendName(): BackendName {
  return getBackend().name;
}

/**
 * Switches backend for every later call. `'native'` throws with the reason when the addon cannot
 * load; `'reference'` always works.
 * @param name 'native' or 'reference'
 * @throws Error when 'native' is asked for and the addon is unavailable (see
 *   {@link nativeUnavailableReason}); RangeError for any other name
 */
export function useBackend(name: BackendName): void {
  if (name === 'reference') {
    current = referenceBackend;
    return;
  }
  if (name !== 'native') {
    throw new RangeError(`useBackend: expected 'native' or 'reference' for name but received ${String(name)}`);
  }
  const n = tryNative();
  if (!n) throw new Error(`useBackend: cannot use the native backend because ${nativeFailure}`);
  current = n;
}

/** The backends that can run here, best first. */
export function availableBackends(): BackendName[] {
  return tryNative() ? ['native', 'reference'] : ['reference'];
}

/** Why the native backend is unavailable, or undefined when it loaded. */
export function nativeUnavailableReason(): string | undefined {
  tryNative();
  return nativeFailure;
}

/** Threads the native kernels (and BLAS) use; the reference backend always uses one. */
export function threads(): number {
  return getBackend().threads();
}

/**
 * Sets the native kernels' (and BLAS's) thread count. Takes effect for the next call; does
 * nothing when the native backend is unavailable (the reference backend always uses one thread).
 * @param n threads, an integer in [1, 1024]
 * @throws RangeError for any other n
 */
export function setThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 1024) {
    throw new RangeError(`setThreads: expected an integer in [1, 1024] for n but received ${String(n)}`);
  }
  tryNative()?.setThreads(n);
}

/**
 * Hands a freshly allocated large array to the backend in use, which may ask for huge pages behind
 * it (the Node entry point registers this as the large-array hook). Follows the backend choice:
 * with the reference backend (SVM_BACKEND=reference or useBackend), the addon is not touched.
 * Never throws: an allocation must not fail because the backend cannot be chosen.
 */
export function adviseLargeArray(array: FloatArray): void {
  let backend: Backend;
  try {
    backend = getBackend();
  } catch {
    return; // SVM_BACKEND=native without the addon: the first computation reports it
  }
  backend.adviseHugePages?.(array);
}
