import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.references('communes.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One calendar per commune; provider calendars (null commune) are not constrained.
  await db.schema.createIndex('calendars_commune_uq').on('calendars').column('commune_id').unique().execute();

  await db.schema
    .createTable('calendar_versions')
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('commune_id', 'text', (c) => c.references('communes.id').onDelete('cascade'))
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('calendar_versions_pk', ['calendar_id', 'version'])
    .execute();

  await db.schema
    .createTable('oncall_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oncall_periods_commune_starts_idx')
    .on('oncall_periods')
    .columns(['commune_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('oncall_agents')
    .addColumn('period_id', 'text', (c) => c.notNull().references('oncall_periods.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('oncall_agents_pk', ['period_id', 'user_id'])
    .execute();
  await db.schema.createIndex('oncall_agents_user_idx').on('oncall_agents').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['oncall_agents', 'oncall_periods', 'calendar_versions', 'calendars'])
    await db.schema.dropTable(t).execute();
}
