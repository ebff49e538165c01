import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from './index';

describe('migrations', () => {
  it('are listed in name order, which is the order they apply in', () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
  });

  it('list every migration file of the folder', () => {
    const files = fs
      .readdirSync(import.meta.dirname)
      .filter((f) => /^\d{10}[a-z]?-.+\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
    expect(path.basename(import.meta.dirname)).toBe('migrations');
  });
});
