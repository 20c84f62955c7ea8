/**
 * The app never hangs or goes blank when its worker does: a stalled worker gets the banner
 * (Pause waits it out, Cancel replaces it), a dead one the crash panel, whose Restart replays
 * the run to the last report with the same state hash as the run that never died. The worker
 * is made to fail through the test hook's `faults`, which exist only with the test flag set.
 */
import type { Page } from '@playwright/test';
import { expect, openScenario, stateHash, test } from './fixtures';
import { isPlaying, pauseSim, runUntil, simNow, waitPlaying } from './hook';

type Fault = 'hang' | 'crash' | 'outOfMemory';
type FaultWindow = { __mmscope: { faults?: Record<Fault, (ms?: number) => void> } };

/** Make the worker fail; the page must have been opened with the test flag. */
async function fault(page: Page, kind: Fault, ms?: number): Promise<void> {
  await page.evaluate(
    ([k, t]) => {
      const faults = (window as unknown as FaultWindow).__mmscope.faults;
      if (!faults) throw new Error('the test hook has no faults: the test flag is not set');
      faults[k as Fault](t as number | undefined);
    },
    [kind, ms] as const,
  );
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as Record<string, unknown>).__mmscopeTestFaults = true;
  });
});

test('a stalled worker: the banner, Pause waits it out, Cancel starts afresh', async ({ page }) => {
  await openScenario(page);
  await waitPlaying(page);
  const link = page.url();
  const banner = page.getByTestId('stall-banner');

  // A hang shorter than the test: the banner after 2 s, the pause handled once it ends.
  await fault(page, 'hang', 2800);
  await expect(banner).toContainText(
    /The simulation is running slowly \(no report from the worker for [23] s\)/,
  );
  await banner.getByRole('button', { name: 'Pause' }).click();
  await expect(banner).toBeHidden({ timeout: 5000 });
  await expect.poll(() => isPlaying(page)).toBe(false);
  await expect(page.getByTestId('play-toggle')).toHaveText('Play');
  // Paused, the worker says nothing, and that is no stall.
  await page.waitForTimeout(2200);
  await expect(banner).toBeHidden();

  // A hang that would outlast the test: Cancel, from the keyboard.
  await page.getByTestId('play-toggle').click();
  await waitPlaying(page);
  await fault(page, 'hang', 120_000);
  await expect(banner).toBeVisible({ timeout: 5000 });
  await banner.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(banner).toBeHidden();
  const notice = page.getByTestId('worker-notice');
  await expect(notice).toContainText('Cancelled the running simulation');
  await expect(notice).toContainText('The scenario is still in the link');
  expect(page.url()).toBe(link);
  await expect(page.getByTestId('play-toggle')).toBeDisabled();

  // Usable again: the same scenario, loaded afresh and paused at 0.
  await notice.getByRole('button', { name: 'Load it again' }).click();
  await expect(notice).toBeHidden();
  await expect(page.getByTestId('play-toggle')).toBeEnabled();
  await runUntil(page, 300_000);
  expect(await simNow(page)).toBe(300_000);
  expect(await stateHash(page)).toMatch(/^[0-9a-f]{16}$/);
});

test('a dead worker: the crash panel, and Restart replays to the same state', async ({ page }) => {
  await openScenario(page);
  await waitPlaying(page);
  await pauseSim(page);
  await runUntil(page, 1_200_000);
  const uninterrupted = await stateHash(page);
  const link = page.url();

  // An edit in progress survives the crash (the editor stays open over the panel).
  await page.keyboard.press('e');
  const editor = page.getByTestId('scenario-editor');
  await editor.getByLabel('CPUs').fill('3');

  await fault(page, 'crash');
  const panel = page.getByTestId('crash-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('role', 'alert');
  await expect(panel.getByRole('heading')).toHaveText('The simulation worker crashed');
  await expect(panel).toContainText(
    'replays the scenario to 1.200 s, the last time the worker reported',
  );
  await expect(panel.getByTestId('crash-message')).toContainText('the worker threw');
  await expect(editor.getByLabel('CPUs')).toHaveValue('3');
  expect(page.url()).toBe(link);
  await page.keyboard.press('Escape');

  await panel.getByRole('button', { name: 'Restart from the last good checkpoint' }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByTestId('worker-notice')).toContainText('replayed to 1.200 s');
  await expect.poll(() => simNow(page)).toBe(1_200_000);
  expect(await isPlaying(page)).toBe(false);
  expect(await stateHash(page)).toBe(uninterrupted);
  await expect(page.getByTestId('heatmap-truth')).toBeVisible();

  // Out of memory: said so, and the default scenario is one click away.
  await fault(page, 'outOfMemory');
  await expect(panel.getByRole('heading')).toHaveText('The simulation ran out of memory');
  await panel.getByRole('button', { name: 'Open the default scenario' }).click();
  await expect(panel).toBeHidden();
  await waitPlaying(page);

  // The draft from before the crash is offered back in a fresh page.
  await page.reload();
  await waitPlaying(page);
  await page.keyboard.press('e');
  const offer = editor.getByTestId('draft-offer');
  await offer.getByRole('button', { name: /^Restore your unsaved draft from \d/ }).click();
  await expect(offer).toBeHidden();
  await expect(editor.getByLabel('CPUs')).toHaveValue('3');
});
