import { defineConfig } from 'vitest/config';

// Browser tests (e2e/*.spec.ts): each file starts the real server and one Chromium; files run one
// after the other (2 CPU cores, one browser at a time).
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
