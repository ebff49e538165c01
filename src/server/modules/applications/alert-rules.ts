import type { z } from 'zod';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { scoped } from '../../db/scope';
import { invalid } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import type * as S from './schemas';
import { matchAlertApplication } from './alerts-repo';

/** A commune's label → application rules for monitoring alerts (beyond the `application` label). */

export async function listAlertRules(ctx: AppContext, actor: Actor, communeId: string) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'applications.read');
  const rows = await scoped(ctx.db, actor)
    .selectFrom('alertLabelRules as r')
    .innerJoin('applications as a', 'a.id', 'r.applicationId')
    .select(['r.label', 'r.value', 'r.applicationId', 'a.name as applicationName'])
    .where('r.communeId', '=', communeId)
    .orderBy('r.position')
    .execute();
  return { items: rows, total: rows.length };
}

export async function putAlertRules(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: z.infer<typeof S.alertRulesPut>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'applications.manage');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const s = scoped(trx, actor);
    const ids = [...new Set(input.rules.map((r) => r.applicationId))];
    const known = ids.length
      ? new Set(
          (
            await s
              .selectFrom('applications')
              .select('id')
              .where('communeId', '=', communeId)
              .where('id', 'in', ids)
              .execute()
          ).map((a) => a.id),
        )
      : new Set<string>();
    const seen = new Set<string>();
    input.rules.forEach((r, i) => {
      if (!known.has(r.applicationId))
        throw invalid(`rules.${i}.applicationId`, 'No such application in this commune.', 'unknown_reference');
      const key = `${r.label}\u0000${r.value}`;
      if (seen.has(key)) throw invalid(`rules.${i}.value`, 'This label and value already have a rule.', 'already_used');
      seen.add(key);
    });
    await s.deleteFrom('alertLabelRules').where('communeId', '=', communeId).execute();
    if (input.rules.length)
      await trx
        .insertInto('alertLabelRules')
        .values(
          input.rules.map((r, i) => ({
            id: newId(now.getTime()),
            communeId,
            label: r.label,
            value: r.value,
            applicationId: r.applicationId,
            position: i,
            createdAt: now.toISOString(),
          })),
        )
        .execute();
    await recordAudit(
      trx,
      actor,
      { action: 'alert_rules.put', targetType: 'alert_label_rules', communeId, changes: { rules: input.rules.length } },
      now,
    );
  });
  return listAlertRules(ctx, actor, communeId);
}

/**
 * Which application a label set maps to in this commune, and how (the `application` label by id
 * or name, or which rule): what the webhook would do with an alert carrying these labels.
 */
export async function testAlertRules(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: z.infer<typeof S.alertRuleTest>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'applications.read');
  const m = await matchAlertApplication(ctx.db, actor, input.labels, communeId);
  if (!m) return { matched: false, by: null, applicationId: null, applicationName: null, rule: null };
  return {
    matched: true,
    by: m.by,
    applicationId: m.app.id,
    applicationName: m.app.name,
    rule: m.by === 'rule' ? m.rule : null,
  };
}
