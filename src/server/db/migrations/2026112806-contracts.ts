import { sql, type Kysely } from 'kysely';

// Commitment contracts, their amendments and their effective-dated annex versions.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contracts_commune_idx')
    .on('contracts')
    .columns(['commune_id', 'effective_from'])
    .execute();

  await db.schema
    .createTable('amendments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('effective_from', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('amendments_contract_number_uq', ['contract_id', 'number'])
    .addCheckConstraint('amendments_status_ck', sql`status in ('draft', 'signed')`)
    .execute();
  await db.schema.createIndex('amendments_commune_idx').on('amendments').columns(['commune_id', 'number']).execute();

  await db.schema
    .createTable('annex_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('domain_title', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text')
    .addColumn('amendment_id', 'text', (c) => c.references('amendments.id').onDelete('set null'))
    .addColumn('signed_at', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annex_versions_contract_domain_version_uq', ['contract_id', 'domain', 'version'])
    .addCheckConstraint('annex_versions_status_ck', sql`status in ('draft', 'signed')`)
    .execute();
  await db.schema
    .createIndex('annex_versions_lookup_idx')
    .on('annex_versions')
    .columns(['commune_id', 'domain', 'status', 'effective_from'])
    .execute();
  await db.schema.createIndex('annex_versions_amendment_idx').on('annex_versions').column('amendment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('annex_versions').execute();
  await db.schema.dropTable('amendments').execute();
  await db.schema.dropTable('contracts').execute();
}
