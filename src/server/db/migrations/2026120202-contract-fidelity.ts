// The contract as signed (issue "nothing invented"):
// - tickets record where their resolution target came from (contract, agreed, or the provider's
//   internal operating target) and whether a breached acknowledgement was ruled force majeure
//   (3.3.1 "sauf cas de force majeure"), who ruled it, when and why;
// - target proposals and their two-party approvals: a target the contract leaves "to be agreed",
//   measured from a baseline period and agreed by both sides from an effective date;
// - the provider's operating targets (objectifs de service internes), provider-wide or per commune,
//   effective-dated: the service desk's deadlines when no signed or agreed target exists;
// - amendments recorded after the fact (already signed on paper) say when they were recorded.
// The indicator aggregates now read tickets' type, target origin and force-majeure flag: the
// covering indexes gain them, the trend cache's triggers watch them, and the cache is emptied
// (its rows' shape changes).
// Schema builder where it can; triggers have no builder form.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

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
  'type',
  'resolve_target_origin',
  'force_majeure',
];
const OLD_WATCHED = WATCHED.slice(0, 12);

async function replaceUpdateTrigger(db: Kysely<any>, columns: string[]): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`DROP TRIGGER IF EXISTS tickets_indicator_versions_au`.execute(db);
    const pairs = [
      ['old.commune_id', 'old.created_at'],
      ['old.commune_id', 'old.resolved_at'],
      ['new.commune_id', 'new.created_at'],
      ['new.commune_id', 'new.resolved_at'],
    ];
    const bump = sql.raw(
      `INSERT INTO indicator_data_versions (commune_id, month, version) SELECT c, m, 1 FROM (${pairs.map(([c, t]) => `SELECT ${c} AS c, substr(${t}, 1, 7) AS m`).join(' UNION ')}) WHERE m IS NOT NULL ` +
        'ON CONFLICT (commune_id, month) DO UPDATE SET version = version + 1;',
    );
    const changed = sql.raw(columns.map((c) => `old.${c} IS NOT new.${c}`).join(' OR '));
    await sql`CREATE TRIGGER tickets_indicator_versions_au AFTER UPDATE ON tickets WHEN ${changed} BEGIN ${bump} END`.execute(
      db,
    );
    return;
  }
  await sql`DROP TRIGGER IF EXISTS tickets_indicator_versions_au ON tickets`.execute(db);
  const changed = sql.raw(columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR '));
  await sql`CREATE TRIGGER tickets_indicator_versions_au AFTER UPDATE ON tickets FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION indicator_data_versions_bump()`.execute(
    db,
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tickets')
    .addColumn('force_majeure', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('tickets').addColumn('force_majeure_reason', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('force_majeure_at', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('force_majeure_by', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('resolve_target_origin', 'text').execute();
  // Deadlines computed before this migration came from the annex in force.
  await db
    .updateTable('tickets')
    .set({ resolve_target_origin: 'contract' })
    .where('resolve_due_at', 'is not', null)
    .execute();

  await db.schema.dropIndex('tickets_indicators_created_idx').execute();
  await db.schema.dropIndex('tickets_indicators_resolved_idx').execute();
  await db.schema
    .createIndex('tickets_indicators_created_idx')
    .on('tickets')
    .columns([
      'commune_id',
      'created_at',
      'merged_into_id',
      'ack_breached',
      'ack_business_seconds',
      'force_majeure',
      'received_outside_hours',
      'channel',
      'subdomain',
      'category_id',
    ])
    .execute();
  await db.schema
    .createIndex('tickets_indicators_resolved_idx')
    .on('tickets')
    .columns([
      'commune_id',
      'resolved_at',
      'merged_into_id',
      'type',
      'priority',
      'resolve_target_origin',
      'resolve_breached',
      'resolve_business_seconds',
      'reopen_count',
      'first_contact_resolution',
      'satisfaction',
      'created_at',
      'closed_at',
    ])
    .execute();
  await replaceUpdateTrigger(db, WATCHED);
  await db.deleteFrom('indicator_trend_cache').execute();

  await db.schema
    .createTable('target_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('rule_kind', 'text', (c) => c.notNull())
    .addColumn('baseline_from', 'text', (c) => c.notNull())
    .addColumn('baseline_to', 'text', (c) => c.notNull())
    .addColumn('baseline', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('decision_ref', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('agreed_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('target_proposals_status_ck', sql`status in ('proposed', 'agreed', 'withdrawn')`)
    .execute();
  await db.schema
    .createIndex('target_proposals_commune_idx')
    .on('target_proposals')
    .columns(['commune_id', 'indicator_code', 'status', 'effective_from'])
    .execute();
  await db.schema
    .createTable('target_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('target_proposals.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('user_label', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('target_approvals_side_uq', ['proposal_id', 'side'])
    .addCheckConstraint('target_approvals_side_ck', sql`side in ('provider', 'commune')`)
    .execute();

  await db.schema
    .createTable('operating_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('commune_id', 'text', (c) => c.references('communes.id').onDelete('cascade'))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('operating_targets_scope_from_uq', ['scope_key', 'effective_from'])
    .execute();

  await db.schema.alterTable('amendments').addColumn('recorded_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('amendments').dropColumn('recorded_at').execute();
  await db.schema.dropTable('operating_targets').execute();
  await db.schema.dropTable('target_approvals').execute();
  await db.schema.dropTable('target_proposals').execute();
  await replaceUpdateTrigger(db, OLD_WATCHED);
  await db.deleteFrom('indicator_trend_cache').execute();
  await db.schema.dropIndex('tickets_indicators_created_idx').execute();
  await db.schema.dropIndex('tickets_indicators_resolved_idx').execute();
  await db.schema
    .createIndex('tickets_indicators_created_idx')
    .on('tickets')
    .columns([
      'commune_id',
      'created_at',
      'merged_into_id',
      'ack_breached',
      'ack_business_seconds',
      'received_outside_hours',
      'channel',
      'subdomain',
      'category_id',
    ])
    .execute();
  await db.schema
    .createIndex('tickets_indicators_resolved_idx')
    .on('tickets')
    .columns([
      'commune_id',
      'resolved_at',
      'merged_into_id',
      'priority',
      'resolve_breached',
      'resolve_business_seconds',
      'reopen_count',
      'first_contact_resolution',
      'satisfaction',
      'created_at',
      'closed_at',
    ])
    .execute();
  for (const c of [
    'resolve_target_origin',
    'force_majeure_by',
    'force_majeure_at',
    'force_majeure_reason',
    'force_majeure',
  ])
    await db.schema.alterTable('tickets').dropColumn(c).execute();
}
