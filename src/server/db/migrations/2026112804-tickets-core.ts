import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('support_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addUniqueConstraint('support_groups_code_uq', ['code'])
    .execute();
  await db.schema
    .createTable('support_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('support_group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('ticket_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label_fr', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('subdomain', 'text', (c) => c.notNull())
    .addColumn('default_type', 'text', (c) => c.notNull())
    .addColumn('default_group_id', 'text', (c) => c.references('support_groups.id').onDelete('set null'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('ticket_categories_code_uq', ['code'])
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('entity_id', 'text', (c) => c.references('entities.id').onDelete('set null'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('ticket_categories.id').onDelete('set null'))
    .addColumn('subdomain', 'text')
    .addColumn('requester_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('site', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.references('support_groups.id').onDelete('set null'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('referral_level', 'text', (c) => c.notNull().defaultTo('ordinary'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('acknowledge_due_at', 'text')
    .addColumn('resolve_due_at', 'text')
    .addColumn('calendar_id', 'text')
    .addColumn('calendar_version', 'integer')
    .addColumn('annex_version_id', 'text')
    .addColumn('paused_since', 'text')
    .addColumn('paused_business_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ack_business_seconds', 'integer')
    .addColumn('resolve_business_seconds', 'integer')
    .addColumn('ack_breached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolve_breached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_outside_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_contact_resolution', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('satisfaction', 'integer')
    .addColumn('merged_into_id', 'text', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('tickets_reference_uq', ['reference'])
    .execute();
  await db.schema
    .createIndex('tickets_commune_created_idx')
    .on('tickets')
    .columns(['commune_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('tickets_commune_status_idx')
    .on('tickets')
    .columns(['commune_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('tickets_commune_resolved_idx')
    .on('tickets')
    .columns(['commune_id', 'resolved_at'])
    .execute();
  await db.schema.createIndex('tickets_assignee_status_idx').on('tickets').columns(['assignee_id', 'status']).execute();
  await db.schema.createIndex('tickets_group_status_idx').on('tickets').columns(['group_id', 'status']).execute();
  await db.schema.createIndex('tickets_resolve_due_idx').on('tickets').columns(['status', 'resolve_due_at']).execute();

  await db.schema
    .createTable('ticket_pauses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createTable('ticket_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('ticket_history_ticket_idx').on('ticket_history').columns(['ticket_id', 'at']).execute();
  await db.schema
    .createIndex('ticket_pauses_ticket_idx')
    .on('ticket_pauses')
    .columns(['ticket_id', 'started_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'ticket_history',
    'ticket_pauses',
    'tickets',
    'ticket_categories',
    'support_group_members',
    'support_groups',
  ])
    await db.schema.dropTable(t).execute();
}
