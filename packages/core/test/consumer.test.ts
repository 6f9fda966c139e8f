// Another project importing @svm/core: a directory outside the workspace whose node_modules links
// to the built package (as `pnpm add <path>` or a packed tarball would install it). Checks that
// the package's exports map, its native backend and its type declarations work from outside.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const project = mkdtempSync(join(tmpdir(), 'svm-consumer-'));
mkdirSync(join(project, 'node_modules', '@svm'), { recursive: true });
symlinkSync(pkg, join(project, 'node_modules', '@svm', 'core'), 'dir');
afterAll(() => rmSync(project, { recursive: true, force: true }));

const program = `import { backendName, gradCheck, lossFunction, Matrix, svmLoss } from '@svm/core';
const X = Matrix.from(4, 3, [1, 2, 1, -1, 0.5, 1, 2, -1, 1, 0, 1, 1], 'float64');
const W = Matrix.from(3, 2, [0.1, -0.2, 0.3, 0.05, -0.1, 0.2], 'float64');
const y: number[] = [0, 1, 0, 1];
const { loss } = await svmLoss(W, X, y, { reg: 0.1 });
const report = await gradCheck(lossFunction('svm', X, y, { reg: 0.1 }), W, { samples: 6 });
console.log(JSON.stringify({ backend: backendName(), loss, maxRelError: report.maxRelErrorAwayFromKinks }));
`;

describe('a project outside the workspace', () => {
  it('imports { svmLoss, gradCheck } from @svm/core, with the native backend and types', async () => {
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    writeFileSync(join(project, 'main.ts'), program);
    writeFileSync(join(project, 'main.mjs'), program.replace('const y: number[]', 'const y'));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['main.ts'] }),
    );
    const tsc = join(pkg, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project });
    const { stdout } = await run(process.execPath, ['main.mjs'], { cwd: project });
    const out = JSON.parse(stdout) as { backend: string; loss: number; maxRelError: number };
    expect(out.backend).toBe('native');
    expect(out.loss).toBeGreaterThan(0);
    expect(out.maxRelError).toBeLessThan(1e-7);
  });
});
