import { expect, openScenario, test, waitForSimTime } from './fixtures';
import { isPlaying, pauseSim, simNow, waitPlaying } from './hook';

/** The default preset's ground-truth interval: one heatmap row, one step. */
const INTERVAL_US = 100_000;

test('pause stops time, play resumes it, step advances exactly one interval', async ({ page }) => {
  await openScenario(page);
  await waitForSimTime(page, 300_000);

  await page.getByTestId('play-toggle').click(); // Pause
  await page.waitForFunction(
    () => !(window as { __mmscope?: { playing: boolean } }).__mmscope?.playing,
  );
  const paused = await simNow(page);
  await page.waitForTimeout(500);
  expect(await simNow(page)).toBe(paused);
  await expect(page.getByTestId('play-toggle')).toHaveText('Play');

  await page.getByTestId('play-toggle').click(); // Play
  await waitForSimTime(page, paused + 200_000);
  const before = await pauseSim(page);

  await page.keyboard.press('ArrowRight');
  await waitForSimTime(page, before + INTERVAL_US);
  await page.waitForTimeout(300);
  expect(await simNow(page)).toBe(before + INTERVAL_US);
  expect(await isPlaying(page)).toBe(false);
});

test('Space toggles play and pause', async ({ page }) => {
  await openScenario(page);
  await waitPlaying(page);
  await page.keyboard.press('Space');
  await page.waitForFunction(
    () => !(window as { __mmscope?: { playing: boolean } }).__mmscope?.playing,
  );
  await expect(page.getByTestId('play-toggle')).toHaveText('Play');
  await page.keyboard.press('Space');
  await waitPlaying(page);
  await expect(page.getByTestId('play-toggle')).toHaveText('Pause');
});
