import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('docs', () => {
  it('list every environment variable the server reads, and no other', () => {
    const used = new Set([...read('src/server/config.ts').matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]!));
    const table = read('docs/configuration.md').split('## ')[0]!;
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    const documented = new Set(rows.flatMap((r) => [...r.split('|')[1]!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!)));
    expect([...used].filter((v) => !documented.has(v))).toEqual([]);
    expect([...documented].filter((v) => !used.has(v))).toEqual([]);
  });

  it('keep the README to one page with the two commands', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    expect(readme.split(/\s+/).length).toBeLessThan(700);
  });

  it('link only to files that exist', () => {
    const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md'));
    for (const file of ['README.md', 'web/README.md', ...docs.map((f) => `docs/${f}`)]) {
      for (const m of read(file).matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        expect(fs.existsSync(path.join(root, path.dirname(file), target)), `${file} → ${target}`).toBe(true);
      }
    }
  });
});
