import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';

const cli = (args: string[], dataDir: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });

describe('embedded database durability and backups', () => {
  it('opens SQLite in WAL mode with synchronous=FULL and foreign keys on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-pragmas-'));
    const d = openDatabase({ databaseUrl: null, dataDir: dir });
    expect(d.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(d.sqlite!.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(d.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(d.sqlite!.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    d.sqlite!.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up a live database online and restores it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-backup-'));
    const d = openDatabase({ databaseUrl: null, dataDir: dir });
    await migrateToLatest(d);
    const now = new Date().toISOString();
    await d.db
      .insertInto('communes')
      .values({ id: 'c1', name: 'Le Bouscat', slug: 'le-bouscat', inseeCode: null, createdAt: now, updatedAt: now })
      .execute();
    // The app keeps its connection open (live database, WAL not checkpointed) during the backup.
    const file = path.join(dir, 'copy.db');
    const out = JSON.parse(cli(['backup', file], dir).trim().split('\n').pop()!);
    expect(out.backup).toBe(file);
    const copy = new BetterSqlite3(file, { readonly: true });
    expect(copy.prepare('select name from communes').all()).toEqual([{ name: 'Le Bouscat' }]);
    copy.close();
    await d.db.deleteFrom('communes').execute();
    await d.db.destroy();
    cli(['restore', file], dir);
    const restored = new BetterSqlite3(path.join(dir, 'mutualis.db'), { readonly: true });
    expect(restored.prepare('select name from communes').all()).toEqual([{ name: 'Le Bouscat' }]);
    restored.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to restore a file that is not a sound database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-restore-'));
    const bad = path.join(dir, 'bad.db');
    fs.writeFileSync(bad, 'not a database');
    expect(() => cli(['restore', bad], dir)).toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
