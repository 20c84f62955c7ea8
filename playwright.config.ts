import { defineConfig } from '@playwright/test';

const CI = !!process.env.CI;
const PORT = 4173;

/**
 * e2e tests drive Debian's Chromium (e2e/ensure-chromium.mjs installs it); Playwright's own
 * browser download needs internet access, which the machines here do not have.
 * `npm run test:e2e` builds first: the server below only serves dist/.
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
    baseURL: `http://127.0.0.1:${PORT}`,
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
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !CI,
    timeout: 60_000,
  },
});
