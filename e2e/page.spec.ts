/**
 * The page around the heatmaps: each scenario opens with its explanation (folded away per
 * scenario, remembered over a reload), a description without the convention shows as it is,
 * the theme follows the system or the toolbar's choice (kept), the scenario menu opens a preset
 * only when one is confirmed, and the scrub slider reads out simulated time.
 */
import { encodeScenario, getPreset } from '../src/scenario';
import { choosePreset, expect, openScenario, test, waitForSimTime } from './fixtures';
import { runUntil } from './hook';

test('each scenario opens with its explanation; folding it is remembered per scenario', async ({
  page,
}) => {
  await openScenario(page);
  const panel = page.getByTestId('explain-panel');
  const toggle = page.getByTestId('explain-toggle');
  await expect(panel).toContainText('Scenario: default');
  for (const part of ['Look at', 'Numbers', 'Try']) await expect(panel).toContainText(part);
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).not.toContainText('Look at');
  await page.reload();
  await expect(page.getByTestId('explain-toggle')).toHaveAttribute('aria-expanded', 'false');

  // Another preset has not been folded: it opens with its explanation.
  await choosePreset(page, 'hotwin');
  await expect(panel).toContainText('Scenario: hotwin');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(panel).toContainText('at 24 s it wraps to the start of the buffer');
});

test('a description without the convention shows as it is', async ({ page }) => {
  const scenario = { ...getPreset('default'), name: 'mine', description: 'Just my notes: a test.' };
  await openScenario(page, encodeScenario(scenario));
  const panel = page.getByTestId('explain-panel');
  await expect(panel).toContainText('Scenario: mine');
  await expect(panel).toContainText('Just my notes: a test.');
  await expect(panel.locator('dt')).toHaveCount(0);
});

test.describe('with a dark system theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the theme follows the system, or the toolbar, which is kept', async ({ page }) => {
    await openScenario(page);
    const html = page.locator('html');
    const background = () =>
      page.evaluate(() => getComputedStyle(document.body.parentElement!).getPropertyValue('--bg'));
    await expect(html).toHaveAttribute('data-theme', 'dark');
    const dark = await background();

    const menu = page.getByTestId('theme-menu');
    await expect(menu).toHaveValue('system');
    await menu.selectOption('light');
    await expect(html).toHaveAttribute('data-theme', 'light');
    expect(await background()).not.toBe(dark);

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('theme-menu')).toHaveValue('light');
  });
});

test('the scenario menu opens a preset only when one is confirmed', async ({ page }) => {
  await openScenario(page);
  await waitForSimTime(page, 100_000);
  const menu = page.getByTestId('scenario-menu');
  const list = page.getByRole('listbox', { name: 'Preset scenarios' });
  const link = page.url();
  await expect(menu).toHaveAccessibleName('scenario default');

  // ↓ opens the list at the current preset; browsing and Escape change nothing.
  await menu.focus();
  await page.keyboard.press('ArrowDown');
  await expect(list).toBeVisible();
  await expect(list.getByRole('option', { selected: true })).toContainText('default');
  for (const key of ['ArrowDown', 'ArrowDown', 'End', 'Home', 'ArrowDown'])
    await page.keyboard.press(key);
  await expect(page.getByTestId('scenario-option-hotwin')).toHaveClass('active');
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(menu).toBeFocused();
  await page.waitForTimeout(300);
  expect(page.url()).toBe(link);
  await expect(menu).toHaveAttribute('data-value', 'default');

  // Enter confirms the highlighted one (End: the last preset).
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('explain-panel')).toContainText('Scenario: tieringdamos');
  await expect(page.getByTestId('explain-kernel')).toContainText('Linux 6.18');
  await expect(menu).toHaveAttribute('data-value', 'tieringdamos');
  expect(page.url()).not.toBe(link);

  // A click outside closes the list; a click on an option opens that preset.
  await menu.click();
  await expect(list).toBeVisible();
  await page.getByTestId('sim-time').click();
  await expect(list).toBeHidden();
  await choosePreset(page, 'thpsparse');
  await expect(page.getByTestId('explain-panel')).toContainText('Scenario: thpsparse');
});

test('the scrub slider reads out simulated time', async ({ page }) => {
  await openScenario(page);
  await waitForSimTime(page, 300_000);
  await runUntil(page, 1_000_000);
  const slider = page.getByRole('slider', { name: 'Scrub time' });
  await expect(slider).toHaveAttribute('aria-valuetext', 'live, 1.000 s');
  await page.keyboard.press('ArrowLeft'); // one aggregation back
  await expect(slider).toHaveAttribute('aria-valuetext', /^0\.\d{3} s$/);
  const text = await slider.getAttribute('aria-valuetext');
  await expect(page.getByTestId('scrub-time')).toContainText(`t = ${text}`);
});
