/**
 * Typed access to the parts of `window.__mmscope` that e2e/fixtures.ts does not wrap:
 * pausing and running to a simulated time.
 */
import type { Page } from '@playwright/test';

interface Hook {
  nowUs: number;
  playing: boolean;
  stateHash(): Promise<string>;
  runUntil(us: number): Promise<void>;
  pause(): void;
}
type HookWindow = { __mmscope: Hook };

export function simNow(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as HookWindow).__mmscope.nowUs);
}

export function isPlaying(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as HookWindow).__mmscope.playing);
}

/** Pause and wait until the worker confirmed it; returns the simulated time it stopped at. */
export async function pauseSim(page: Page): Promise<number> {
  await page.evaluate(() => (window as unknown as HookWindow).__mmscope.pause());
  await page.waitForFunction(() => !(window as unknown as HookWindow).__mmscope.playing);
  return simNow(page);
}

/** Run to simulated time `us` at full speed; resolves once the worker is there and paused. */
export async function runUntil(page: Page, us: number): Promise<void> {
  await page.evaluate((t) => (window as unknown as HookWindow).__mmscope.runUntil(t), us);
}

/** Wait until the simulation reports that it is playing. */
export async function waitPlaying(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as HookWindow).__mmscope?.playing === true);
}
