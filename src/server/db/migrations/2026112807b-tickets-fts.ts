import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Ticket search on SQLite through FTS5 (external-content index over tickets.search_text, kept in
// step by triggers): a LIKE '%word%' scan cost ~160 ms at 100,000 tickets. PostgreSQL already has
// its French full-text GIN index (2026112807-servicedesk). Virtual tables and triggers have no
// schema-builder form, hence raw SQL.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`CREATE VIRTUAL TABLE tickets_fts USING fts5(search_text, content='tickets', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`CREATE TRIGGER tickets_fts_ai AFTER INSERT ON tickets BEGIN INSERT INTO tickets_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER tickets_fts_ad AFTER DELETE ON tickets BEGIN INSERT INTO tickets_fts(tickets_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER tickets_fts_au AFTER UPDATE OF search_text ON tickets BEGIN INSERT INTO tickets_fts(tickets_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); INSERT INTO tickets_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END`.execute(
    db,
  );
  await sql`INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const t of ['tickets_fts_ai', 'tickets_fts_ad', 'tickets_fts_au'])
    await sql`DROP TRIGGER IF EXISTS ${sql.id(t)}`.execute(db);
  await sql`DROP TABLE IF EXISTS tickets_fts`.execute(db);
}
