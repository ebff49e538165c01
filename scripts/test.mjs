// `npm test`: the whole suite (unit + HTTP) on SQLite, and on PostgreSQL too when
// TEST_DATABASE_URL is set; then the browser tests when Chromium is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (args, env = {}) =>
  spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const vitest = 'node_modules/vitest/vitest.mjs';

let status = run([vitest, 'run']);
if (status !== 0) process.exit(status);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (fs.existsSync(chromium)) {
  status = run([vitest, 'run', '--config', 'vitest.e2e.config.ts']);
} else if (process.env.CI) {
  console.error(`Browser tests cannot run: no Chromium at ${chromium}; CI must run them (.ci/run installs it).`);
  status = 1;
} else {
  console.log(`Skipped: browser tests — no Chromium at ${chromium} (apt-get install -y chromium; CI installs it).`);
}
process.exit(status);
