// Runs every ```js example of the README as a Node program importing '@svm/core' (the package's
// self-reference resolves to its built dist), so the documentation cannot drift from the code.
// A one-line `console.log(…); // shown` must print exactly what its comment shows, and an example
// that prints `false` (outside console.table) asserts something untrue.
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
const MISMATCH = 'README MISMATCH';

// `console.log(args); // shown` → a call that prints as console.log does, plus a marked line when
// the text differs from what the comment shows.
function withShownOutputChecked(code: string): string {
  const checked = code.replace(/^(\s*)console\.log\((.*)\);\s*\/\/\s*(.+)$/gm, (_m, indent: string, args: string, shown: string) =>
    `${indent}__shown(${JSON.stringify(shown.trim())}, ${args});`,
  );
  return `import { format as __format } from 'node:util';
const __shown = (shown, ...args) => {
  const text = __format(...args);
  console.log(text);
  if (text !== shown) console.log(${JSON.stringify(MISMATCH)} + ': printed ' + JSON.stringify(text) + ', the README shows ' + JSON.stringify(shown));
};
${checked}`;
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
      writeFileSync(file, withShownOutputChecked(code));
      const { stdout, stderr } = await run(process.execPath, [file], { cwd: pkg, timeout: 120_000 });
      expect(stderr).toBe('');
      expect(stdout).not.toContain(MISMATCH);
      const printed = stdout.split('\n').filter((line) => !/[│┌└├]/.test(line)); // console.table rows may hold false
      expect(printed.join('\n')).not.toMatch(/\bfalse\b/);
    });
  });
});
