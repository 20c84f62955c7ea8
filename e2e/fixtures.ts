/**
 * Shared Playwright setup. Specs import `test` and `expect` from here instead of
 * '@playwright/test' so every test also checks that the app stays offline, throws no
 * uncaught errors and breaks no rule of its Content-Security-Policy.
 *
 * The app exposes a small test hook, `window.__mmscope` (contract in src/README.md); the
 * helpers below read it instead of scraping the DOM for simulation state.
 */
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

/** The page's test hook, as src/README.md describes it. */
export interface MmscopeHook {
  /** Simulated time of the newest state the page has received, in microseconds. */
  nowUs: number;
  /** The engine's state hash (16 hex digits) at the worker's current time. */
  stateHash(): Promise<string>;
  /** Whether the simulation is running. */
  playing: boolean;
}

type HookWindow = { __mmscope?: MmscopeHook };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

function isLocal(url: string): boolean {
  try {
    const u = new URL(url);
    return LOCAL_SCHEMES.has(u.protocol) || LOCAL_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

interface Options {
  /** Set to true in a spec that expects the page to throw (rare). */
  allowPageErrors: boolean;
}

interface Guards {
  /** Runs for every test: fails it on a request that leaves the machine. */
  noForeignRequests: void;
  /** Runs for every test: fails it on an uncaught exception in the page. */
  noPageErrors: void;
  /** Runs for every test: fails it on a `securitypolicyviolation` in any page it loads. */
  noCspViolations: void;
}

/** The binding the init script reports violations through (it survives navigations). */
const CSP_BINDING = '__mmscopeCspViolation';

export const test = base.extend<Options & Guards>({
  allowPageErrors: [false, { option: true }],

  noForeignRequests: [
    async ({ context }, use) => {
      const foreign: string[] = [];
      // Context-wide, so popups and workers started by the page are covered too.
      context.on('request', (request) => {
        if (!isLocal(request.url())) foreign.push(`${request.method()} ${request.url()}`);
      });
      await use();
      expect(foreign, 'the app must not make network requests beyond 127.0.0.1').toEqual([]);
    },
    { auto: true },
  ],

  noCspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.exposeFunction(CSP_BINDING, (text: string) => violations.push(text));
      // Before any of the page's own scripts, so a violation at load time is seen too.
      await page.addInitScript((binding) => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : '';
          const report = (window as unknown as Record<string, (text: string) => void>)[binding];
          report?.(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}${where}`);
        });
      }, CSP_BINDING);
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],

  noPageErrors: [
    async ({ page, allowPageErrors }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
      await use();
      if (!allowPageErrors) expect(errors, 'uncaught exceptions in the page').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Opens the app, optionally with a scenario in the URL fragment (with or without the leading
 * '#'), and waits until the test hook is installed.
 */
export async function openScenario(page: Page, hash?: string): Promise<void> {
  const fragment = hash ? `#${hash.replace(/^#/, '')}` : '';
  await page.goto(`/${fragment}`);
  await page.waitForFunction(() => (window as HookWindow).__mmscope !== undefined);
}

/** Waits until the simulated clock has reached `us` microseconds; returns the clock. */
export async function waitForSimTime(
  page: Page,
  us: number,
  options: { timeoutMs?: number } = {},
): Promise<number> {
  const handle = await page.waitForFunction(
    (target) => {
      const now = (window as HookWindow).__mmscope?.nowUs;
      // An object, because a clock of 0 would read as "not yet".
      return now !== undefined && now >= target ? { now } : false;
    },
    us,
    { polling: 50, timeout: options.timeoutMs },
  );
  const reached = (await handle.jsonValue()) as { now: number };
  return reached.now;
}

/** The engine's state hash as the page reports it. */
export async function stateHash(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const hook = (window as HookWindow).__mmscope;
    if (!hook) throw new Error('window.__mmscope is not installed');
    return hook.stateHash();
  });
}

/** Opens preset `id` from the toolbar's scenario menu, as a click on it does. */
export async function choosePreset(page: Page, id: string): Promise<void> {
  await page.getByTestId('scenario-menu').click();
  await page.getByTestId(`scenario-option-${id}`).click();
}
