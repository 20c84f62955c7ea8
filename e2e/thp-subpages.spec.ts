/**
 * The THP sub-page view in Chromium on thpsparse (seed 002's T2): opened, it draws a tile per
 * THP with the written sub-pages lit where the workload wrote (one in 32: the first column of
 * every tile row), the histogram's "< 10 %" share, a tooltip in the kernel's names, and a
 * click (or the keyboard) opens a THP's history with the fault that mapped it. With THP off,
 * the panel says why it is empty.
 */
import type { Locator } from '@playwright/test';
import { encodeScenario, getPreset } from '../src/scenario';
import { BOX_H, PITCH_Y } from '../src/ui/views/thp-map/thp-raster';
import { expect, openScenario, test } from './fixtures';

test.use({ viewport: { width: 1440, height: 900 } });

/** The frame around a tile's cells, in sub-pages (thp-raster.ts's PAD). */
const PAD = 1;

/**
 * Lit sub-page pixels of the visible grid, and how many sit off the tiles' first cell column.
 * DAMON's bar under each tile is skipped: while DAMON's reading ramps up it passes through the
 * same red-orange as an accessed sub-page (the grid is not scrolled here).
 */
async function litPixels(canvas: Locator) {
  return canvas.evaluate(
    (el: HTMLCanvasElement, { pitchY, boxH }) => {
      const dpr = el.width / el.getBoundingClientRect().width;
      const scale = Number(el.dataset.scale) * dpr;
      const pitch = Number(el.dataset.pitchX);
      const inset = Number(el.dataset.inset) * dpr;
      const { data } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
      let lit = 0;
      const columns = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        // the accessed colour (YlOrRd at 0.75) is a bright red-orange; DAMON's full bar is dark red
        if (a < 255 || r < 200 || g > 120 || b > 100) continue;
        const y = Math.floor(i / 4 / el.width);
        if (Math.floor((y - inset) / scale) % pitchY >= boxH) continue; // DAMON's bar
        lit++;
        const x = (i / 4) % el.width;
        columns.add(Math.floor((x - inset) / scale) % pitch);
      }
      return { lit, columns: [...columns] };
    },
    { pitchY: PITCH_Y, boxH: BOX_H },
  );
}

test('the sub-page view shows sparse THPs, the < 10 % share, a tooltip and a THP’s history', async ({
  page,
}) => {
  await openScenario(page, encodeScenario(getPreset('thpsparse')));
  const panel = page.getByTestId('thp-panel');
  const toggle = panel.getByTestId('thp-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toContainText('census off');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  // 128 THPs, 16 of 512 sub-pages written in each: all under 10 %
  await expect(panel.getByTestId('thp-under-10')).toContainText('100.0 % of 128 THPs', {
    timeout: 20_000,
  });
  await expect(panel.locator('[data-bucket="0"]')).toHaveAttribute('data-count', '128');
  await expect(panel.getByTestId('thp-hidden-cold')).toContainText('248 MiB');

  const canvas = panel.getByTestId('thp-canvas');
  await canvas.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await litPixels(canvas)).lit).toBeGreaterThan(500);
  // one page in 32: every lit sub-page is in the first cell column of its tile
  expect((await litPixels(canvas)).columns).toEqual([PAD]);

  const box = (await canvas.boundingBox())!;
  const scale = Number(await canvas.getAttribute('data-scale'));
  const inset = Number(await canvas.getAttribute('data-inset'));
  /** The page point of grid pixel (x, y) (the grid is not scrolled). */
  const at = (x: number, y: number) =>
    [box.x + inset + x * scale, box.y + inset + y * scale] as const;
  await page.mouse.move(...at(PAD + 0.5, PAD + 2.5));
  const tooltip = page.getByTestId('thp-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('THP 2 MiB · order 9');
  await expect(tooltip).toContainText('process 0 · VMA thp');
  await expect(tooltip).toContainText('PMD-mapped');
  await expect(tooltip).toContainText('sub-pages accessed 16/512');
  await expect(tooltip).toContainText(/DAMON nr_accesses \d+\/20/);
  await expect(tooltip).toContainText('sub-page 64');

  await page.mouse.click(...at(10, 8));
  const history = panel.getByTestId('thp-history');
  await expect(history.locator('tr[data-kind="fault"]')).toContainText('fault 2 MiB');
  await expect(history).toContainText('page fault');
  const first = await history.locator('h3 .mono').textContent();

  // the keyboard: the next THP, 2 MiB further on
  await canvas.press('ArrowRight');
  await canvas.press('Enter');
  await expect(history.locator('h3 .mono')).not.toHaveText(first ?? '');
  const next = BigInt(first ?? '0') + 2n * 1024n * 1024n;
  await expect(history.locator('h3 .mono')).toHaveText(`0x${next.toString(16)}`);
  await expect(history.locator('tr[data-kind="fault"]')).toHaveCount(1);
  await canvas.press('Escape');
  await expect(history).toHaveCount(0);
});

test('the sub-page view says why it is empty when THP is off', async ({ page }) => {
  const preset = getPreset('thpsparse');
  await openScenario(page, encodeScenario({ ...preset, thp: { ...preset.thp, enabled: 'never' } }));
  const panel = page.getByTestId('thp-panel');
  await panel.getByTestId('thp-toggle').click();
  await expect(panel.getByTestId('thp-empty')).toContainText(/No large folios: THP is disabled/, {
    timeout: 20_000,
  });
  await expect(panel.getByTestId('thp-canvas')).toHaveCount(0);
});
