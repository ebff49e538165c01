import type { Kysely } from 'kysely';

// Business applications of a commune, their history, the transferred-inventory baseline, and
// their outages (opened by hand or from monitoring alerts). Schema builder only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text')
    .addColumn('product', 'text')
    .addColumn('version', 'text')
    .addColumn('hosting', 'text', (c) => c.notNull())
    .addColumn('criticality', 'text', (c) => c.notNull())
    .addColumn('outage_calendar', 'text', (c) => c.notNull())
    .addColumn('commune_owner', 'text')
    .addColumn('provider_owner', 'text')
    .addColumn('maintenance_ends_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('in_service_since', 'text')
    .addColumn('retired_on', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reconstructed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('applications_commune_name_uq', ['commune_id', 'name_key'])
    .execute();
  await db.schema
    .createIndex('applications_commune_criticality_idx')
    .on('applications')
    .columns(['commune_id', 'criticality'])
    .execute();

  await db.schema
    .createTable('application_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_history_app_idx')
    .on('application_history')
    .columns(['application_id', 'at'])
    .execute();

  await db.schema
    .createTable('application_baselines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reconstructed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('application_baselines_commune_date_uq', ['commune_id', 'as_of'])
    .execute();
  await db.schema
    .createTable('application_baseline_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('baseline_id', 'text', (c) => c.notNull().references('application_baselines.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.references('applications.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .execute();
  await db.schema
    .createIndex('application_baseline_items_baseline_idx')
    .on('application_baseline_items')
    .columns(['baseline_id'])
    .execute();

  await db.schema
    .createTable('outages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('intervened_at', 'text')
    .addColumn('restored_at', 'text')
    .addColumn('cause', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('alert_key', 'text')
    .addColumn('alert_name', 'text')
    .addColumn('notifications', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_notified_at', 'text')
    .addColumn('reconstructed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('outages_commune_alert_uq', ['commune_id', 'alert_key'])
    .execute();
  await db.schema
    .createIndex('outages_commune_start_idx')
    .on('outages')
    .columns(['commune_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('outages_application_start_idx')
    .on('outages')
    .columns(['application_id', 'started_at'])
    .execute();
  await db.schema.createIndex('outages_ticket_idx').on('outages').columns(['ticket_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'outages',
    'application_baseline_items',
    'application_baselines',
    'application_history',
    'applications',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
