// The page under careless use: a server objection fixed in another field, leaving a view in the
// middle of a request, Back after editing, absurd input. Each once left the page stuck, a job
// running for nobody, or an uncaught error.
import { expect, test } from './fixtures.js';

test('a server objection goes once any setting changes, so the fix can be in another field', async ({ page }) => {
  await page.goto('/?view=train&dataset=blobs&batchSize=1000');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('error-batchSize')).toContainText('larger than the 420 training rows of blobs');
  await expect(page.getByTestId('start')).toBeDisabled();
  await page.getByTestId('field-dataset').selectOption('mnist'); // 7000 rows: the batch fits now
  await expect(page.getByTestId('error-batchSize')).toHaveCount(0);
  await expect(page.getByTestId('start')).toBeEnabled();
});

test('leaving Train while its run is being created stops the run instead of streaming it to nobody', async ({ page, request }) => {
  await page.goto('/?view=train&iterations=100000');
  // A slow server (the first Fashion-MNIST load takes a second): the reply comes after the view has gone.
  await page.route('**/api/runs', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  const created = page.waitForResponse((r) => r.url().endsWith('/api/runs') && r.request().method() === 'POST');
  await page.getByTestId('start').click();
  await page.getByTestId('tab-step-size').click();
  await expect(page.getByTestId('tab-step-size')).toHaveAttribute('aria-current', 'page');
  const { id } = await (await created).json();
  await page.waitForTimeout(1500); // time enough for a stream to have opened and the run to have started
  // Never streamed, so never started: it waits, stopped, until the server drops it (15 s).
  expect(await (await request.get(`/api/runs/${id}`)).json()).toMatchObject({ state: 'waiting', step: 0 });
});

test('Back shows what its address says, not settings typed in a later entry', async ({ page }) => {
  await page.goto('/?view=train');
  await page.getByTestId('tab-landscape').click();
  await page.getByTestId('tab-train').click();
  await page.getByTestId('field-learningRate').fill('0.2');
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\?view=train$/);
  await expect(page.getByTestId('field-learningRate')).toHaveValue('0.05');
});

test('absurd input is refused in place: a 5000-character value, a weight beyond float32', async ({ page }) => {
  await page.goto(`/?view=train&learningRate=${'x'.repeat(5000)}`);
  await expect(page.getByTestId('error-learningRate')).toContainText('…" is not a number');
  // As a string: this file is type-checked without the DOM's types.
  const [scrollWidth, viewport] = (await page.evaluate('[document.documentElement.scrollWidth, innerWidth]')) as [number, number];
  expect(scrollWidth).toBeLessThanOrEqual(viewport);

  await page.goto('/?view=playground');
  const cell = page.getByTestId('weight-w1-0');
  await cell.click();
  await cell.fill('1e39');
  await expect(cell).toHaveAttribute('aria-invalid', 'true');
  // The canvas keeps drawing (the fixture fails the test on any uncaught page error).
  const before = Number(await page.getByTestId('playground-canvas').getAttribute('data-version'));
  await page.getByTestId('toggle-training').click(); // editing paused training: resume it
  await expect.poll(async () => Number(await page.getByTestId('playground-canvas').getAttribute('data-version'))).toBeGreaterThan(before);
});

test('keyboard focus follows the run: Start → Pause while it runs, Stop → the next enabled control', async ({ page }) => {
  await page.goto('/?view=train&iterations=100000');
  await page.getByTestId('start').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('view-train')).toHaveAttribute('data-phase', 'running');
  // Start is disabled now; focus went to the first control that is not, not to <body>.
  await expect(page.getByTestId('pause')).toBeFocused();
  await page.getByTestId('stop').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('view-train')).toHaveAttribute('data-phase', 'done');
  await expect(page.getByTestId('start')).toBeFocused();
  await expect(page.getByTestId('train-phase')).toHaveAttribute('aria-live', 'polite');
});
