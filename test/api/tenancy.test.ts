import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase } from '../harness';
import { migrateToLatest } from '../../src/server/db/migrate';
import type { Database } from '../../src/server/db/database';
import { communeWideTables, tenantColumn } from '../../src/server/db/scope';
import { tenantTables } from '../../eslint/tenant-tables.js';

// Commune isolation you can check: every table that holds a commune is declared, either as a
// tenant table (queried through scoped(), checked by the lint rule) or, with its reason, as a
// table whose commune column only labels a row.
describe('tenant tables', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase('sqlite'));
    await migrateToLatest(database);
  });
  afterAll(async () => {
    await drop();
  });

  const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

  it('declares every table with a commune column, tenant or commune-wide', async () => {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
      database.db,
    );
    const withCommune: string[] = [];
    for (const { name } of tables.rows) {
      const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(database.db);
      if (cols.rows.some((c) => c.name === 'commune_id')) withCommune.push(camel(name));
    }
    const declared = new Set([...Object.keys(tenantColumn), ...Object.keys(communeWideTables)]);
    expect(withCommune.filter((t) => !declared.has(t))).toEqual([]);
    expect(withCommune.length).toBeGreaterThan(10);
  });

  it('gives the lint rule the same list of tenant tables as the scope', () => {
    expect([...tenantTables].sort()).toEqual(Object.keys(tenantColumn).sort());
  });
});
