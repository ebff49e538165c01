import type { Kysely } from 'kysely';

// Tickets name devices (ticket_devices, owned by the service desk, reading the fleet's devices);
// the renewal plan once approved by the commune is frozen into renewal_plans and its lines, then
// tracked line by line (ordered → delivered → deployed); the age/warranty renewal policy per kind
// of device is effective-dated per commune (renewal_policies). Dates are local dates YYYY-MM-DD,
// instants ISO-8601 UTC text, as everywhere.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_devices')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_devices_pk', ['ticket_id', 'device_id'])
    .execute();
  await db.schema.createIndex('ticket_devices_device_idx').on('ticket_devices').columns(['device_id']).execute();

  await db.schema
    .createTable('renewal_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('renewal_policies_commune_from_uq', ['commune_id', 'effective_from'])
    .execute();

  await db.schema
    .createTable('renewal_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('fleet', 'integer', (c) => c.notNull())
    .addColumn('share_per_year', 'double precision')
    .addColumn('annex_version_id', 'text')
    .addColumn('required', 'integer')
    .addColumn('estimated_cost', 'double precision', (c) => c.notNull())
    .addColumn('budget', 'double precision')
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addColumn('approved_by_id', 'text')
    .addColumn('approved_by_label', 'text', (c) => c.notNull())
    .addUniqueConstraint('renewal_plans_commune_year_uq', ['commune_id', 'year'])
    .execute();

  await db.schema
    .createTable('renewal_plan_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('renewal_plans.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('replacement_cost', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ordered_on', 'text')
    .addColumn('ordered_by', 'text')
    .addColumn('delivered_on', 'text')
    .addColumn('delivered_by', 'text')
    .addColumn('deployed_on', 'text')
    .addColumn('deployed_by', 'text')
    .addColumn('replacement_device_id', 'text', (c) => c.references('devices.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('renewal_plan_lines_plan_device_uq', ['plan_id', 'device_id'])
    .execute();
  await db.schema
    .createIndex('renewal_plan_lines_plan_idx')
    .on('renewal_plan_lines')
    .columns(['plan_id', 'rank'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('renewal_plan_lines').execute();
  await db.schema.dropTable('renewal_plans').execute();
  await db.schema.dropTable('renewal_policies').execute();
  await db.schema.dropTable('ticket_devices').execute();
}
