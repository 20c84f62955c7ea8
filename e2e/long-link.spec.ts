/**
 * A link over 4 KiB is decoded in a short-lived worker, not on the page's thread, and opens
 * the same as a short one.
 */
import { encodeScenario, getPreset } from '../src/scenario';
import { expect, openScenario, test } from './fixtures';
import { waitPlaying } from './hook';

/** A preset with a long, incompressible description: a valid link of about 5,400 characters. */
function longHash(): string {
  let x = 2463534242;
  const chars = Array.from({ length: 3990 }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return String.fromCharCode(33 + ((x >>> 0) % 94));
  });
  return encodeScenario({ ...getPreset('default'), name: 'long', description: chars.join('') });
}

test('a long link is decoded off the main thread and opens', async ({ page }) => {
  const hash = longHash();
  expect(hash.length).toBeGreaterThan(4096);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await openScenario(page, hash);
  await waitPlaying(page);
  await expect(page.getByTestId('heatmap-truth')).toBeVisible();
  await expect(page.getByTestId('opening-link')).toHaveCount(0);
  await expect(page.getByTestId('scenario-menu')).toHaveAttribute('data-value', '');
  expect(workers.some((url) => /decode\.worker/.test(url))).toBe(true);
  expect(new URL(page.url()).hash).toBe(`#${hash}`);
});
