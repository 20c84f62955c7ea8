/**
 * Zooming re-bins: after zooming to 4 MiB, new rows of the ground truth are binned over just
 * that range, finely enough to tell pages apart (issue 8: >= 512 distinct columns).
 */
import { expect, test } from './fixtures';
import { pauseSim, runUntil, waitPlaying } from './hook';

interface ZoomHook {
  zoomTo(start: number, bytes: number): void;
  newestTruthRow(): {
    row: number;
    columns: number;
    start: number;
    end: number;
    touchedColumns: number;
  } | null;
  nowUs: number;
}
type W = { __mmscope: ZoomHook };

const BUF = 0x7f0040000000; // the default scenario's 'buf', swept 16 MiB at a time from its start
const MiB = 2 ** 20;

test('zoomed to 4 MiB, a new row has at least 512 distinct columns over that range', async ({
  page,
}) => {
  await page.goto('/');
  await waitPlaying(page);
  const t0 = await pauseSim(page);
  await page.evaluate(
    ([a, b]) => (window as unknown as W).__mmscope.zoomTo(a!, b!),
    [BUF, 4 * MiB],
  );
  await page.waitForTimeout(400); // the zoom settles, the worker takes the view at a row end
  await runUntil(page, t0 + 1_000_000);
  const row = await page.evaluate(() => (window as unknown as W).__mmscope.newestTruthRow());
  expect(row).not.toBeNull();
  expect(row!.start).toBe(BUF);
  expect(row!.end).toBe(BUF + 4 * MiB);
  expect(row!.columns).toBeGreaterThanOrEqual(512);
  expect(row!.touchedColumns).toBeGreaterThanOrEqual(512);
});
