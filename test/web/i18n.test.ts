import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

// Every capability's strings exist in French and English, and every literal key the web app
// uses exists (web/README.md, "Translations").
const dir = path.resolve(import.meta.dirname, '../../web/src/i18n');
const src = path.resolve(import.meta.dirname, '../../web/src');

function flatKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => flatKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** Namespace → language → flat keys (plural suffixes kept). */
function catalogues(): Map<string, Record<'fr' | 'en', Set<string>>> {
  const out = new Map<string, Record<'fr' | 'en', Set<string>>>();
  for (const file of fs.readdirSync(dir)) {
    const m = /^(?:([\w-]+)\.)?(fr|en)\.json$/.exec(file);
    if (!m) continue;
    const ns = m[1] ?? 'common';
    const entry = out.get(ns) ?? { fr: new Set<string>(), en: new Set<string>() };
    for (const k of flatKeys(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))))
      entry[m[2] as 'fr' | 'en'].add(k);
    out.set(ns, entry);
  }
  return out;
}

function sourceFiles(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const cats = catalogues();

describe('translations', () => {
  for (const [ns, { fr, en }] of cats) {
    test(`namespace "${ns}" has the same keys in French and English`, () => {
      expect(
        [...fr].filter((k) => !en.has(k)),
        'missing in English',
      ).toEqual([]);
      expect(
        [...en].filter((k) => !fr.has(k)),
        'missing in French',
      ).toEqual([]);
    });
  }

  test('every literal key used by the shell and the administration exists', () => {
    const missing: string[] = [];
    const files = sourceFiles(src).filter((f) => !/features\/(?!admin|home|communes)/.test(path.relative(src, f)));
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([\w.:-]+)'/g)) {
        const [ns, key] = m[1]!.includes(':') ? (m[1]!.split(':') as [string, string]) : ['common', m[1]!];
        const cat = cats.get(ns);
        const has = (set: Set<string>) => set.has(key) || set.has(`${key}_one`) || set.has(`${key}_other`);
        if (!cat || !has(cat.fr) || !has(cat.en)) missing.push(`${path.relative(src, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('every navigation entry has its label in both languages', () => {
    const nav = fs.readFileSync(path.join(src, 'nav.ts'), 'utf8');
    const missing = [...nav.matchAll(/labelKey: '([\w.:-]+)'/g)]
      .map((m) => m[1]!)
      .filter((k) => {
        const [ns, key] = k.includes(':') ? (k.split(':') as [string, string]) : ['common', k];
        const cat = cats.get(ns);
        return !cat || !cat.fr.has(key) || !cat.en.has(key);
      });
    expect(missing).toEqual([]);
  });
});
