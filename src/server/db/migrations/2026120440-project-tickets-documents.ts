import type { Kysely } from 'kysely';

// A project's linked tickets (ticket ↔ project, both of the same commune) and its documents (files
// stored like ticket attachments: content-addressed under DATA_DIR/attachments).
// Schema builder only; never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_tickets')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('linked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_tickets_pk', ['project_id', 'ticket_id'])
    .execute();
  await db.schema.createIndex('project_tickets_ticket_idx').on('project_tickets').column('ticket_id').execute();
  await db.schema.createIndex('project_tickets_commune_idx').on('project_tickets').column('commune_id').execute();

  await db.schema
    .createTable('project_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_documents_project_idx')
    .on('project_documents')
    .columns(['project_id', 'created_at'])
    .execute();
  await db.schema.createIndex('project_documents_sha_idx').on('project_documents').column('sha256').execute();
  await db.schema.createIndex('project_documents_commune_idx').on('project_documents').column('commune_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_documents').execute();
  await db.schema.dropTable('project_tickets').execute();
}
