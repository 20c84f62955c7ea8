import { expect, openScenario, test } from './fixtures';
import { encodeScenario, getPreset } from '../src/scenario';
import { simNow, waitPlaying } from './hook';

const valid = encodeScenario(getPreset('default'));
const BAD: [string, string, string][] = [
  ['garbage', 's=%%%garbage%%%', 'malformed'],
  ['truncated', valid.slice(0, Math.floor(valid.length / 2)), 'truncated'],
  ['from a future version', 's=99.xxx', 'future-version'],
];

test('bad links show the problem, run nothing, and offer the default scenario', async ({
  page,
}) => {
  for (const [what, hash, problem] of BAD) {
    await test.step(what, async () => {
      await openScenario(page, hash);
      const panel = page.getByTestId('error-panel');
      await expect(panel).toBeVisible();
      await expect(panel.getByTestId('problem-name')).toHaveText(problem);
      await expect(page.getByTestId('heatmap-truth')).toHaveCount(0);
      await expect(page.getByTestId('play-toggle')).toBeDisabled();
      await page.waitForTimeout(300);
      expect(await simNow(page)).toBe(0);
    });
  }

  await page.getByRole('button', { name: 'Open the default scenario' }).click();
  await expect(page.getByTestId('error-panel')).toHaveCount(0);
  await expect(page.getByTestId('heatmap-truth')).toBeVisible();
  await waitPlaying(page);
  expect(new URL(page.url()).hash).toBe(`#${valid}`);
});
