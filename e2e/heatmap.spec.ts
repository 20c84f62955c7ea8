import { expect, openScenario, test, waitForSimTime } from './fixtures';

test('the default scenario draws a non-blank heatmap, offline', async ({ page }) => {
  await openScenario(page);
  await waitForSimTime(page, 1_500_000);
  const canvas = page.getByTestId('heatmap-truth').locator('canvas');
  await expect(canvas).toBeVisible();

  const pixels = await canvas.evaluate((el: HTMLCanvasElement) => {
    const ctx = el.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, el.width, el.height);
    const colours = new Set<number>();
    let heated = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      // the ramp runs from light yellow to dark red: blue well below red
      if (a > 0 && r - b > 40) {
        heated++;
        colours.add((r << 16) | (g << 8) | b);
      }
    }
    return { heated, colours: colours.size, total: data.length / 4 };
  });
  expect(pixels.colours).toBeGreaterThan(20);
  expect(pixels.heated / pixels.total).toBeGreaterThan(0.01);

  // Axes and labels are drawn, and every resource came from this origin.
  await expect(page.getByTestId('heatmap-truth').locator('.vma-labels text').first()).toBeVisible();
  const resources = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name),
  );
  for (const url of resources) expect(new URL(url).hostname).toBe('127.0.0.1');
});
