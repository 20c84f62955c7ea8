/**
 * The ground truth "by node" in Chromium on firsttouch: the buffer is first-touched on node 1,
 * and NUMA balancing moves it to node 0 in the second after 1 s. Coloured by node, the early
 * rows are drawn in node 1's hue and the late rows in node 0's; the legend names the nodes,
 * the tooltip the node of a cell. On one node the option is offered disabled.
 */
import type { Page } from '@playwright/test';
import { encodeScenario, getPreset } from '../src/scenario';
import { expect, openScenario, test } from './fixtures';
import { runUntil } from './hook';

test.use({ viewport: { width: 1440, height: 900 } });

/** Runs to `us` simulated, retrying while the scenario's load interrupts the run. */
async function runTo(page: Page, us: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await runUntil(page, us);
      return;
    } catch (e) {
      if (attempt >= 3 || !/interrupted/.test(String(e))) throw e;
    }
  }
}

interface NodeRows {
  /** cssPx y of each canvas row mostly in a node's hue, with that node, top to bottom. */
  rows: { y: number; node: 0 | 1; x: number }[];
}

/**
 * Per row of device pixels of the truth canvas: whether most of its coloured pixels are node
 * 0's blue or node 1's orange (light page: #2456c8 and #c2410c, tinted over the ground), for
 * rows where at least a fifth of the width is in one of them.
 */
async function nodeRows(page: Page): Promise<NodeRows> {
  return page
    .getByTestId('heatmap-truth')
    .locator('canvas')
    .evaluate((el: HTMLCanvasElement) => {
      const dpr = el.width / el.getBoundingClientRect().width;
      const { data } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
      const rows: { y: number; node: 0 | 1; x: number }[] = [];
      for (let y = 0; y < el.height; y++) {
        let blue = 0;
        let orange = 0;
        let x0 = -1;
        for (let x = 0; x < el.width; x++) {
          const i = 4 * (y * el.width + x);
          const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
          if (a < 255) continue;
          if (b - r > 20 && b > g) blue++;
          else if (r - b > 20 && r > g) orange++;
          else continue;
          if (x0 < 0) x0 = x;
        }
        if (Math.max(blue, orange) < el.width / 5) continue;
        rows.push({ y: y / dpr, node: blue > orange ? 0 : 1, x: x0 / dpr });
      }
      return { rows };
    });
}

test('firsttouch by node: early rows in node 1’s colour, late rows in node 0’s', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openScenario(page, encodeScenario(getPreset('firsttouch')));
  const select = page.getByTestId('heat-palette');
  await expect(select.locator('option[value="node"]')).toBeEnabled();
  await select.selectOption('node');
  await expect(select).toHaveValue('node');
  const legend = page.getByTestId('truth-node-legend');
  await expect(legend).toContainText('node 0 (CPU 0)');
  await expect(legend).toContainText('node 1 (CPU 1)');

  await runTo(page, 2_500_000);
  await page.locator('.heat-pair').scrollIntoViewIfNeeded();
  const both = async () => {
    const { rows } = await nodeRows(page);
    return [0, 1].map((n) => rows.filter((r) => r.node === n).length);
  };
  await expect.poll(async () => Math.min(...(await both()))).toBeGreaterThan(5);
  const { rows } = await nodeRows(page);
  expect(rows[0]!.node).toBe(1);
  expect(rows[rows.length - 1]!.node).toBe(0);
  // one switch, early node 1 to late node 0, not a mix
  const switches = rows.filter((r, i) => i > 0 && r.node !== rows[i - 1]!.node);
  expect(switches.length).toBeLessThanOrEqual(2);

  // the tooltip names the node of a late cell and of an early one
  const box = (await page.getByTestId('heatmap-truth').locator('canvas').boundingBox())!;
  const tooltip = page.getByTestId('truth-tooltip-node');
  const late = rows[rows.length - 2]!;
  await page.mouse.move(box.x + late.x + 4, box.y + late.y);
  await expect(tooltip).toHaveText('node 0 (CPU 0): most resident pages');
  const early = rows[1]!;
  await page.mouse.move(box.x + early.x + 4, box.y + early.y);
  await expect(tooltip).toHaveText('node 1 (CPU 1): most resident pages');

  // back to a value palette: no node colours, no node legend
  await select.selectOption('classic');
  await expect(legend).toHaveCount(0);
  await expect.poll(async () => (await nodeRows(page)).rows.some((r) => r.node === 0)).toBe(false);
});

test('by node is offered disabled on one node, saying why', async ({ page }) => {
  await openScenario(page);
  const option = page.getByTestId('heat-palette').locator('option[value="node"]');
  await expect(option).toBeDisabled();
  await expect(option).toHaveAttribute('title', /one NUMA node/);
});
