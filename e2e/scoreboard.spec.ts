/**
 * The policy scoreboard in Chromium: opened with its shortcut on a small preset, it runs every
 * policy for 0.5 s in the page's worker pool, every progress bar reaches 100 % and the table has
 * a row of numbers per policy with the best per column marked, and tooltips (on focus too) in
 * the kernel's names. Cancel stops a longer comparison at once; a duration past the limit is
 * refused in words.
 */
import { encodeScenario, getPreset, POLICIES } from '../src/scenario';
import { expect, openScenario, test } from './fixtures';

test.use({ viewport: { width: 1440, height: 900 } });

test('runs every policy on thpsplit: progress to 100 %, a row of numbers each', async ({
  page,
}) => {
  await openScenario(page, encodeScenario(getPreset('thpsplit')));
  await page.keyboard.press('c');
  const board = page.getByTestId('scoreboard');
  await expect(board).toBeVisible();
  await board.getByTestId('scoreboard-duration').fill('0.5');
  await board.getByTestId('scoreboard-duration').press('Enter');

  const percents = board.getByTestId('run-percent');
  await expect(percents).toHaveCount(POLICIES.length);
  await expect(percents).toHaveText(
    POLICIES.map(() => '100 %'),
    { timeout: 30_000 },
  );
  await expect(board.getByTestId('scoreboard-summary')).toContainText(
    `${POLICIES.length} policies × 0.5 s`,
  );
  await expect(board.getByTestId('scoreboard-summary')).toContainText('done in');

  const rows = board.getByTestId('scoreboard-table').locator('tbody tr');
  await expect(rows).toHaveCount(POLICIES.length);
  for (const p of POLICIES) {
    const row = rows.and(page.locator(`[data-policy="${p.id}"]`));
    await expect(row.locator('th')).toHaveText(p.label);
    await expect(row.locator('td[data-column="walks"]')).toHaveText(/^\d+(\.\d)?( \(best\))?$/);
    await expect(row.locator('td[data-column="resident"]')).toHaveText(
      /^\d+(\.\d+)? [KMG]iB( \(best\))?$/,
    );
  }
  // THP always maps THPs where THP never maps none; the fewest walks is marked best
  await expect(
    rows.and(page.locator('[data-policy="thp-never"]')).locator('[data-column="thp"]'),
  ).toHaveText('0');
  await expect(
    rows.and(page.locator('[data-policy="thp-always"]')).locator('[data-column="thp"]'),
  ).toHaveText(/MiB/);
  await expect(board.locator('td.sb-best[data-column="walks"]').first()).toBeVisible();
  await expect(board.getByTestId('scoreboard-multiples').locator('figure')).toHaveCount(
    POLICIES.length,
  );

  // tooltips: a column in the kernel's name, a policy's source, by keyboard focus
  await board.locator('thead th[data-column="thp"] .sb-tipped').focus();
  await expect(page.getByRole('tooltip')).toContainText('AnonHugePages');
  await rows.first().locator('th .sb-tipped').focus();
  await expect(page.getByRole('tooltip')).toContainText('transparent_hugepage/enabled');

  await page.keyboard.press('Escape');
  await expect(board).toBeHidden();
});

test('Cancel stops a longer comparison at once', async ({ page }) => {
  await openScenario(page, encodeScenario(getPreset('default')));
  await page.getByTestId('compare-policies').click();
  const board = page.getByTestId('scoreboard');
  await board.getByTestId('scoreboard-duration').fill('30');
  await board.getByTestId('scoreboard-run').click();
  const first = board.getByTestId('run-percent').first();
  await expect(first).not.toHaveText('0 %', { timeout: 20_000 });
  await board.getByTestId('scoreboard-cancel').click();
  await expect(board.getByTestId('scoreboard-summary')).toContainText('cancelled after');
  await expect(board.locator('.sb-run[data-status="cancelled"]')).toHaveCount(POLICIES.length);
  await expect(board.getByTestId('scoreboard-cancel')).toBeDisabled();
  await expect(board.getByTestId('scoreboard-run')).toBeEnabled();
  // nothing moves after the cancel
  const text = await first.textContent();
  await page.waitForTimeout(500);
  await expect(first).toHaveText(text!);
});

test('a duration past the limit is refused, naming the limit', async ({ page }) => {
  await openScenario(page, encodeScenario(getPreset('default')));
  await page.getByTestId('compare-policies').click();
  const board = page.getByTestId('scoreboard');
  await board.getByTestId('scoreboard-duration').fill('90');
  await board.getByTestId('scoreboard-run').click();
  await expect(board.getByTestId('scoreboard-problem')).toContainText('choose 60 s or less');
  await expect(board.getByTestId('scoreboard-runs')).toHaveCount(0);
});
