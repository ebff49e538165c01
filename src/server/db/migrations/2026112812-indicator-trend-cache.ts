import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Indicator trends of closed periods, cached (indicators/trend-cache.ts). Correctness rests on
// `indicator_data_versions`: one counter per commune and UTC month ('YYYY-MM', the first seven
// characters of the ISO instants), bumped by database triggers on every ticket insert and delete,
// and on every update that changes a column the cached aggregates read — whatever code (or raw
// SQL) writes the ticket. A change bumps the months of the ticket's creation and resolution,
// before and after. A cached bucket records the sum of the versions of the months it overlaps,
// read before its aggregate was computed; it is served only while that sum is unchanged.
// Keep WATCHED in step with the columns read by ackAggregateQuery/resolveAggregateQuery (tested
// by test/api/indicators-trend-cache.api.test.ts).
// No foreign keys: the triggers also fire while a commune's tickets are deleted by cascade.
// Schema builder where it can; triggers and the PL/pgSQL function have no builder form.
const WATCHED = [
  'commune_id',
  'created_at',
  'resolved_at',
  'merged_into_id',
  'ack_breached',
  'ack_business_seconds',
  'priority',
  'resolve_breached',
  'resolve_business_seconds',
  'reopen_count',
  'first_contact_resolution',
  'satisfaction',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_data_versions')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_data_versions_pk', ['commune_id', 'month'])
    .execute();
  await db.schema
    .createTable('indicator_trend_cache')
    .addColumn('commune_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_utc', 'text', (c) => c.notNull())
    .addColumn('to_utc', 'text', (c) => c.notNull())
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_trend_cache_pk', ['commune_id', 'kind', 'from_utc', 'to_utc'])
    .execute();

  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const bump = (pairs: Array<[string, string]>) =>
      sql.raw(
        `INSERT INTO indicator_data_versions (commune_id, month, version) SELECT c, m, 1 FROM (${pairs.map(([c, t]) => `SELECT ${c} AS c, substr(${t}, 1, 7) AS m`).join(' UNION ')}) WHERE m IS NOT NULL ` +
          'ON CONFLICT (commune_id, month) DO UPDATE SET version = version + 1;',
      );
    const changed = sql.raw(WATCHED.map((c) => `old.${c} IS NOT new.${c}`).join(' OR '));
    await sql`CREATE TRIGGER tickets_indicator_versions_ai AFTER INSERT ON tickets BEGIN ${bump([
      ['new.commune_id', 'new.created_at'],
      ['new.commune_id', 'new.resolved_at'],
    ])} END`.execute(db);
    await sql`CREATE TRIGGER tickets_indicator_versions_ad AFTER DELETE ON tickets BEGIN ${bump([
      ['old.commune_id', 'old.created_at'],
      ['old.commune_id', 'old.resolved_at'],
    ])} END`.execute(db);
    await sql`CREATE TRIGGER tickets_indicator_versions_au AFTER UPDATE ON tickets WHEN ${changed} BEGIN ${bump([
      ['old.commune_id', 'old.created_at'],
      ['old.commune_id', 'old.resolved_at'],
      ['new.commune_id', 'new.created_at'],
      ['new.commune_id', 'new.resolved_at'],
    ])} END`.execute(db);
    return;
  }
  // PostgreSQL: one function for the three triggers; the months are upserted in (commune, month)
  // order, so that two transactions never take the counters' row locks in opposite orders.
  await sql`CREATE FUNCTION indicator_data_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cs text[] := '{}';
  ms text[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    cs := cs || ARRAY[OLD.commune_id, OLD.commune_id];
    ms := ms || ARRAY[substr(OLD.created_at, 1, 7), substr(OLD.resolved_at, 1, 7)];
  END IF;
  IF TG_OP <> 'DELETE' THEN
    cs := cs || ARRAY[NEW.commune_id, NEW.commune_id];
    ms := ms || ARRAY[substr(NEW.created_at, 1, 7), substr(NEW.resolved_at, 1, 7)];
  END IF;
  INSERT INTO indicator_data_versions (commune_id, month, version)
    SELECT DISTINCT u.c, u.m, 1 FROM unnest(cs, ms) AS u(c, m) WHERE u.m IS NOT NULL ORDER BY u.c, u.m
    ON CONFLICT (commune_id, month) DO UPDATE SET version = indicator_data_versions.version + 1;
  RETURN NULL;
END
$$`.execute(db);
  const changed = sql.raw(WATCHED.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR '));
  await sql`CREATE TRIGGER tickets_indicator_versions_ai AFTER INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION indicator_data_versions_bump()`.execute(
    db,
  );
  await sql`CREATE TRIGGER tickets_indicator_versions_ad AFTER DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION indicator_data_versions_bump()`.execute(
    db,
  );
  await sql`CREATE TRIGGER tickets_indicator_versions_au AFTER UPDATE ON tickets FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION indicator_data_versions_bump()`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const t of ['tickets_indicator_versions_ai', 'tickets_indicator_versions_ad', 'tickets_indicator_versions_au']) {
    await (
      sqlite ? sql`DROP TRIGGER IF EXISTS ${sql.id(t)}` : sql`DROP TRIGGER IF EXISTS ${sql.id(t)} ON tickets`
    ).execute(db);
  }
  if (!sqlite) await sql`DROP FUNCTION IF EXISTS indicator_data_versions_bump()`.execute(db);
  await db.schema.dropTable('indicator_trend_cache').execute();
  await db.schema.dropTable('indicator_data_versions').execute();
}
