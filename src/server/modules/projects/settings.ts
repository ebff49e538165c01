import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/schema';
import { authorize, type Actor } from '../../access/actor';
import { scoped, unscoped } from '../../db/scope';
import { forbidden, invalid, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { defaultPhases } from '../../../shared/projects';
import { phaseListSchema } from './schemas';

/**
 * The list of phases a new project starts with: the annex's sub-domain B list (études et
 * conseil, AMOA, cahier des charges, marchés, …) by default, configurable by the shared service.
 * A project keeps its own copy, edited on its page.
 */
const KEY = 'projects.phases';

/** The configured phase list, or the annex's when none was set. */
export async function readPhaseList(db: Executor): Promise<Array<{ key: string; label: string }>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (row) {
    const parsed = phaseListSchema.safeParse(JSON.parse(row.value));
    if (parsed.success) return parsed.data.phases;
  }
  return defaultPhases.map((p) => ({ key: p.key, label: p.label }));
}

/** GET /project-phases: anyone who reads projects. */
export async function getPhaseList(ctx: AppContext, actor: Actor) {
  authorize(actor, 'projects.read');
  return { phases: await readPhaseList(ctx.db) };
}

/** PUT /project-phases: the shared service's project managers (audited). */
export async function putPhaseList(ctx: AppContext, actor: Actor, input: z.infer<typeof phaseListSchema>) {
  authorize(actor, 'projects.manage');
  if (actor.communeId !== null) throw forbidden('Only the shared service changes its phase list.');
  const seen = new Set<string>();
  const problems: Array<{ field: string; message: string; code: 'already_used' }> = [];
  input.phases.forEach((p, i) => {
    if (seen.has(p.key))
      problems.push({ field: `phases.${i}.key`, message: 'This key appears twice.', code: 'already_used' });
    seen.add(p.key);
  });
  if (problems.length) throw invalid(problems);
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await readPhaseList(trx);
    const value = JSON.stringify({ phases: input.phases });
    await trx
      .insertInto('settings')
      .values({ key: KEY, value, updatedAt: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: at }))
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'project_phases.update',
        targetType: 'settings',
        targetId: KEY,
        changes: { before, after: input.phases },
      },
      now,
    );
  });
  return { phases: await readPhaseList(ctx.db) };
}

/**
 * Who may own a project, on each side: the active users of its commune, and the active members of
 * the provider staff (the same rule the changes are checked against).
 */
export async function ownerCandidates(ctx: AppContext, actor: Actor, projectId: string) {
  const p = await scoped(ctx.db, actor)
    .selectFrom('projects')
    .select(['id', 'communeId'])
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!p) throw notFound('project');
  authorize(actor, 'projects.manage');
  const db = unscoped(ctx.db, 'owners: the users of the commune in scope and the provider staff (in no commune)');
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'communeId'])
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('communeId', '=', p.communeId), eb('communeId', 'is', null)]))
    .orderBy('name')
    .execute();
  const person = (r: { id: string; name: string }) => ({ id: r.id, name: r.name });
  return {
    commune: rows.filter((r) => r.communeId === p.communeId).map(person),
    provider: rows.filter((r) => r.communeId === null).map(person),
  };
}
