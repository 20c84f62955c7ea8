/**
 * The heatmaps by keyboard: focusable with a visible ring, + / − zoom, arrows pan (and do not
 * scrub the page, unless the map was focused by a click), Enter pins the tooltip and Escape
 * unpins it; and the colour-map choice survives a reload.
 */
import { expect, openScenario, test, waitForSimTime } from './fixtures';
import { pauseSim } from './hook';

test.use({ viewport: { width: 1440, height: 900 } });

test('a focused heatmap zooms, pans and pins its tooltip from the keyboard', async ({ page }) => {
  await openScenario(page);
  await waitForSimTime(page, 1_000_000);
  await pauseSim(page);
  const stage = page.getByTestId('truth-stage');
  await stage.scrollIntoViewIfNeeded();
  await page.getByTestId('heat-palette').focus();
  await page.keyboard.press('Tab');
  await expect(stage).toBeFocused();
  expect(await stage.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
  expect(await stage.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

  // The keyboard cursor shows the tooltip of the cell under it.
  const tooltip = page.getByTestId('truth-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(/\[0x[0-9a-f]+, 0x[0-9a-f]+\)/);

  const reset = page.getByRole('button', { name: 'Reset zoom' });
  await expect(reset).toBeDisabled();
  await page.keyboard.press('+');
  await expect(reset).toBeEnabled();
  const ticks = () =>
    stage
      .locator('.address-axis .tick')
      .evaluateAll((els) => els.map((e) => `${e.textContent} ${e.getAttribute('transform')}`));
  const before = await ticks();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(ticks).not.toEqual(before);
  await expect(page.getByTestId('scrub-time')).toContainText('live'); // ← did not scrub

  await page.keyboard.press('Enter');
  await expect(tooltip).toContainText('pinned');
  const pinned = await tooltip.textContent();
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.8, box.y + 50);
  await expect(tooltip).toHaveText(pinned ?? '');
  await page.keyboard.press('Escape');
  await expect(tooltip).not.toContainText('pinned');

  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(reset).toBeDisabled();

  // After a click on the map, ← scrubs time again, as it does everywhere on the page.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(stage).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('scrub-time')).not.toContainText('live');
});

test('the colour-blind-safe map is kept across a reload', async ({ page }) => {
  await openScenario(page);
  const select = page.getByTestId('heat-palette');
  await select.selectOption('cb_safe');
  await expect(
    page.getByTestId('truth-legend').locator('linearGradient stop').last(),
  ).toHaveAttribute('stop-color', /rgb\(253, 231, 37\)|#fde725/);
  await page.reload();
  await page.waitForFunction(() => (window as { __mmscope?: unknown }).__mmscope !== undefined);
  await expect(page.getByTestId('heat-palette')).toHaveValue('cb_safe');
});
