import preact from '@preact/preset-vite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a .gz next to every text file of the build: the server sends those to browsers that
 * accept gzip (@fastify/static's preCompressed), so no compression runs per request.
 */
function precompress(): Plugin {
  return {
    name: 'svm-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir!;
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(file.fileName)) continue;
        const source = file.type === 'chunk' ? file.code : file.source;
        writeFileSync(join(outDir, `${file.fileName}.gz`), gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: 'src/client',
  plugins: [preact(), precompress()],
  build: {
    outDir: '../../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    // .vite/manifest.json: which chunks a page loads first (bench/suites/web.mjs sizes them).
    manifest: true,
    // The views load on demand; keep the first load to the shell and the view asked for.
    modulePreload: { polyfill: false },
  },
  // `vite` for client work: the page on 5173, the API from a `pnpm web` server on 8231.
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8231}` } },
});
