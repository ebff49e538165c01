import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('measurement', 'text', (c) => c.notNull())
    .addColumn('frozen_by_id', 'text')
    .addColumn('frozen_by_label', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    // A snapshot is immutable: one per commune, indicator and period (a second freeze is a 409).
    .addUniqueConstraint('indicator_snapshots_uq', ['commune_id', 'period', 'code'])
    .execute();

  await db.schema
    .createTable('indicator_manual_values')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value_number', 'double precision')
    .addColumn('value_text', 'text')
    .addColumn('status', 'text')
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('entered_by_id', 'text')
    .addColumn('entered_by_label', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicator_manual_values_uq', ['commune_id', 'period', 'code'])
    .execute();

  await db.schema
    .createTable('indicator_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('manual_value_id', 'text', (c) =>
      c.notNull().references('indicator_manual_values.id').onDelete('cascade'),
    )
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data_base64', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_id', 'text')
    .addColumn('uploaded_by_label', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_evidence_value_idx')
    .on('indicator_evidence')
    .columns(['manual_value_id'])
    .execute();

  // Covering indexes: every indicator aggregate is an index-only range scan of one commune's
  // tickets by creation (3.3.1, 3.2.1, volumes) or by resolution (3.3.2, FCR, satisfaction,
  // backlog), never a visit of the table rows (bench:indicators, docs/benchmarks.md).
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
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_indicators_resolved_idx').execute();
  await db.schema.dropIndex('tickets_indicators_created_idx').execute();
  for (const t of ['indicator_evidence', 'indicator_manual_values', 'indicator_snapshots'])
    await db.schema.dropTable(t).execute();
}
