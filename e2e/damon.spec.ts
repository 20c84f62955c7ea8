/**
 * DAMON beside the ground truth: the region heatmap draws next to the truth panel, shows
 * what the thpsparse workload is about (a sparse THP read fully hot), switches to the
 * difference view, scrubs back in time, and downloads the record as damo's zlib file.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { choosePreset, expect, openScenario, test, waitForSimTime } from './fixtures';
import { pauseSim } from './hook';

/** Pixels of a panel's canvas in a band of CSS px columns [x0, x1), counted by colour. */
async function canvasPixels(panel: Locator, x0 = 0, x1 = Infinity) {
  return panel.locator('canvas').evaluate(
    (el: HTMLCanvasElement, [from, to]) => {
      const dpr = el.width / el.getBoundingClientRect().width;
      const left = Math.max(0, Math.floor(from * dpr));
      const right = Math.min(el.width, Math.ceil(Math.min(to, el.width / dpr) * dpr));
      const { data } = el.getContext('2d')!.getImageData(left, 0, right - left, el.height);
      let hot = 0;
      let heated = 0;
      let blue = 0;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (a === 0) continue;
        if (r - b > 40) heated++; // on the yellow-to-red ramp
        if (r - b > 60 && g < 120) hot++; // its dark, hot end
        if (b - r > 30) blue++; // the difference view's "hot in truth, cold to DAMON"
        colours.add((r << 16) | (g << 8) | b);
      }
      return { hot, heated, blue, colours: colours.size, total: data.length / 4 };
    },
    [x0, x1] as const,
  );
}

/** Centre (CSS px in the panel's stage) of the VMA label whose text starts with `name ·`. */
async function vmaLabelX(panel: Locator, name: string): Promise<number> {
  const label = panel.locator('.vma-labels text').filter({ hasText: new RegExp(`^${name}( ·|$)`) });
  return Number(await label.getAttribute('x'));
}

const seconds = (text: string) => Number(/t = ([\d.]+) s/.exec(text)?.[1] ?? NaN);

async function openPreset(page: Page, id: string): Promise<void> {
  await openScenario(page);
  await choosePreset(page, id);
  await expect(page.getByTestId('explain-panel')).toContainText(`Scenario: ${id}`);
}

test('the DAMON panel draws regions beside the ground truth; difference mode toggles', async ({
  page,
}) => {
  await openScenario(page);
  await waitForSimTime(page, 1_500_000);
  const truth = page.getByTestId('heatmap-truth');
  const damon = page.getByTestId('heatmap-damon');
  await expect(damon.getByRole('heading')).toHaveText(
    'DAMON regions (nr_accesses per aggregation)',
  );
  await expect(truth.getByRole('heading')).toHaveText('Ground truth (every access)');

  // Beside it: to the right, top edges level, the same size.
  const [t, d] = [(await truth.boundingBox())!, (await damon.boundingBox())!];
  expect(d.x).toBeGreaterThan(t.x + t.width - 1);
  expect(Math.abs(d.y - t.y)).toBeLessThan(2);
  expect(Math.abs(d.height - t.height)).toBeLessThan(2);

  const regions = await canvasPixels(damon);
  expect(regions.colours).toBeGreaterThan(10);
  expect(regions.heated / regions.total).toBeGreaterThan(0.005);
  await expect(page.getByTestId('nr-regions')).toHaveText(/nr_regions \d+/);

  const toggle = page.getByTestId('damon-difference');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('damon-diff-explain')).toContainText('nr_accesses ÷ max');
  await expect.poll(async () => (await canvasPixels(damon)).blue).toBeGreaterThan(100);
  await page.getByRole('button', { name: 'nr_accesses', exact: true }).click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('damon-legend')).toContainText('nr_accesses / 20');
});

test('scrubbing back moves the displayed time and the snapshot; the record downloads as zlib', async ({
  page,
}) => {
  await openScenario(page);
  await waitForSimTime(page, 1_200_000);
  const now = (await pauseSim(page)) / 1e6;
  const scrubTime = page.getByTestId('scrub-time');
  await expect(scrubTime).toContainText('live');
  const newest = await page.getByTestId('snapshot-time').textContent();

  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect(scrubTime).not.toContainText('live');
  const scrubbed = seconds((await scrubTime.textContent()) ?? '');
  expect(scrubbed).toBeLessThan(now - 0.3);
  expect(scrubbed).toBeGreaterThan(now - 0.7);
  await expect(page.getByTestId('snapshot-time')).not.toHaveText(newest ?? '');
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => seconds((await scrubTime.textContent()) ?? ''))
    .toBeGreaterThan(scrubbed);
  await page.getByRole('button', { name: 'Live', exact: true }).click();
  await expect(scrubTime).toContainText('live');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('damo-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('damon.data');
  const bytes = await readFile(await download.path());
  expect(bytes[0]).toBe(0x78); // zlib, as damo writes damon.data
  expect(bytes.length).toBeGreaterThan(100);
});

test('thpsparse: DAMON reads the sparse THP buffer as hot, the 4 KiB one as cold', async ({
  page,
}) => {
  await openPreset(page, 'thpsparse');
  await waitForSimTime(page, 2_100_000);
  await pauseSim(page);
  const damon = page.getByTestId('heatmap-damon');
  const thp = await vmaLabelX(damon, 'thp');
  const nothp = await vmaLabelX(damon, 'nothp');
  expect(thp).toBeGreaterThan(nothp);

  const overThp = await canvasPixels(damon, thp - 20, thp + 20);
  const overNothp = await canvasPixels(damon, nothp - 20, nothp + 20);
  expect(overThp.hot).toBeGreaterThan(500);
  expect(overThp.hot).toBeGreaterThan(10 * (overNothp.hot + 10));

  // The snapshot table agrees: mean access rate of regions inside each VMA.
  const rates = await page
    .getByTestId('snapshot-table')
    .locator('tbody tr[data-start]')
    .evaluateAll((rows) =>
      rows.map((r) => ({
        start: Number(r.getAttribute('data-start')),
        end: Number(r.getAttribute('data-end')),
        rate: Number(r.getAttribute('data-rate')),
      })),
    );
  const vmaRange = async (name: string) => {
    const text = await page
      .getByTestId('vma-map')
      .locator('.vma-row')
      .filter({ has: page.locator('.vma-name', { hasText: new RegExp(`^${name}$`) }) })
      .locator('.vma-range')
      .textContent();
    const [lo, hi] = (text ?? '').match(/0x[0-9a-f]+/g)!.map((h) => Number(h));
    return [lo!, hi!] as const;
  };
  const meanRate = ([lo, hi]: readonly [number, number]) => {
    let bytes = 0;
    let sum = 0;
    for (const r of rates) {
      const overlap = Math.min(hi, r.end) - Math.max(lo, r.start);
      if (overlap > 0) {
        bytes += overlap;
        sum += overlap * r.rate;
      }
    }
    return sum / bytes;
  };
  expect(meanRate(await vmaRange('thp'))).toBeGreaterThan(0.8);
  expect(meanRate(await vmaRange('nothp'))).toBeLessThan(0.2);
});
