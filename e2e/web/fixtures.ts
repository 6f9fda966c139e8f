/**
 * The web demo under test: one server per worker, started from the built app on a free port
 * (PORT=0, so a `pnpm web` already running on 8231 never collides), stopped after the tests.
 * Pages get its address as baseURL. Screenshots go to e2e/artifacts/screenshots/.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER = join(here, '../../apps/web/dist/server/main.js');
export const SCREENSHOTS = join(here, '../artifacts/screenshots');

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: build the web app first (pnpm --filter @svm/web build)`);
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with code ${code}:\n${output}`));
    });
  });
  return { url, child };
}

export const test = base.extend<{ shoot: (name: string) => Promise<void> }, { server: { url: string } }>({
  /** Every page fails its test on an uncaught error in the page (a chart that throws draws nothing). */
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
  server: [
    async ({}, use) => {
      const { url, child } = await startServer();
      await use({ url });
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  /** Saves a full-page screenshot as e2e/artifacts/screenshots/<name>.png and attaches it to the report. */
  shoot: async ({ page }, use, testInfo) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await use(async (name) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(name, { path, contentType: 'image/png' });
    });
  },
});

export { expect };

/** The number a Stat element exposes in data-value. */
export async function statValue(page: Page, id: string): Promise<number> {
  return Number(await page.getByTestId(id).getAttribute('data-value'));
}

/** How many distinct non-grey colours a uPlot chart's canvas shows: its series, not its axes and grid. */
export async function chartColours(page: Page, testId: string): Promise<number> {
  return canvasColours(page, testId, { inner: 'canvas', greys: false });
}

/** How many distinct colours a canvas shows (1 = blank), read in the page. */
export async function canvasColours(page: Page, testId: string, opts: { inner?: string; greys?: boolean } = {}): Promise<number> {
  const { inner, greys = true } = opts;
  // Runs in the page; typed structurally because this package compiles without the DOM library.
  type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
  const target = inner ? page.getByTestId(testId).locator(inner).first() : page.getByTestId(testId);
  return target.evaluate((el, withGreys) => {
    const canvas = el as unknown as Canvas;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 16) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (!withGreys && (a === 0 || (Math.abs(r - g) < 8 && Math.abs(g - b) < 8))) continue;
      seen.add((r << 24) | (g << 16) | (b << 8) | a);
    }
    return seen.size;
  }, greys);
}
