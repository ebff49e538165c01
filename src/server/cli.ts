import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from './config';
import { configureSqlite } from './db/database';

/**
 * `db:backup [file]` makes a consistent online copy of the embedded database with SQLite's
 * backup API (safe while the app runs; a file copy of a live WAL database is not).
 * `db:restore file` replaces the database with a backup; stop the app first.
 */
async function main(): Promise<void> {
  const [cmd, arg] = process.argv.slice(2);
  const config = loadConfig();
  if (config.databaseUrl) {
    console.error('PostgreSQL: use pg_dump / pg_restore (see docs/operations.md).');
    process.exit(2);
  }
  const dbFile = path.join(config.dataDir, 'mutualis.db');
  if (cmd === 'backup') {
    const target = path.resolve(
      arg ?? path.join(config.dataDir, 'backups', `mutualis-${new Date().toISOString().replace(/[:.]/g, '-')}.db`),
    );
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!fs.existsSync(dbFile)) throw new Error(`No database at ${dbFile}`);
    const src = new BetterSqlite3(dbFile, { readonly: false });
    configureSqlite(src);
    await src.backup(target);
    src.close();
    const check = new BetterSqlite3(target, { readonly: true });
    const ok = check.pragma('integrity_check', { simple: true });
    check.close();
    if (ok !== 'ok') throw new Error(`Backup integrity check failed: ${String(ok)}`);
    console.log(JSON.stringify({ backup: target, bytes: fs.statSync(target).size }));
  } else if (cmd === 'restore') {
    if (!arg) throw new Error('usage: npm run db:restore -- <backup-file>');
    const from = path.resolve(arg);
    const check = new BetterSqlite3(from, { readonly: true });
    const ok = check.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new Error(`The backup is damaged: ${String(ok)}`);
    fs.mkdirSync(config.dataDir, { recursive: true });
    // Restore through the backup API into the live file, so WAL and -shm stay consistent.
    const dest = new BetterSqlite3(dbFile);
    configureSqlite(dest);
    dest.close();
    await check.backup(dbFile);
    check.close();
    console.log(JSON.stringify({ restored: dbFile, from }));
  } else {
    console.error('usage: cli.ts backup [file] | restore <file>');
    process.exit(2);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
