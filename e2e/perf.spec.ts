/**
 * A performance probe, not a check: plays the default scenario at max speed for 5 s and prints
 * the p50/p95 of requestAnimationFrame intervals and the simulated time covered, over the whole
 * axis and zoomed to 4 MiB (new rows binned at a column per page).
 * Runs only with PERF=1:  PERF=1 npx playwright test e2e/perf.spec.ts
 */
import { openScenario, test } from './fixtures';
import { simNow, waitPlaying } from './hook';

test.skip(!process.env.PERF, 'set PERF=1 to run the performance probe');

for (const zoomed of [false, true]) {
  test(`frame times while playing at max speed${zoomed ? ', zoomed to page resolution' : ''}`, async ({
    page,
  }) => {
    test.setTimeout(30_000);
    await openScenario(page);
    await waitPlaying(page);
    if (zoomed) {
      await page.evaluate(() =>
        (
          window as unknown as { __mmscope: { zoomTo(a: number, b: number): void } }
        ).__mmscope.zoomTo(0x7f0040000000, 4 * 2 ** 20),
      );
    }
    await page.getByLabel('speed').selectOption({ label: 'max' });
    const t0 = await simNow(page);
    const deltas = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const out: number[] = [];
          let last = performance.now();
          const end = last + 5000;
          const tick = (now: number) => {
            out.push(now - last);
            last = now;
            if (now < end) requestAnimationFrame(tick);
            else resolve(out);
          };
          requestAnimationFrame(tick);
        }),
    );
    const simUs = (await simNow(page)) - t0;
    deltas.sort((a, b) => a - b);
    const q = (p: number) => deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))]!;
    console.log(
      `perf${zoomed ? ' (zoomed)' : ''}: ${deltas.length} frames in 5 s, p50 ${q(0.5).toFixed(1)} ms, ` +
        `p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms; ` +
        `simulated ${(simUs / 1e6).toFixed(2)} s (${(simUs / 5e6).toFixed(2)}x real time)`,
    );
  });
}
