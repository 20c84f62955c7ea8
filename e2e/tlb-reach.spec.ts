/**
 * The TLB panel's seed-002 markers in Chromium, each preset opened by link and run to 2
 * simulated seconds: tlbfit shows T1 (DAMON reads 0 of 20 over the STLB-resident hot set,
 * with its 256 translations and no walks), thpsparse shows T2 (its THPs read hot with 3 % of
 * sub-pages touched) and, with PCID on, T1 as well; hotwin shows neither, and says why. The
 * reach chart gives each level its entries and the STLB its valid entries.
 */
import type { Page } from '@playwright/test';
import { encodeScenario, getPreset, type Scenario } from '../src/scenario';
import { expect, openScenario, test } from './fixtures';
import { runUntil } from './hook';

test.use({ viewport: { width: 1440, height: 900 } });

/** Open `scenario` by link and run it to 2 simulated seconds, paused there. */
async function openAt2s(page: Page, scenario: Scenario): Promise<void> {
  await openScenario(page, encodeScenario(scenario));
  // The link's load may still be on its way to the worker: a load interrupts a run.
  for (let attempt = 0; ; attempt++) {
    try {
      await runUntil(page, 2_000_000);
      break;
    } catch (e) {
      if (attempt >= 3 || !/interrupted/.test(String(e))) throw e;
    }
  }
}

test('tlbfit: the T1 marker, with the evidence, and no T2', async ({ page }) => {
  await openAt2s(page, getPreset('tlbfit'));
  const panel = page.getByTestId('tlb-panel');
  const t1 = panel.getByTestId('t1-marker');
  await expect(t1).toBeVisible();
  await expect(t1).toContainText('TLB-reach blind spot');
  await expect(t1.getByTestId('t1-damon-nr')).toHaveText('0 of 20');
  await expect(t1).toContainText('ptep_test_and_clear_young() does not flush the TLB');
  await expect(t1).toContainText('1 MiB accessed, 20 of 20');
  await expect(t1).toContainText('256 × 4K translations, 1536 STLB entries');
  await expect(t1).toContainText('working set 0 B');
  await expect(t1).toHaveAttribute('title', /damon_va_mkold\(\)/);
  await expect(panel.getByTestId('t2-marker')).toHaveCount(0);
  await expect(panel.getByTestId('t2-status')).toContainText('nothing is THP-mapped');
  // the reach chart: entries per level, the STLB's valid entries, the 1 MiB working set
  const stlb4k = panel.getByTestId('reach-l2_4k');
  await expect(stlb4k.locator('.reach-value')).toHaveText('6 MiB');
  await expect(stlb4k.locator('.reach-entries')).toHaveText('1536 × 4K · 1536 valid');
  await expect(stlb4k).toHaveAttribute('data-covers', 'true');
  await expect(panel.locator('.ws-label')).toHaveText('working set 1 MiB');
  await expect(panel.getByTestId('tlb-walks').locator('dd')).toHaveText('0');
});

test('thpsparse: the T2 marker; with PCID on, T1 too', async ({ page }) => {
  const preset = getPreset('thpsparse');
  await openAt2s(page, preset);
  const panel = page.getByTestId('tlb-panel');
  const t2 = panel.getByTestId('t2-marker');
  await expect(t2).toBeVisible();
  await expect(t2).toContainText('DAMON reads THPs hot with 3 % of sub-pages touched');
  await expect(t2).toContainText('one PMD Accessed bit per 2 MiB');
  await expect(t2).toContainText('256 MiB THP-mapped');
  await expect(t2).toContainText('248 MiB of it untouched');
  await expect(t2).toHaveAttribute('title', /pmdp_test_and_clear_young\(\)/);
  await expect(panel.getByTestId('t1-marker')).toHaveCount(0);
  await expect(panel.getByTestId('t1-status')).toContainText('DAMON reads 20 of 20');

  await openAt2s(page, { ...preset, sched: { ...preset.sched, pcid: true } });
  await expect(panel.getByTestId('t1-marker')).toBeVisible();
  await expect(panel.getByTestId('t1-marker')).toContainText('128 × 2M translations');
  await expect(panel.getByTestId('t2-marker')).toBeVisible();
});

test('hotwin: neither marker, and the reasons', async ({ page }) => {
  await openAt2s(page, getPreset('hotwin'));
  const panel = page.getByTestId('tlb-panel');
  await expect(panel.getByTestId('blind-spot-checks')).toHaveAttribute('data-state', 'checked');
  await expect(panel.getByTestId('t1-status')).toContainText('DAMON reads 20 of 20');
  await expect(panel.getByTestId('t2-status')).toContainText('nothing is THP-mapped');
  await expect(panel.getByTestId('t1-marker')).toHaveCount(0);
  await expect(panel.getByTestId('t2-marker')).toHaveCount(0);
});
