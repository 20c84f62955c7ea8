// Makes sure the browser the e2e tests drive (Debian's chromium, see playwright.config.ts)
// is installed. Playwright's own download needs internet access, so it is not an option.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

if (process.getuid?.() !== 0) {
  console.error(
    `e2e: ${CHROMIUM} is missing; install it with: sudo apt-get install -y chromium (Debian/Ubuntu)`,
  );
  process.exit(1);
}

console.log(`e2e: ${CHROMIUM} is missing; installing Debian's chromium with apt-get`);
const apt = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
if (apt.status !== 0 || !existsSync(CHROMIUM)) {
  console.error(`e2e: installing chromium failed (apt-get exit status ${apt.status})`);
  process.exit(1);
}
