// The server under a browser's feet: bad requests, limits, and two runs at once.
import { expect, statValue, test } from './fixtures.js';

test('malformed JSON and oversized bodies get 4xx answers, and the server keeps serving', async ({ request }) => {
  // A Buffer is sent as is (a string would be JSON-encoded into a valid JSON string).
  const malformed = await request.post('/api/runs', { data: Buffer.from('{"learningRate": '), headers: { 'content-type': 'application/json' } });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).message).toMatch(/JSON/);

  const huge = await request.post('/api/runs', { data: { pad: 'x'.repeat(100_000) } });
  expect(huge.status()).toBe(413);

  const outOfRange = await request.post('/api/runs', { data: { learningRate: -1 } });
  expect(outOfRange.status()).toBe(400);
  expect(await outOfRange.json()).toMatchObject({ field: 'learningRate' });

  expect((await request.get('/api/nowhere')).status()).toBe(404);
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', backend: 'native' });
});

test('two runs at once stay independent', async ({ browser }) => {
  // a runs far longer than b: it is surely still running when it is stopped, however slow the machine.
  const settings = 'dataset=mnist&learningRate=0.05';
  const [a, b] = await Promise.all([browser.newPage(), browser.newPage()]);
  await a.goto(`/?view=train&${settings}&iterations=100000&seed=1`);
  await b.goto(`/?view=train&${settings}&iterations=4000&seed=2`);
  await Promise.all([a.getByTestId('start').click(), b.getByTestId('start').click()]);
  await expect.poll(() => statValue(a, 'train-step')).toBeGreaterThan(200);
  await expect.poll(() => statValue(b, 'train-step')).toBeGreaterThan(200);

  // Stopping one leaves the other running to the end.
  await a.getByTestId('stop').click();
  await expect(a.getByTestId('view-train')).toHaveAttribute('data-phase', 'done');
  await expect(b.getByTestId('view-train')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  expect(await statValue(a, 'train-step')).toBeLessThan(100000);
  expect(await statValue(b, 'train-step')).toBe(4000);

  // …with exactly the result the same run gets alone.
  const together = await b.getByTestId('train-loss').getAttribute('data-value');
  await b.reload();
  await b.getByTestId('start').click();
  await expect(b.getByTestId('view-train')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  expect(await b.getByTestId('train-loss').getAttribute('data-value')).toBe(together);
  await a.close();
  await b.close();
});

test('closing the tab stops its run on the server', async ({ browser, request }) => {
  const page = await browser.newPage();
  await page.goto('/?view=train&iterations=100000');
  await page.getByTestId('start').click();
  await expect.poll(() => statValue(page, 'train-step')).toBeGreaterThan(100);
  expect((await (await request.get('/api/health')).json()).jobs.active).toBeGreaterThan(0);
  await page.close();
  await expect.poll(async () => (await (await request.get('/api/health')).json()).jobs.active, { timeout: 10_000 }).toBe(0);
});
