import { defineConfig } from '@playwright/test';

/**
 * Two projects: the web demo in Debian's Chromium (installed by scripts/setup.mjs; Playwright's
 * own browser downloads cannot work here) and the terminal dashboard in a real pseudo-terminal.
 */
export default defineConfig({
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'artifacts/report' }]],
  outputDir: 'artifacts/test-results',
  timeout: 120_000,
  workers: 1,
  projects: [
    {
      name: 'terminal',
      testDir: './terminal',
    },
    {
      name: 'web',
      testDir: './web',
      use: {
        browserName: 'chromium',
        // Tall enough for a view's charts above the fold (and for the playground's canvas).
        viewport: { width: 1280, height: 1000 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
