import { defineConfig } from 'vitest/config';

// Browser tests (e2e/*.spec.ts): each file starts its own server (own data folder, free port) and
// one Chromium, so files are independent: two run at a time, which keeps CI under 30 minutes as the
// suite grows (on 2 cores, one file's server idles while the other's browser works).
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
  },
});
