import type { Kysely } from 'kysely';

// The workstation fleet (modules/fleet): devices and their history. Dates of service are local
// dates (YYYY-MM-DD); the indicator 3.1.1 reads (commune_id, in_service_from, retired_on).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('entity_id', 'text', (c) => c.references('entities.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('serial', 'text')
    .addColumn('inventory_number', 'text')
    .addColumn('manufacturer', 'text')
    .addColumn('model', 'text')
    .addColumn('purchase_date', 'text')
    .addColumn('warranty_end', 'text')
    .addColumn('cost_cents', 'integer')
    .addColumn('site', 'text')
    .addColumn('assigned_to', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('in_service_from', 'text')
    .addColumn('retired_on', 'text')
    .addColumn('renewal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replaces_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('agent_device_id', 'text')
    .addColumn('hardware', 'text')
    .addColumn('last_inventory_at', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('devices_commune_service_idx')
    .on('devices')
    .columns(['commune_id', 'in_service_from', 'retired_on'])
    .execute();
  await db.schema.createIndex('devices_commune_serial_idx').on('devices').columns(['commune_id', 'serial']).execute();
  await db.schema
    .createIndex('devices_commune_inventory_idx')
    .on('devices')
    .columns(['commune_id', 'inventory_number'])
    .execute();
  await db.schema
    .createIndex('devices_commune_agent_idx')
    .on('devices')
    .columns(['commune_id', 'agent_device_id'])
    .execute();
  await db.schema
    .createTable('device_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_history_device_idx').on('device_history').columns(['device_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('device_history').execute();
  await db.schema.dropTable('devices').execute();
}
