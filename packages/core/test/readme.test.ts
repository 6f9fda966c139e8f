// Runs every ```js example of the README as a Node program importing '@svm/core' (the package's
// self-reference resolves to its built dist), so the documentation cannot drift from the code.
// An example that prints `false` (outside console.table) asserts something untrue.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^## (.+)$|```js\n([\s\S]*?)```/gm)];
const examples: { title: string; code: string }[] = [];
let heading = '';
for (const m of blocks) {
  if (m[1]) heading = m[1];
  else examples.push({ title: heading, code: m[2]! });
}
const dir = join(pkg, '.readme-examples');
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = promisify(execFile);

describe('README examples', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(8));
  examples.forEach(({ title, code }, i) => {
    it.concurrent(`${i + 1}. ${title}`, async () => {
      const file = join(dir, `example-${i + 1}.mjs`);
      writeFileSync(file, code);
      const { stdout, stderr } = await run(process.execPath, [file], { cwd: pkg, timeout: 120_000 });
      expect(stderr).toBe('');
      const printed = stdout.split('\n').filter((line) => !/[│┌└├]/.test(line)); // console.table rows may hold false
      expect(printed.join('\n')).not.toMatch(/\bfalse\b/);
    });
  });
});
