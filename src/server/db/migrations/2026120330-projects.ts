import { sql, type Kysely } from 'kysely';

// The commune's digital plan (versions, schedule) and its projects (planned load, time entries).
// Schema builder only; never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digital_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('digital_plans_commune_idx').on('digital_plans').column('commune_id').execute();

  await db.schema
    .createTable('digital_plan_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('digital_plans.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('start_year', 'integer', (c) => c.notNull())
    .addColumn('end_year', 'integer', (c) => c.notNull())
    .addColumn('approved_on', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('committee', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('digital_plan_versions_plan_version_uq', ['plan_id', 'version'])
    .addCheckConstraint('digital_plan_versions_years_ck', sql`start_year <= end_year`)
    .execute();
  await db.schema
    .createIndex('digital_plan_versions_commune_idx')
    .on('digital_plan_versions')
    .columns(['commune_id', 'approved_on'])
    .execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('planned_year', 'integer')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('planned_start', 'text')
    .addColumn('planned_go_live', 'text')
    .addColumn('go_live_on', 'text')
    .addColumn('commune_owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('provider_owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('phases', 'text', (c) => c.notNull())
    .addColumn('milestones', 'text', (c) => c.notNull())
    .addColumn('risks', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('projects_kind_ck', sql`kind in ('commune', 'collective', 'metropolitan')`)
    .addCheckConstraint(
      'projects_status_ck',
      sql`status in ('proposed', 'planned', 'in_progress', 'on_hold', 'delivered', 'dropped')`,
    )
    .execute();
  await db.schema
    .createIndex('projects_commune_year_idx')
    .on('projects')
    .columns(['commune_id', 'planned_year'])
    .execute();

  await db.schema
    .createTable('digital_plan_schedule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('digital_plan_versions.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addUniqueConstraint('digital_plan_schedule_version_project_uq', ['version_id', 'project_id'])
    .execute();
  await db.schema
    .createIndex('digital_plan_schedule_version_year_idx')
    .on('digital_plan_schedule')
    .columns(['version_id', 'year'])
    .execute();

  await db.schema
    .createTable('project_planned_load')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('days', 'double precision', (c) => c.notNull())
    .addUniqueConstraint('project_planned_load_uq', ['project_id', 'month', 'team'])
    .execute();
  await db.schema
    .createIndex('project_planned_load_month_idx')
    .on('project_planned_load')
    .columns(['month', 'commune_id'])
    .execute();

  await db.schema
    .createTable('project_time_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('total_days', 'double precision', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('project_time_entries_status_ck', sql`status in ('submitted', 'approved', 'rejected')`)
    .execute();
  await db.schema
    .createIndex('project_time_entries_project_idx')
    .on('project_time_entries')
    .columns(['project_id', 'week_start', 'user_id'])
    .execute();

  await db.schema
    .createTable('project_time_days')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('project_time_entries.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('work_date', 'text', (c) => c.notNull())
    .addColumn('days', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  // Covering index of the workload and 2.1.1 sums (status, period, commune → team, days).
  await db.schema
    .createIndex('project_time_days_sum_idx')
    .on('project_time_days')
    .columns(['status', 'work_date', 'commune_id', 'team', 'days'])
    .execute();
  await db.schema.createIndex('project_time_days_entry_idx').on('project_time_days').column('entry_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'project_time_days',
    'project_time_entries',
    'project_planned_load',
    'digital_plan_schedule',
    'projects',
    'digital_plan_versions',
    'digital_plans',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
