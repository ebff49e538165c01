import type { Kysely } from 'kysely';

// Per-commune rules mapping a monitoring alert's label value to an application (beyond the
// default `application` label). Schema builder only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_label_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alert_label_rules_uq', ['commune_id', 'label', 'value'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_label_rules').ifExists().execute();
}
