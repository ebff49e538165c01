import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize, can } from '../../access/actor';
import type { Executor } from '../../db/schema';
import { scoped } from '../../db/scope';
import { forbidden, invalid } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { localToday } from './service';
import { shareInForce } from './plan-service';
import { findPolicyAt, insertPolicy, parseRules, policyVersions, updatePolicy } from './plan-repo';
import { defaultRules, rulesAt, versionAt } from './renewal-policy';
import { presentPolicy } from './plan-present';
import type { PolicyPut, PolicyView } from './plan-schemas';

/** Who sets a commune's renewal policy: the commune (fleet.approve) or those who manage its fleet (fleet.manage). */
export function mayEditPolicy(actor: Actor): boolean {
  return can(actor, 'fleet.approve') || can(actor, 'fleet.manage');
}

async function view(db: Executor, actor: Actor, communeId: string, today: string): Promise<PolicyView> {
  const rows = await policyVersions(db, communeId);
  const versions = rows.map((r) => ({ ...r, rules: parseRules(r) }));
  const current = versionAt(versions, today);
  const share = await shareInForce(db, communeId, today);
  const full = (date: string) => rulesAt(versions, date);
  return {
    communeId,
    current: presentPolicy(current ?? null, full(today)),
    upcoming: rows
      .filter((r) => r.effectiveFrom > today)
      .reverse()
      .map((r) => presentPolicy(r, full(r.effectiveFrom))),
    versions: rows.map((r) => presentPolicy(r, full(r.effectiveFrom))),
    defaults: defaultRules(),
    share: share ?? null,
    abilities: { canEdit: mayEditPolicy(actor) },
  };
}

export async function getRenewalPolicy(ctx: AppContext, actor: Actor, communeId: string): Promise<PolicyView> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'fleet.read');
  return view(ctx.db, actor, communeId, localToday(ctx.now()));
}

/**
 * Sets the version of the commune's age/warranty policy that applies from `effectiveFrom`
 * (today or later: plans already drawn keep the policy of their day; an approved plan froze
 * its own). A version on the same day is replaced. Audited with the rules before and after.
 */
export async function putRenewalPolicy(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  body: PolicyPut,
): Promise<PolicyView> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'fleet.read');
  if (!mayEditPolicy(actor)) throw forbidden('Missing permission fleet.approve or fleet.manage.');
  const now = ctx.now();
  const today = localToday(now);
  if (body.effectiveFrom < today)
    throw invalid('effectiveFrom', 'A policy applies from today or a later day, never in the past.', 'too_small');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findPolicyAt(trx, communeId, body.effectiveFrom);
    const rules = JSON.stringify(body.rules);
    if (before)
      await updatePolicy(trx, before.id, {
        rules,
        note: body.note ?? null,
        createdByLabel: actor.label,
        createdAt: now.toISOString(),
      });
    else
      await insertPolicy(trx, {
        id: newId(now.getTime()),
        communeId,
        effectiveFrom: body.effectiveFrom,
        rules,
        note: body.note ?? null,
        createdByLabel: actor.label,
        createdAt: now.toISOString(),
      });
    await recordAudit(
      trx,
      actor,
      {
        action: 'renewal_policy.set',
        targetType: 'renewal_policy',
        targetId: before?.id ?? null,
        communeId,
        changes: {
          effectiveFrom: body.effectiveFrom,
          rules: [before ? parseRules(before) : null, body.rules],
          note: body.note ?? null,
        },
      },
      now,
    );
    return view(trx, actor, communeId, today);
  });
}
