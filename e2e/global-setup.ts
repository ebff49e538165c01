import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildWebInto } from './build';
import { makeDemoTemplate } from './template';

declare module 'vitest' {
  interface ProvidedContext {
    /** The web app built for this run (see build.ts). */
    e2eWebDir: string;
    /** A data folder with the demo loaded, copied by each spec's server (see template.ts). */
    e2eTemplateDir: string;
  }
}

/** Once per browser-test run: build the web app the test servers serve, seed the demo once; remove both afterwards. */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = buildWebInto();
  project.provide('e2eWebDir', dir);
  const template = await makeDemoTemplate(dir);
  project.provide('e2eTemplateDir', template);
  return () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(template, { recursive: true, force: true });
  };
}
