import { defineConfig } from '@playwright/test';

const CI = !!process.env.CI;
const PORT = 4173;
const DEV_PORT = 4174;

/**
 * e2e tests drive Debian's Chromium (e2e/ensure-chromium.mjs installs it); Playwright's own
 * browser download needs internet access, which the machines here do not have.
 * `npm run test:e2e` builds first: project `built` runs every spec against `vite preview` of
 * dist/. Project `dev-server` runs the Content-Security-Policy spec against `vite` itself,
 * whose HTML and styles differ from the build's.
 */
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  timeout: 60_000,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'built', use: { baseURL: `http://127.0.0.1:${PORT}` } },
    {
      name: 'dev-server',
      testMatch: 'csp.spec.ts',
      use: { baseURL: `http://127.0.0.1:${DEV_PORT}` },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: !CI,
      timeout: 60_000,
    },
    {
      command: `npx vite --host 127.0.0.1 --port ${DEV_PORT} --strictPort`,
      url: `http://127.0.0.1:${DEV_PORT}`,
      reuseExistingServer: !CI,
      timeout: 60_000,
    },
  ],
});
