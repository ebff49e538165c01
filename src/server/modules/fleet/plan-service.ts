import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize } from '../../access/actor';
import { scoped } from '../../db/scope';
import { annexInForce } from '../contracts';
import { devicesOfCommune } from './repo';
import { localToday } from './service';
import { renewalPlan } from './plan';
import type { PlanQuery, PlanView } from './schemas';

/** The share to renew per year from the contract in force on that day (any indicator of rule kind fleet_renewal_share). */
async function shareInForce(ctx: AppContext, communeId: string, date: string) {
  const annex = await annexInForce(ctx.db, communeId, date);
  for (const c of annex?.commitments ?? [])
    for (const i of c.indicators) {
      const rule = i.rule as { kind?: string; sharePerYear?: unknown } | null;
      if (rule?.kind === 'fleet_renewal_share' && typeof rule.sharePerYear === 'number')
        return {
          sharePerYear: rule.sharePerYear,
          indicatorCode: i.code,
          annexVersionId: annex!.id,
          version: annex!.version,
        };
    }
  return undefined;
}

export async function getRenewalPlan(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: PlanQuery,
): Promise<PlanView> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'fleet.read');
  const today = localToday(ctx.now());
  const year = q.year ?? Number(today.slice(0, 4)) + 1;
  const share = (await shareInForce(ctx, communeId, `${year}-01-01`)) ?? (await shareInForce(ctx, communeId, today));
  const devices = await devicesOfCommune(ctx.db, communeId);
  const plan = renewalPlan({
    devices,
    year,
    today,
    sharePerYear: share?.sharePerYear ?? null,
    budget: q.budget ?? null,
  });
  return {
    communeId,
    ...plan,
    shareSource: share
      ? { indicatorCode: share.indicatorCode, annexVersionId: share.annexVersionId, version: share.version }
      : null,
    total: plan.items.length,
    items: plan.items.slice(0, q.limit),
  };
}
