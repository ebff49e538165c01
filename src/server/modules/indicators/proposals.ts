import { DateTime } from 'luxon';
import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { scoped, unscoped } from '../../db/scope';
import { conflict, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import {
  agreedTargetSchema,
  agreementsOf,
  effectiveAnnexAt,
  localDateOf,
  type AgreedTarget,
  type ApprovalView,
} from '../contracts';
import { recomputeDeadlines } from '../tickets';
import type { Baseline } from './baseline';
import { measureBaseline } from './baseline-service';
import { communeCalendar, localMidnightUtc } from './sources';

/**
 * Agreeing a target the contract leaves "to be agreed" (docs/indicators.md, "Agreeing a target").
 * A contract manager or a commune's contract referent proposes a target from a baseline measured
 * over a past period (the proposal the measurement suggests, or values of their own); each party
 * approves it — the provider's contract manager or director, the commune's contract referent or
 * general director; when both have, the proposal is an agreement, in force from its effective date
 * (today or later: an agreement never rewrites a reported period). From then on the clocks of new
 * tickets and the indicator are judged against it, and its target origin is `agreed`. Every step
 * is audited; the agreement names the decision (committee meeting or amendment) that records it.
 */

export interface ProposalInput {
  baselineFrom: string;
  baselineTo: string;
  effectiveFrom: string;
  target?: AgreedTarget;
  decisionRef?: string | null;
  note?: string;
}

export interface ProposalView {
  id: string;
  communeId: string;
  indicatorCode: string;
  ruleKind: string;
  status: 'proposed' | 'agreed' | 'withdrawn';
  baseline: Baseline;
  target: AgreedTarget;
  effectiveFrom: string;
  decisionRef: string | null;
  note: string;
  createdBy: string;
  createdAt: string;
  agreedAt: string | null;
  closedAt: string | null;
  approvals: ApprovalView[];
  /** Which sides still have to approve. */
  awaiting: Array<'provider' | 'commune'>;
}

type ProposalRow = {
  id: string;
  communeId: string;
  indicatorCode: string;
  ruleKind: string;
  status: 'proposed' | 'agreed' | 'withdrawn';
  baseline: string;
  target: string;
  effectiveFrom: string;
  decisionRef: string | null;
  note: string;
  createdByLabel: string;
  createdAt: string;
  agreedAt: string | null;
  closedAt: string | null;
};

function present(row: ProposalRow, approvals: ApprovalView[]): ProposalView {
  const sides = new Set(approvals.map((a) => a.side));
  return {
    id: row.id,
    communeId: row.communeId,
    indicatorCode: row.indicatorCode,
    ruleKind: row.ruleKind,
    status: row.status,
    baseline: JSON.parse(row.baseline) as Baseline,
    target: agreedTargetSchema.parse(JSON.parse(row.target)),
    effectiveFrom: row.effectiveFrom,
    decisionRef: row.decisionRef,
    note: row.note,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt,
    agreedAt: row.agreedAt,
    closedAt: row.closedAt,
    approvals,
    awaiting: row.status === 'proposed' ? (['provider', 'commune'] as const).filter((s) => !sides.has(s)) : [],
  };
}

async function approvalsOf(db: Executor, ids: string[]): Promise<Map<string, ApprovalView[]>> {
  const map = new Map<string, ApprovalView[]>();
  if (ids.length === 0) return map;
  const rows = await unscoped(db, 'approvals of proposals read through the scope')
    .selectFrom('targetApprovals')
    .selectAll()
    .where('proposalId', 'in', ids)
    .orderBy('approvedAt')
    .execute();
  for (const r of rows) {
    const list = map.get(r.proposalId) ?? [];
    list.push({
      side: r.side,
      userId: r.userId,
      name: r.userLabel,
      roles: JSON.parse(r.roles) as string[],
      comment: r.comment,
      approvedAt: r.approvedAt,
    });
    map.set(r.proposalId, list);
  }
  return map;
}

const monthsBetween = (from: string, to: string) => DateTime.fromISO(to).diff(DateTime.fromISO(from), 'months').months;

/** Measures the baseline of an indicator's rule kind over a past period (scope checked by the caller). */
async function baselineOf(db: Executor, communeId: string, kind: string, from: string, to: string) {
  const cal = await communeCalendar(db, communeId);
  const bounds = {
    fromDate: from,
    toDate: to,
    fromUtc: localMidnightUtc(from, cal.timezone),
    toUtc: localMidnightUtc(to, cal.timezone),
  };
  return measureBaseline(kind, { db, communeId, bounds, months: monthsBetween(from, to) });
}

function checkPeriod(from: string, to: string, today: string): void {
  if (!DateTime.fromISO(from).isValid) throw invalid('baselineFrom', 'Expected a date YYYY-MM-DD.');
  if (!DateTime.fromISO(to).isValid) throw invalid('baselineTo', 'Expected a date YYYY-MM-DD.');
  if (to <= from) throw invalid('baselineTo', 'The baseline period must end after it starts.');
  if (to > today) throw invalid('baselineTo', `A baseline is measured on the past: end it on ${today} at the latest.`);
  if (monthsBetween(from, to) > 60) throw invalid('baselineFrom', 'A baseline period spans five years at most.');
}

/** The indicator as the annex in force at a date defines it (with its agreements), or 404. */
async function indicatorAt(db: Executor, communeId: string, code: string, date: string) {
  const terms = await effectiveAnnexAt(db, communeId, date);
  const ind = terms?.indicators.find((i) => i.code === code);
  if (!ind) throw notFound('indicator');
  return ind;
}

/**
 * Which target an indicator may receive by agreement: any target the annex leaves to be agreed;
 * for a signed rule, only the share it leaves implicit (3.3.1 "lendemain au maximum": the parties
 * may agree a share below every ticket). A signed delay changes by amendment, not by agreement.
 */
function checkAgreeable(ind: Awaited<ReturnType<typeof indicatorAt>>): string {
  const kind = ind.rule?.kind;
  if (!kind || !['acknowledgement', 'resolution_delay', 'intervention_delay', 'restoration_delay'].includes(kind))
    throw conflict(`Indicator ${ind.code} has no delay or share to agree.`);
  const origin = ind.agreement ? 'agreed' : ind.targetOrigin;
  if (
    origin === 'contract' &&
    !(kind === 'acknowledgement' && ind.rule && !('targetShare' in ind.rule && ind.rule.targetShare))
  )
    throw conflict(`The target of ${ind.code} is signed in the annex: it changes by amendment, not by agreement.`);
  return kind;
}

/** GET /communes/{id}/indicators/{code}/baseline?from=&to= — the baseline and the target it suggests. */
export async function getBaseline(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  code: string,
  q: { from: string; to: string },
): Promise<Baseline> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'indicators.read');
  const today = localDateOf(ctx.now());
  checkPeriod(q.from, q.to, today);
  const ind = await indicatorAt(ctx.db, communeId, code, today);
  const kind = ind.rule?.kind;
  const b = kind ? await baselineOf(ctx.db, communeId, kind, q.from, q.to) : null;
  if (!b) throw conflict(`No data source measures a baseline for ${code} yet.`);
  return b;
}

/** POST /communes/{id}/indicators/{code}/target-proposals — a proposal from a measured baseline. */
export async function createProposal(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  code: string,
  input: ProposalInput,
): Promise<ProposalView> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'contracts.agree_targets');
  const now = ctx.now();
  const today = localDateOf(now);
  checkPeriod(input.baselineFrom, input.baselineTo, today);
  if (input.effectiveFrom < today)
    throw invalid(
      'effectiveFrom',
      `An agreed target applies from today (${today}) or later, never to a reported past.`,
    );
  const id = newId(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    const ind = await indicatorAt(trx, communeId, code, input.effectiveFrom);
    const kind = checkAgreeable(ind);
    const open = await scoped(trx, actor)
      .selectFrom('targetProposals')
      .select('id')
      .where('communeId', '=', communeId)
      .where('indicatorCode', '=', code)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (open)
      throw conflict(`A proposal for ${code} is awaiting approval: approve or withdraw it first.`, {
        proposalId: open.id,
      });
    const baseline = await baselineOf(trx, communeId, kind, input.baselineFrom, input.baselineTo);
    if (!baseline) throw conflict(`No data source measures a baseline for ${code} yet.`);
    const target = input.target ?? baseline.proposal;
    if (!target)
      throw invalid(
        'target',
        `No target could be proposed from the baseline (${baseline.proposalGap ?? 'no data'}): give the target.`,
      );
    if (target.kind !== kind) throw invalid('target.kind', `The target of ${code} is of kind ${kind}.`);
    await trx
      .insertInto('targetProposals')
      .values({
        id,
        communeId,
        indicatorCode: code,
        ruleKind: kind,
        baselineFrom: input.baselineFrom,
        baselineTo: input.baselineTo,
        baseline: JSON.stringify(baseline),
        target: JSON.stringify(target),
        effectiveFrom: input.effectiveFrom,
        decisionRef: input.decisionRef ?? null,
        note: input.note ?? '',
        status: 'proposed',
        createdById: actor.kind === 'user' ? actor.id : null,
        createdByLabel: actor.label,
        createdAt: now.toISOString(),
        agreedAt: null,
        closedAt: null,
        updatedAt: now.toISOString(),
      })
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'target_proposal.create',
        targetType: 'target_proposal',
        targetId: id,
        communeId,
        changes: {
          code,
          target,
          effectiveFrom: input.effectiveFrom,
          baseline: { from: input.baselineFrom, to: input.baselineTo, volume: baseline.volume },
          proposedByPlatform: input.target === undefined,
        },
      },
      now,
    );
  });
  return getProposal(ctx, actor, id);
}

async function loadProposal(db: Executor, actor: Actor, id: string): Promise<ProposalRow> {
  const row = await scoped(db, actor).selectFrom('targetProposals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('target proposal');
  return row;
}

/** GET /target-proposals/{id}. */
export async function getProposal(ctx: AppContext, actor: Actor, id: string): Promise<ProposalView> {
  const row = await loadProposal(ctx.db, actor, id);
  authorize(actor, 'indicators.read');
  return present(row, (await approvalsOf(ctx.db, [id])).get(id) ?? []);
}

/** GET /communes/{id}/target-proposals?code=&status= — a commune's proposals and agreements, newest first. */
export async function listProposals(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: { code?: string; status?: ProposalView['status'] },
) {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'indicators.read');
  let query = s.selectFrom('targetProposals').selectAll().where('communeId', '=', communeId);
  if (q.code) query = query.where('indicatorCode', '=', q.code);
  if (q.status) query = query.where('status', '=', q.status);
  const rows = await query.orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
  const approvals = await approvalsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => present(r, approvals.get(r.id) ?? []));
  return { items, total: items.length };
}

/**
 * POST /target-proposals/{id}/approvals — the caller's side approves (provider: contract manager
 * or director; commune: contract referent or general director, holders of contracts.agree_targets).
 * The second approval makes it an agreement; open tickets created since its effective date get
 * their deadlines recomputed on it.
 */
export async function approveProposal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { comment?: string },
): Promise<ProposalView> {
  const now = ctx.now();
  const today = localDateOf(now);
  const agreed = await ctx.db.transaction().execute(async (trx) => {
    const row = await loadProposal(trx, actor, id);
    authorize(actor, 'contracts.agree_targets');
    if (row.status !== 'proposed') throw conflict(`This proposal is ${row.status}: it takes no approval.`);
    const side = actor.communeId === null ? 'provider' : 'commune';
    const approvals = (await approvalsOf(trx, [id])).get(id) ?? [];
    if (approvals.some((a) => a.side === side))
      throw conflict(`The ${side === 'provider' ? 'shared service' : 'commune'} has already approved this proposal.`);
    const complete = approvals.length + 1 >= 2;
    if (complete && row.effectiveFrom < today)
      throw conflict(
        `The effective date ${row.effectiveFrom} has passed: withdraw this proposal and propose it again from today or later.`,
      );
    await trx
      .insertInto('targetApprovals')
      .values({
        id: newId(now.getTime()),
        proposalId: id,
        communeId: row.communeId,
        side,
        userId: actor.kind === 'user' ? actor.id : null,
        userLabel: actor.label,
        roles: JSON.stringify(actor.roles),
        comment: input.comment ?? '',
        approvedAt: now.toISOString(),
      })
      .execute();
    if (complete)
      await scoped(trx, actor)
        .updateTable('targetProposals')
        .set({ status: 'agreed', agreedAt: now.toISOString(), updatedAt: now.toISOString() })
        .where('id', '=', id)
        .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: complete ? 'target_agreement.agree' : 'target_proposal.approve',
        targetType: 'target_proposal',
        targetId: id,
        communeId: row.communeId,
        changes: { side, comment: input.comment ?? '', code: row.indicatorCode, effectiveFrom: row.effectiveFrom },
      },
      now,
    );
    if (!complete) return null;
    // Tickets already created on or after the effective date (today) run on the agreed delays now.
    const zone = (await communeCalendar(trx, row.communeId)).timezone;
    const open = await unscoped(trx, 'tickets of the commune of the proposal, read to recompute their clocks')
      .selectFrom('tickets')
      .select(['id', 'communeId', 'createdAt', 'priority', 'acknowledgedAt', 'resolvedAt'])
      .where('communeId', '=', row.communeId)
      .where('createdAt', '>=', localMidnightUtc(row.effectiveFrom, zone))
      .where('resolvedAt', 'is', null)
      .where('mergedIntoId', 'is', null)
      .execute();
    const changed: Array<{ ticketId: string; communeId: string }> = [];
    for (const t of open) {
      const f = await recomputeDeadlines(trx, t, now);
      if (f.deadlinesChanged) changed.push({ ticketId: t.id, communeId: t.communeId });
    }
    return changed;
  });
  for (const e of agreed ?? []) ctx.events.emit('deadlinesChanged', e);
  return getProposal(ctx, actor, id);
}

/** POST /target-proposals/{id}/withdraw — a proposal not agreed yet is withdrawn (either side; audited). */
export async function withdrawProposal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<ProposalView> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadProposal(trx, actor, id);
    authorize(actor, 'contracts.agree_targets');
    if (row.status !== 'proposed') throw conflict(`This proposal is ${row.status}: it cannot be withdrawn.`);
    await scoped(trx, actor)
      .updateTable('targetProposals')
      .set({ status: 'withdrawn', closedAt: now.toISOString(), updatedAt: now.toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'target_proposal.withdraw',
        targetType: 'target_proposal',
        targetId: id,
        communeId: row.communeId,
        changes: { reason: input.reason },
      },
      now,
    );
  });
  return getProposal(ctx, actor, id);
}

/** Every agreement of a commune (for documents and the contract page). */
export async function listAgreements(ctx: AppContext, actor: Actor, communeId: string) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'indicators.read');
  const items = await agreementsOf(ctx.db, communeId);
  return { items, total: items.length };
}
