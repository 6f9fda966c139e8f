import { describe, expect, it, vi } from 'vitest';
// The registry module alone: this file's module graph never registered the real native loader.
import { backendName, getBackend, nativeUnavailableReason, registerNativeLoader, useBackend } from '../src/backend/registry.js';

describe('backend registry', () => {
  it('falls back to the reference backend with one warning that says why', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    registerNativeLoader(() => {
      throw new Error("Cannot find module 'build/Release/svm_native.node'");
    });
    expect(backendName()).toBe('reference');
    getBackend();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/reference backend because the native addon failed to load \(Cannot find module/);
    expect(nativeUnavailableReason()).toMatch(/pnpm --filter @svm\/native build/);
    expect(() => useBackend('native')).toThrow(/cannot use the native backend because/);
    expect(() => useBackend('gpu' as never)).toThrow(/expected 'native' or 'reference'/);
    warn.mockRestore();
  });
});
