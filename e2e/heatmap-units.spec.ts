/**
 * The heatmaps tell the thpsparse and tlbfit stories by their pixels. thpsparse, in DAMON's
 * own unit: the truth paints both buffers alike (1 page in 32 touched, so ~1/32 of the 20
 * samples), while DAMON reads the THP buffer saturated (20 of 20). tlbfit: the 1 MiB hot set,
 * a fraction of a pixel at this zoom, is still drawn at least 3 px wide and marked, in the
 * truth and as "DAMON misses" in the difference.
 */
import type { Locator, Page } from '@playwright/test';
import { choosePreset, expect, openScenario, test } from './fixtures';
import { runUntil } from './hook';

test.use({ viewport: { width: 1440, height: 900 } });

/** Open a preset and run it to 3 simulated seconds, paused there. */
async function openPreset(page: Page, id: string): Promise<void> {
  await openScenario(page);
  await choosePreset(page, id);
  await expect(page.getByTestId('explain-panel')).toContainText(`Scenario: ${id}`);
  // The preset's load may still be on its way to the worker: a load interrupts a run.
  for (let attempt = 0; ; attempt++) {
    try {
      await runUntil(page, 3_000_000);
      break;
    } catch (e) {
      if (attempt >= 3 || !/interrupted/.test(String(e))) throw e;
    }
  }
  await page.locator('.heat-pair').scrollIntoViewIfNeeded();
}

/** [x0, x1) of a VMA in the panel's stage (cssPx), from its box in the VMA band. */
async function vmaSpan(panel: Locator, name: string): Promise<[number, number]> {
  const rect = panel
    .locator('.vma-labels g.vma')
    .filter({ has: panel.page().locator('title', { hasText: new RegExp(`^${name} ·`) }) })
    .locator('rect');
  const x = Number(await rect.getAttribute('x'));
  const w = Number(await rect.getAttribute('width'));
  return [x, x + w];
}

interface Stats {
  /** Mean colour of the data pixels (not the "no data" hatching). */
  mean: [number, number, number];
  /** Share of the data pixels within `near` of `target`, when one is given. */
  share: number;
  count: number;
}

/**
 * Pixel statistics of a panel's canvas over cssPx columns [x0, x1) of its plot, leaving out
 * the hatching drawn where there is no data (its two colours are read off the plot's bottom
 * row, which no 3 s run reaches).
 */
async function plotStats(
  panel: Locator,
  [x0, x1]: [number, number],
  target?: [number, number, number],
): Promise<Stats> {
  return panel.locator('canvas').evaluate(
    (el: HTMLCanvasElement, { x0, x1, target }) => {
      const dpr = el.width / el.getBoundingClientRect().width;
      const ctx = el.getContext('2d')!;
      const top = Math.ceil(34 * dpr);
      const bottom = Math.floor(el.height - 42 * dpr);
      const left = Math.ceil(x0 * dpr);
      const right = Math.floor(x1 * dpr);
      const hatch = new Set<number>();
      const last = ctx.getImageData(left, bottom - 8, right - left, 8).data;
      for (let i = 0; i < last.length; i += 4) {
        hatch.add((last[i]! << 16) | (last[i + 1]! << 8) | last[i + 2]!);
      }
      const { data } = ctx.getImageData(left, top, right - left, bottom - top);
      const sum = [0, 0, 0];
      let count = 0;
      let near = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (hatch.has((r << 16) | (g << 8) | b)) continue;
        sum[0]! += r;
        sum[1]! += g;
        sum[2]! += b;
        count++;
        if (
          target &&
          Math.max(Math.abs(r - target[0]), Math.abs(g - target[1]), Math.abs(b - target[2])) <= 12
        ) {
          near++;
        }
      }
      const mean = sum.map((v) => v / Math.max(1, count)) as [number, number, number];
      return { mean, share: near / Math.max(1, count), count };
    },
    { x0, x1, target },
  );
}

/** The colour at the top of a legend's ramp (its gradient's last stop). */
async function rampTop(legend: Locator): Promise<[number, number, number]> {
  const css = await legend.locator('linearGradient stop').last().getAttribute('stop-color');
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)|#([0-9a-f]{6})/i.exec(css ?? '');
  if (!m) throw new Error(`unexpected ramp colour ${css}`);
  if (m[4]) {
    const n = parseInt(m[4], 16);
    return [n >> 16, (n >> 8) & 255, n & 255];
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const inset = ([a, b]: [number, number], by = 4): [number, number] => [a + by, b - by];

test('thpsparse in DAMON units: the truth paints both buffers alike, DAMON’s thp is saturated', async ({
  page,
}) => {
  await openPreset(page, 'thpsparse');
  await page.getByTestId('truth-measure-damonUnit').click();
  await expect(page.getByTestId('truth-legend')).toContainText('nr_accesses / 20');
  const truth = page.getByTestId('heatmap-truth');
  const damon = page.getByTestId('heatmap-damon');

  const thp = await plotStats(truth, inset(await vmaSpan(truth, 'thp')));
  const nothp = await plotStats(truth, inset(await vmaSpan(truth, 'nothp')));
  expect(thp.count).toBeGreaterThan(1000);
  expect(nothp.count).toBeGreaterThan(1000);
  for (let c = 0; c < 3; c++) expect(Math.abs(thp.mean[c]! - nothp.mean[c]!)).toBeLessThan(6);

  // Both sit near the cold end: 1/32 of the ceiling is far from DAMON's saturated colour.
  const top = await rampTop(page.getByTestId('damon-legend'));
  const damonThp = await plotStats(damon, inset(await vmaSpan(damon, 'thp')), top);
  expect(damonThp.count).toBeGreaterThan(1000);
  expect(damonThp.share).toBeGreaterThan(0.8);
  const truthThp = await plotStats(truth, inset(await vmaSpan(truth, 'thp')), top);
  expect(truthThp.share).toBeLessThan(0.05);

  // The tooltip: about 1 page in 32 touched in a thp column.
  const [x0, x1] = await vmaSpan(truth, 'thp');
  const box = (await truth.locator('.heat-stage').boundingBox())!;
  await page.mouse.move(box.x + (x0 + x1) / 2, box.y + 60);
  const tooltip = page.getByTestId('truth-tooltip');
  await expect(tooltip).toContainText(/pages touched: \d+ of \d+ \((2\.\d+|3\.\d+) %\)/);
  await expect(tooltip).toContainText('THP: 100 %');
  await expect(tooltip).toContainText(/DAMON region \d+: .* nr_accesses 20 \/ 20/);
});

test('tlbfit: the 1 MiB hot set is drawn 3 px wide and marked, and the difference names it', async ({
  page,
}) => {
  await openPreset(page, 'tlbfit');
  await page.getByTestId('truth-measure-damonUnit').click();
  await page.getByTestId('damon-difference').click();
  await expect(page.getByTestId('damon-legend')).toContainText('DAMON misses');

  /** The widest run of columns in a plot row whose colour passes `test` (device px). */
  const widest = (panel: Locator, kind: 'hot' | 'blue') =>
    panel.locator('canvas').evaluate((el: HTMLCanvasElement, k) => {
      const ctx = el.getContext('2d')!;
      const dpr = el.width / el.getBoundingClientRect().width;
      const y = Math.round(36 * dpr); // the first rows: just inside the plot's top
      const { data } = ctx.getImageData(0, y, el.width, 1);
      let best = 0;
      let run = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        const hit = k === 'hot' ? r - b > 80 && g < 140 : b - r > 60;
        run = hit ? run + 1 : 0;
        best = Math.max(best, run);
      }
      return best / dpr;
    }, kind);
  await expect
    .poll(() => widest(page.getByTestId('heatmap-truth'), 'hot'))
    .toBeGreaterThanOrEqual(3);
  await expect
    .poll(() => widest(page.getByTestId('heatmap-damon'), 'blue'))
    .toBeGreaterThanOrEqual(3);

  // The marker above the plot sits over the hot set's true place: +100 MiB into buf.
  const truth = page.getByTestId('heatmap-truth');
  const [b0, b1] = await vmaSpan(truth, 'buf');
  const expected = b0 + ((b1 - b0) * 100) / 256;
  const markerX = await truth.locator('canvas').evaluate((el: HTMLCanvasElement) => {
    const ctx = el.getContext('2d')!;
    const dpr = el.width / el.getBoundingClientRect().width;
    const { data } = ctx.getImageData(0, Math.round(28 * dpr), el.width, 1);
    const xs: number[] = [];
    for (let i = 0; i < data.length; i += 4) {
      const dark = data[i]! + data[i + 1]! + data[i + 2]! < 200 && data[i + 3]! > 200;
      if (dark) xs.push(i / 4 / dpr);
    }
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
  });
  expect(Math.abs(markerX - expected)).toBeLessThan(6);
});
