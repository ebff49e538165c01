import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize, can } from '../../access/actor';
import type { Executor } from '../../db/schema';
import { scoped } from '../../db/scope';
import { isUniqueViolation } from '../../db/dialect';
import { AppError, invalid } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { annexInForce } from '../contracts';
import { incidentCountsByDevice } from '../tickets';
import { devicesOfCommune } from './repo';
import { localToday } from './service';
import { renewalPlan } from './plan';
import { findPlan, insertPlan, linesOf, parseRules, policyVersions, type LineRow, type PlanRow } from './plan-repo';
import { policyDateOf, rulesAt, versionAt, type PolicyRules } from './renewal-policy';
import { presentLine, presentPolicy } from './plan-present';
import type { ApproveBody, RenewalPlanView } from './plan-schemas';
import type { PlanQuery } from './schemas';

/** The share to renew per year from the contract in force on that day (any indicator of rule kind fleet_renewal_share). */
export async function shareInForce(db: Executor, communeId: string, date: string) {
  const annex = await annexInForce(db, communeId, date);
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

/** The plan of a year as computed now: share in force, the policy at plan time, incidents per device. */
async function computePlan(ctx: AppContext, db: Executor, communeId: string, year: number, budget: number | null) {
  const today = localToday(ctx.now());
  const share = (await shareInForce(db, communeId, `${year}-01-01`)) ?? (await shareInForce(db, communeId, today));
  const versions = (await policyVersions(db, communeId)).map((v) => ({ ...v, rules: parseRules(v) }));
  const policyDate = policyDateOf(year, today);
  const rules: PolicyRules = rulesAt(versions, policyDate);
  const version = versionAt(versions, policyDate);
  const [devices, incidents] = await Promise.all([
    devicesOfCommune(db, communeId),
    incidentCountsByDevice(db, communeId, `${year}-01-01T00:00:00.000Z`),
  ]);
  const plan = renewalPlan({
    devices,
    year,
    today,
    sharePerYear: share?.sharePerYear ?? null,
    budget,
    incidents,
    rules,
  });
  return { plan, share, rules, version, today };
}

function approvalOf(p: PlanRow, lines: readonly Pick<LineRow, 'status'>[]): NonNullable<RenewalPlanView['approval']> {
  const count = (s: string) => lines.filter((l) => l.status === s).length;
  const policy = JSON.parse(p.policy) as { effectiveFrom: string | null };
  return {
    id: p.id,
    year: Number(p.year),
    approvedAt: p.approvedAt,
    approvedBy: p.approvedByLabel,
    fleet: Number(p.fleet),
    sharePerYear: p.sharePerYear === null ? null : Number(p.sharePerYear),
    required: p.required === null ? null : Number(p.required),
    estimatedCost: Number(p.estimatedCost),
    budget: p.budget === null ? null : Number(p.budget),
    policyEffectiveFrom: policy.effectiveFrom,
    progress: {
      planned: count('planned'),
      ordered: count('ordered'),
      delivered: count('delivered'),
      deployed: count('deployed'),
    },
  };
}

/** The renewal plan of a year, with its approval and tracked lines once approved. */
async function planView(
  ctx: AppContext,
  db: Executor,
  actor: Actor,
  communeId: string,
  q: { year: number; budget: number | null; limit: number },
): Promise<RenewalPlanView> {
  const { plan, share, rules, version, today } = await computePlan(ctx, db, communeId, q.year, q.budget);
  const approved = await findPlan(db, communeId, q.year);
  const lines = approved ? await linesOf(db, communeId, approved.id) : [];
  const thisYear = Number(today.slice(0, 4));
  return {
    communeId,
    ...plan,
    shareSource: share
      ? { indicatorCode: share.indicatorCode, annexVersionId: share.annexVersionId, version: share.version }
      : null,
    total: plan.items.length,
    items: plan.items.slice(0, q.limit),
    policy: presentPolicy(version ?? null, rules),
    approval: approved ? approvalOf(approved, lines) : null,
    lines: lines.map(presentLine),
    abilities: {
      canApprove: can(actor, 'fleet.approve') && !approved && q.year >= thisYear && (plan.required ?? 0) > 0,
      canTrack: can(actor, 'fleet.manage') && Boolean(approved),
    },
  };
}

export async function getRenewalPlan(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: PlanQuery,
): Promise<RenewalPlanView> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'fleet.read');
  const year = q.year ?? Number(localToday(ctx.now()).slice(0, 4)) + 1;
  return planView(ctx, ctx.db, actor, communeId, { year, budget: q.budget ?? null, limit: q.limit });
}

/**
 * The commune approves the plan of a year (this year or a later one): the devices the share
 * selects are frozen into lines to track, with the share, the cost and the policy of the day;
 * audited. A year is approved once (409 renewal_plan_approved, even when two approvals race: the
 * unique key decides); a plan that selects nothing cannot be approved (409 renewal_plan_empty).
 */
export async function approveRenewalPlan(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  body: ApproveBody,
): Promise<RenewalPlanView> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'fleet.approve');
  const now = ctx.now();
  const today = localToday(now);
  if (body.year < Number(today.slice(0, 4)))
    throw invalid('year', 'A past year’s plan cannot be approved any more.', 'too_small');
  const budget = body.budget ?? null;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (await findPlan(trx, communeId, body.year)) throw new AppError('renewal_plan_approved');
      const { plan, share, version } = await computePlan(ctx, trx, communeId, body.year, budget);
      const selected = plan.items.filter((i) => i.selected);
      if (!selected.length) throw new AppError('renewal_plan_empty');
      const at = now.toISOString();
      const row: PlanRow = {
        id: newId(now.getTime()),
        communeId,
        year: body.year,
        fleet: plan.fleet,
        sharePerYear: plan.sharePerYear,
        annexVersionId: share?.annexVersionId ?? null,
        required: plan.required,
        estimatedCost: plan.estimatedCost,
        budget,
        policy: JSON.stringify({ effectiveFrom: version?.effectiveFrom ?? null, rules: version?.rules ?? null }),
        approvedAt: at,
        approvedById: actor.kind === 'user' ? actor.id : null,
        approvedByLabel: actor.label,
      };
      const lines: LineRow[] = selected.map((i) => ({
        id: newId(now.getTime()),
        planId: row.id,
        communeId,
        rank: i.rank,
        deviceId: i.device.id,
        kind: i.device.kind,
        label: i.device.name ?? i.device.inventoryNumber ?? i.device.serial ?? i.device.kind,
        replacementCost: i.replacementCost,
        status: 'planned',
        orderedOn: null,
        orderedBy: null,
        deliveredOn: null,
        deliveredBy: null,
        deployedOn: null,
        deployedBy: null,
        replacementDeviceId: null,
        updatedAt: at,
      }));
      await insertPlan(trx, row, lines);
      await recordAudit(
        trx,
        actor,
        {
          action: 'renewal_plan.approve',
          targetType: 'renewal_plan',
          targetId: row.id,
          communeId,
          changes: {
            year: body.year,
            lines: lines.length,
            deviceIds: lines.map((l) => l.deviceId),
            estimatedCost: row.estimatedCost,
            budget,
            sharePerYear: row.sharePerYear,
            policyEffectiveFrom: version?.effectiveFrom ?? null,
          },
        },
        now,
      );
      return planView(ctx, trx, actor, communeId, { year: body.year, budget, limit: 200 });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('renewal_plan_approved');
    throw err;
  }
}
