import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CamelCasePlugin,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
} from 'kysely';
import type { DB } from '../../db/schema';
import { ackAggregateQuery, backlogQuery, intakeQuery, percentilesQuery, resolveAggregateQuery } from './queries';

/**
 * The indicator SQL, compiled per dialect and compared with the reviewed files in `__sql__/`
 * (immich's `src/queries/*.sql`). After an intended change: `UPDATE_SQL=1 npx vitest run` this file.
 */
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '__sql__');

const dbs = {
  sqlite: new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
    plugins: [new CamelCasePlugin()],
  }),
  postgres: new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [new CamelCasePlugin()],
  }),
};

const C = '0190a1b2-0000-7000-8000-000000000001';
// Two previous quarters, then 2026-Q1 cut by an amendment on 1 February (Paris).
const bounds = [
  '2025-06-30T22:00:00.000Z',
  '2025-09-30T22:00:00.000Z',
  '2025-12-31T23:00:00.000Z',
  '2026-01-31T23:00:00.000Z',
  '2026-03-31T22:00:00.000Z',
];

const queries: Record<string, (db: Kysely<DB>) => { compile(): CompiledQuery }> = {
  'ack-aggregate': (db) => ackAggregateQuery(db, C, bounds),
  'resolve-aggregate': (db) => resolveAggregateQuery(db, C, bounds),
  'percentiles-ack': (db) => percentilesQuery(db, C, 'ack', bounds[2]!, bounds[4]!, new Map([['*', 41]])),
  'percentiles-resolve': (db) =>
    percentilesQuery(
      db,
      C,
      'resolve',
      bounds[2]!,
      bounds[4]!,
      new Map([
        ['P2', 12],
        ['P1', 3],
        ['P4', 0],
        ['P3', 20],
      ]),
    ),
  backlog: (db) => backlogQuery(db, C, bounds[4]!),
  intake: (db) => intakeQuery(db, C, bounds[2]!, bounds[4]!),
};

function render(q: CompiledQuery): string {
  return `-- parameters: ${JSON.stringify(q.parameters)}\n${q.sql}\n`;
}

describe('indicator SQL snapshots', () => {
  for (const [name, build] of Object.entries(queries)) {
    for (const [dialect, db] of Object.entries(dbs)) {
      it(`${name} [${dialect}] matches __sql__/${name}.${dialect}.sql`, () => {
        const file = path.join(dir, `${name}.${dialect}.sql`);
        const sql = render(build(db).compile());
        if (process.env.UPDATE_SQL === '1') {
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(file, sql);
        }
        expect(sql).toBe(fs.readFileSync(file, 'utf8'));
      });
    }
  }

  it('reads only by commune and an indexed time range (no full scan of other communes)', () => {
    for (const build of Object.values(queries)) {
      const q = build(dbs.postgres).compile();
      const m = /"commune_id" = \$(\d+)/.exec(q.sql);
      expect(m).not.toBeNull();
      expect(q.parameters[Number(m![1]) - 1]).toBe(C);
    }
  });
});
