/**
 * The app under its Content-Security-Policy (index.html): no inline script, no eval, workers
 * and requests from this origin only. Runs against the build (project `built`) and the dev
 * server (project `dev-server`, which serves inline-script-free HTML through vite.config.ts).
 * The fixtures fail the test on any `securitypolicyviolation` and any request off 127.0.0.1.
 */
import { expect, openScenario, test, waitForSimTime } from './fixtures';

test('the default scenario runs under the Content-Security-Policy', async ({ page }) => {
  await openScenario(page);
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("worker-src 'self'");
  expect(policy).not.toMatch(/unsafe-(eval|inline)/);
  // The policy governs every script only if it comes before them.
  const before = await page.evaluate(() => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!;
    return [...document.scripts].every(
      (s) => meta.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
  });
  expect(before).toBe(true);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  // Without the test flag the hook cannot make the worker fail (e2e/worker-health.spec.ts).
  expect(await page.evaluate(() => 'faults' in (window as { __mmscope?: object }).__mmscope!)).toBe(
    false,
  );

  await waitForSimTime(page, 500_000);
  const canvas = page.getByTestId('heatmap-truth').locator('canvas');
  await expect(canvas).toBeVisible();
  const heated = await canvas.evaluate((el: HTMLCanvasElement) => {
    const { data } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i + 3]! > 0 && data[i]! - data[i + 2]! > 40) n++;
    return n;
  });
  expect(heated).toBeGreaterThan(0);
});
