import { choosePreset, expect, openScenario, stateHash, test } from './fixtures';
import { pauseSim, runUntil, waitPlaying } from './hook';

test('a shared link opens the same simulation: same state hash at the same time', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openScenario(page);
  await choosePreset(page, 'tlbfit');
  await expect(page.getByTestId('explain-panel')).toContainText('tlbfit');
  await waitPlaying(page);

  await page.getByTestId('share').click();
  await expect(page.getByTestId('share')).toHaveText('Copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=\d+\./);

  const other = await context.newPage();
  await openScenario(other, new URL(link).hash);
  await waitPlaying(other);

  const stopped = await Promise.all([pauseSim(page), pauseSim(other)]);
  const t = Math.ceil(Math.max(...stopped) / 100_000) * 100_000 + 500_000;
  await Promise.all([runUntil(page, t), runUntil(other, t)]);
  const [a, b] = await Promise.all([stateHash(page), stateHash(other)]);
  expect(a).toMatch(/^[0-9a-f]{16}$/);
  expect(b).toBe(a);
});
