import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository root. */
export const root = path.resolve(import.meta.dirname, '..');

/**
 * Builds the web app into a private, fresh folder for one browser-test run. The shared dist/web
 * is not used: another `npm start` or test run may rebuild it while this run's server serves
 * it (its file list is read at start, so new hashed assets would be missing).
 */
export function buildWebInto(outDir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-e2e-web-'))): string {
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--logLevel',
      'warn',
      '--outDir',
      outDir,
      '--emptyOutDir',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`The web build failed (exit ${r.status}).`);
  return outDir;
}
