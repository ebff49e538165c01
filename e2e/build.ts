import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root. */
export const root = path.resolve(import.meta.dirname, '..');

function newest(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Builds the web app into dist/web when its sources (or vite.config.ts) are newer than the build,
 * as `npm start` does (scripts/start.mjs).
 */
export function buildWebIfStale(): void {
  const index = path.join(root, 'dist/web/index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(newest(path.join(root, 'web')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs);
  if (built >= sources) return;
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`The web build failed (exit ${r.status}).`);
}
