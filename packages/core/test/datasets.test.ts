import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS, loadSplits } from '../src/index.js';

describe('datasets by name', () => {
  it('mnist: the seeded 8000/2000 split, optionally with a validation set', async () => {
    const s = await loadSplits('mnist');
    expect([s.train.X.rows, s.test.X.rows]).toEqual([8000, 2000]);
    expect(s.imageShape).toEqual([28, 28]);
    const v = await loadSplits('mnist', { val: 1000 });
    expect([v.train.X.rows, v.val!.X.rows, v.test.X.rows]).toEqual([7000, 1000, 2000]);
    expect(Array.from(v.test.y.slice(0, 20))).toEqual(Array.from(s.test.y.slice(0, 20)));
    const share = await loadSplits('mnist', { val: 0.1 });
    expect([share.train.X.rows, share.val!.X.rows]).toEqual([7200, 800]);
  });

  it('synthetic sets split 80/20', async () => {
    const s = await loadSplits('spirals', { n: 300 });
    expect([s.train.X.rows, s.test.X.rows, s.train.X.cols]).toEqual([240, 60, 2]);
  });

  it('an unknown name lists the known ones; missing inputs say what is needed', async () => {
    await expect(loadSplits('imagenet')).rejects.toThrow(`unknown dataset "imagenet"; known datasets: ${DATASETS.map((d) => d.name).join(', ')}`);
    await expect(loadSplits('cifar10')).rejects.toThrow(/cifar10 needs dir/);
    await expect(loadSplits('csv')).rejects.toThrow(/csv needs path/);
    await expect(loadSplits('cifar10', { dir: '/nonexistent' })).rejects.toThrow(/nonexistent/);
    await expect(loadSplits('mnist', { val: 9000 })).rejects.toThrow(/leaves no training examples/);
  });

  it('an option meant for another dataset is an error, not silently ignored', async () => {
    await expect(loadSplits('mnist', { path: 'ok.csv' })).rejects.toThrow(/option 'path' does not apply to mnist; it takes none of dir, path, label, n/);
    await expect(loadSplits('blobs', { dir: '/tmp' })).rejects.toThrow(/option 'dir' does not apply to blobs; it takes 'n'/);
    await expect(loadSplits('csv', { path: 'x.csv', n: 5 })).rejects.toThrow(/option 'n' does not apply to csv; it takes 'path', 'label'/);
  });

  it('a CSV of one example cannot be split into training and test', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svm-csv-'));
    writeFileSync(join(dir, 'one.csv'), 'a,b,label\n1,2,0\n');
    await expect(loadSplits('csv', { path: join(dir, 'one.csv') })).rejects.toThrow(/one.csv has 1 example\(s\); expected at least 2/);
  });
});
