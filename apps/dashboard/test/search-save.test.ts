/** `svm search --save` when the save fails at the end: the results still print, then the error. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runSearch } from '../src/commands/search.js';
import { RunError } from '../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'svm-search-'));
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('svm search --save', () => {
  it('prints the grid and the best model before a failed save, said once', async () => {
    const path = join(dir, 'gone', 'best.json');
    let printed = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    const flags = { dataset: 'mnist', seed: 0, limit: 500, loss: 'svm' as const, lr: [0.01], reg: [1e-4], steps: 20, val: 100, concurrency: 1, plain: true, save: path };
    await expect(runSearch(flags)).rejects.toThrow(new RunError(`could not save the model to ${path}: the directory ${join(dir, 'gone')} does not exist`));
    vi.mocked(process.stdout.write).mockRestore();
    expect(printed).toMatch(/best: lr 0\.01, reg 1\.0e-4/);
    expect(printed).toMatch(/test accuracy \d+\.\d%\n$/);
    expect(printed).not.toContain('saved');
  });
});
