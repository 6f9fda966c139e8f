// Train view: a run in the browser, its loss falling, live templates, stop, the confusion matrix.
import { canvasColours, chartColours, expect, statValue, test } from './fixtures.js';

test('a run streams, its loss falls, templates draw, and it stops on request', async ({ page, shoot }) => {
  // The most steps the server takes: at ~7000 steps/s on a quiet machine, 20000 could end before the
  // checks below reach Pause.
  await page.goto('/?view=train&iterations=100000&learningRate=0.05&seed=1');
  await expect(page.getByTestId('field-iterations')).toHaveValue('100000');
  await page.getByTestId('start').click();

  // Read the values the page exposes: the first loss and the live one.
  await expect.poll(() => statValue(page, 'train-step'), { timeout: 15_000 }).toBeGreaterThan(500);
  const first = await statValue(page, 'train-first-loss');
  expect(first).toBeGreaterThan(5); // ≈ C − 1 = 9 for a tiny random W
  await expect.poll(() => statValue(page, 'train-loss')).toBeLessThan(first / 3);
  await expect.poll(() => statValue(page, 'train-val-accuracy')).toBeGreaterThan(0.8);
  expect(Number(await page.getByTestId('chart-loss').getAttribute('data-points'))).toBeGreaterThan(100);
  expect(await chartColours(page, 'chart-loss')).toBeGreaterThan(4);

  // The page stays responsive while the run streams: a 20 ms timer keeps firing through a second.
  // (Counted rather than timed: the browser shares two cores with the training server, so single
  // late ticks happen; a page blocked by the stream would fire once or not at all.)
  const ticks = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let count = 0;
        const timer = setInterval(() => count++, 20);
        setTimeout(() => {
          clearInterval(timer);
          resolve(count);
        }, 1000);
      }),
  );
  expect(ticks).toBeGreaterThan(10);

  // The class templates are drawn while it trains.
  await expect(page.getByTestId('template-0')).toBeVisible();
  expect(await canvasColours(page, 'template-0')).toBeGreaterThan(10);
  expect(await canvasColours(page, 'template-9')).toBeGreaterThan(10);
  await shoot('train-running');

  // Pause holds the step; resume continues; stop ends the run with its model.
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('view-train')).toHaveAttribute('data-phase', 'paused');
  // The chunk under way when asked (≤ 50 ms of steps) still reports; then the step holds.
  await page.waitForTimeout(300);
  const held = await statValue(page, 'train-step');
  await page.waitForTimeout(400);
  expect(await statValue(page, 'train-step')).toBe(held);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('view-train')).toHaveAttribute('data-phase', 'running');
  await expect.poll(() => statValue(page, 'train-step')).toBeGreaterThan(held);
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('view-train')).toHaveAttribute('data-phase', 'done');
  expect(await statValue(page, 'train-step')).toBeLessThan(100000);
  await expect(page.getByTestId('confusion')).toBeVisible();
  expect(await statValue(page, 'train-test-accuracy')).toBeGreaterThan(0.8);
  await expect(page.getByTestId('download-model')).toHaveAttribute('href', /\/api\/runs\/[0-9a-f-]+\/model$/);
  await shoot('train');
});

test('a bad learning rate shows an inline error and blocks the start', async ({ page }) => {
  await page.goto('/?view=train');
  const lr = page.getByTestId('field-learningRate');
  for (const bad of ['-1', '0', 'fast']) {
    await lr.fill(bad);
    await expect(page.getByTestId('error-learningRate')).toContainText('Learning rate must be a number > 0');
    await expect(lr).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('start')).toBeDisabled();
  }
  await lr.fill('0.1');
  await expect(page.getByTestId('error-learningRate')).toHaveCount(0);
  await expect(page.getByTestId('start')).toBeEnabled();
  // The URL carries the setting: the view can be shared.
  await expect(page).toHaveURL(/learningRate=0\.1/);
});

test("the server's 400 lands under the field it names", async ({ page }) => {
  // Within the page's limits (≤ 60000) but larger than the blobs training set.
  await page.goto('/?view=train&dataset=blobs&batchSize=5000');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('error-batchSize')).toContainText('larger than the 420 training rows');
  await page.getByTestId('field-batchSize').fill('100');
  await expect(page.getByTestId('error-batchSize')).toHaveCount(0);
});

test('settings in the URL reproduce a run: same seed, same result', async ({ page }) => {
  const url = '/?view=train&dataset=blobs&iterations=300&seed=4';
  const finalLoss = async () => {
    await page.goto(url);
    await page.getByTestId('start').click();
    await expect(page.getByTestId('view-train')).toHaveAttribute('data-phase', 'done');
    return page.getByTestId('train-loss').getAttribute('data-value');
  };
  const once = await finalLoss();
  expect(await finalLoss()).toBe(once);
});
