import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildWebInto } from './build';

declare module 'vitest' {
  interface ProvidedContext {
    /** The web app built for this run (see build.ts). */
    e2eWebDir: string;
  }
}

/** Once per browser-test run: build the web app the test servers serve; remove it afterwards. */
export default function setup(project: TestProject): () => void {
  const dir = buildWebInto();
  project.provide('e2eWebDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
