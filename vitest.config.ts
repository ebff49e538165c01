import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // CPU-bound suites (type-aware lint rules, property tests) on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // Test files share a worker's module cache instead of re-importing the app per file (about a
    // third of the suite's time on 2 cores). Files must not leave module state behind: a test that
    // replaces a registry entry or a setting restores it (see indicators-providers.api.test.ts).
    isolate: false,
  },
});
