import type { Kysely } from 'kysely';

// Ticket lists are sorted by creation date with the id as tie-breaker (stable pages). With the id
// in the index the database walks it in order and stops after one page, instead of sorting every
// row of equal date in a temporary B-tree. Replaces the (…, created_at) indexes, which these cover.
// Schema builder only; never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_created_idx').execute();
  await db.schema.dropIndex('tickets_commune_created_idx').execute();
  await db.schema.createIndex('tickets_created_id_idx').on('tickets').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('tickets_commune_created_id_idx')
    .on('tickets')
    .columns(['commune_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_created_id_idx').execute();
  await db.schema.dropIndex('tickets_commune_created_id_idx').execute();
  await db.schema.createIndex('tickets_created_idx').on('tickets').column('created_at').execute();
  await db.schema
    .createIndex('tickets_commune_created_idx')
    .on('tickets')
    .columns(['commune_id', 'created_at'])
    .execute();
}
