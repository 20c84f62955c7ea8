/**
 * The NUMA panel in Chromium on a two-node machine with NUMA balancing and the posted RFC's
 * routing: opened with its shortcut, it shows the installer → handler flows; writing
 * numa_balancing 0 while the run goes on leaves NUMA balancing's PROT_NONE entries to
 * do_damon_page (race 1 of the review), so the misrouted counter moves; the write is a marker
 * on the timeline and an event in the share link, which replays the run to the same state
 * hash; a misrouted fault jumps the heatmaps to its address and time; a write the engine would
 * refuse is refused with what to change.
 */
import { decodeHash, encodeScenario, getPreset, type Scenario } from '../src/scenario';
import { expect, openScenario, stateHash, test, waitForSimTime } from './fixtures';
import { pauseSim, runUntil, waitPlaying } from './hook';

test.use({ viewport: { width: 1440, height: 900 } });

const MiB = 1 << 20;

/** The default preset on two 1 GiB nodes: "zipf" on CPU 0 first-touches `buf` (node 0),
 * "sweep" on CPU 1 reads it remotely; NUMA balancing scans from 200 ms on. */
function twoNodes(): Scenario {
  const s = getPreset('default');
  s.name = 'numa-race';
  s.machine.nodes = [
    { memMib: 1024, cpuless: false },
    { memMib: 1024, cpuless: false },
  ];
  s.numa = {
    ...s.numa,
    balancing: 1,
    routing: 'rfc-v2',
    scan_delay_ms: 200,
    scan_period_min_ms: 200,
  };
  const p = s.processes[0]!;
  p.vmas.find((v) => v.name === 'buf')!.size = 64 * MiB;
  for (const t of p.threads) t.ratePerMs = 200;
  return s;
}

test('numa_balancing off under RFC v2 misroutes NUMA’s entries; the link replays it', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openScenario(page, encodeScenario(twoNodes()));
  await waitPlaying(page);
  const panel = page.getByTestId('numa-panel');
  const toggle = panel.getByTestId('numa-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toContainText('report off');

  await page.keyboard.press('n');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('numa-button')).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByTestId('numa-flows')).toBeVisible({ timeout: 10_000 });
  await expect(panel.getByTestId('numa-nodes')).toContainText('node 1');

  // NUMA balancing scans and its hinting faults go to do_numa_page: nothing misrouted yet
  await waitForSimTime(page, 700_000, { timeoutMs: 20_000 });
  const misrouted = panel.getByTestId('numa-misrouted').locator('dd');
  await expect(misrouted).toHaveText('0');
  await expect(panel.locator('path[data-route="numa-numa"]')).not.toHaveAttribute('data-rate', '0');

  const balancing = panel.getByTestId('numa-control-balancing');
  await balancing.locator('button[data-value="0"]').click();
  const applied = panel.getByTestId('numa-control-applied');
  await expect(applied).toContainText('numa_balancing=0 at');
  await expect(balancing.locator('button[data-value="0"]')).toHaveAttribute('aria-pressed', 'true');
  const atText = (await applied.textContent()) ?? '';
  const atS = Number(/at ([\d.]+) s/.exec(atText)?.[1]);

  // race 1: the entries NUMA balancing left PROT_NONE now fault into do_damon_page
  await expect(misrouted).not.toHaveText('0', { timeout: 15_000 });
  await expect(panel.getByTestId('numa-diverted').locator('dd')).not.toHaveText('0');
  await expect(panel.locator('path[data-route="numa-damon"]')).not.toHaveAttribute(
    'data-rate',
    '0',
  );
  await expect(panel.getByTestId('numa-marker')).toHaveAttribute('data-text', 'numa_balancing=0');

  // the link holds the write as an event at the time it applied
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share')).toHaveText('Copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const hash = new URL(link).hash;
  expect(await page.evaluate(() => window.location.hash)).toBe(hash);
  const decoded = decodeHash(hash.slice(1));
  expect(decoded.ok).toBe(true);
  const events = decoded.ok ? decoded.scenario.events : [];
  expect(events).toEqual([{ atUs: expect.any(Number), process: 0, op: 'numa_balancing', mode: 0 }]);
  expect(events[0]!.atUs % 100).toBe(0);
  expect(events[0]!.atUs / 1e6).toBeCloseTo(atS, 3);

  // a misrouted fault shows its address and time in the heatmaps
  const jump = panel.getByTestId('numa-jump').first();
  await expect(jump).toBeVisible();
  const resetZoom = page.getByRole('button', { name: 'Reset zoom' });
  await expect(resetZoom).toBeDisabled();
  await jump.focus();
  await page.keyboard.press('Enter');
  await expect(resetZoom).toBeEnabled();
  await expect(panel.getByTestId('numa-jumped')).toContainText('in the heatmaps');

  // what validate.ts refuses is refused, naming what to change
  await panel
    .getByTestId('numa-control-primitive')
    .locator('button[data-value="page_fault"]')
    .click();
  await expect(panel.getByTestId('numa-control-applied')).toContainText(
    'damon primitive page_fault',
  );
  await panel.getByTestId('numa-control-routing').locator('button[data-value="mainline"]').click();
  await expect(panel.getByTestId('numa-control-refused')).toContainText(
    'page_fault primitive is used in this run',
  );

  // the link of the toggled run replays it: the same state hash at the same time
  await page.getByTestId('share').click();
  const replay = new URL(await page.evaluate(() => navigator.clipboard.readText())).hash;
  const other = await context.newPage();
  await openScenario(other, replay);
  await waitPlaying(other);
  const stopped = await Promise.all([pauseSim(page), pauseSim(other)]);
  const t = Math.ceil(Math.max(...stopped) / 100_000) * 100_000 + 200_000;
  await Promise.all([runUntil(page, t), runUntil(other, t)]);
  const [a, b] = await Promise.all([stateHash(page), stateHash(other)]);
  expect(b).toBe(a);
});
