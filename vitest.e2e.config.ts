import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest browser files first (seconds on an idle 2-core machine, 2026-12): with two at a time,
 * longest-first keeps both workers busy to the end instead of one long file running alone last
 * (a clean CI clone has no timing cache, and vitest would otherwise order by file size).
 */
const seconds: Record<string, number> = {
  'navigation-provider.spec.ts': 50,
  'desk.spec.ts': 85,
  'fleet.spec.ts': 76,
  'foundation.spec.ts': 65,
  'navigation-communes.spec.ts': 33,
  'projects.spec.ts': 45,
  'applications.spec.ts': 36,
  'indicators.spec.ts': 35,
  'escalations.spec.ts': 32,
  'contracts.spec.ts': 32,
  'targets.spec.ts': 29,
  'portal.spec.ts': 25,
  'callcentre.spec.ts': 24,
  'calendars.spec.ts': 24,
  'mail.spec.ts': 9,
};

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // A new file without a figure yet: in the middle of the order.
    const weight = (f: TestSpecification) => seconds[path.basename(f.moduleId)] ?? 40;
    return [...files].sort((a, b) => weight(b) - weight(a));
  }
}

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
    sequence: { sequencer: LongestFirst },
  },
});
