import type { Executor } from '../../db/schema';
import { unscoped } from '../../db/scope';
import type { AnnexVersionView, IndicatorView } from './model';
import { annexInForce, annexVersionsOverPeriod, DEFAULT_DOMAIN } from './queries';
import {
  agreedTargetSchema,
  withAgreedTarget,
  type AgreedTarget,
  type IndicatorRule,
  type TargetOrigin,
} from './rules';
import type { TargetApprovalTable, TargetProposalTable } from './tables';

/**
 * Agreed targets: a target the contract leaves "to be agreed" (3.3.2, 4.1.1, 4.1.2 in the
 * reference) or a share it leaves implicit (3.3.1), once both parties approved a proposal. An
 * agreement is effective-dated like an annex version: from `effectiveFrom` on, its values complete
 * the rule of the annex in force (the clock uses them, the indicator is judged against them), and
 * the indicator's target origin is `agreed`. Proposals and approvals are written by
 * commands/agree-target.ts; this file reads agreements and applies them (pure).
 */

export interface ApprovalView {
  side: 'provider' | 'commune';
  userId: string | null;
  name: string;
  roles: string[];
  comment: string;
  approvedAt: string;
}

/** An agreement as indicator items and documents show it. */
export interface AgreementRef {
  id: string;
  indicatorCode: string;
  target: AgreedTarget;
  agreedAt: string;
  effectiveFrom: string;
  decisionRef: string | null;
  approvals: ApprovalView[];
  /** The baseline period the target was agreed from, and its volume per year (the volume clause's reference). */
  baselineFrom: string;
  baselineTo: string;
  baselineVolumePerYear: number | null;
}

/** An indicator of the annex in force with the agreement that completes it, if any. */
export type EffectiveIndicator = Omit<IndicatorView, 'targetOrigin' | 'rule'> & {
  rule: IndicatorRule | null;
  targetOrigin: TargetOrigin;
  agreement: AgreementRef | null;
};

export function approvalView(
  a: Pick<TargetApprovalTable, 'side' | 'userId' | 'userLabel' | 'roles' | 'comment' | 'approvedAt'>,
): ApprovalView {
  return {
    side: a.side,
    userId: a.userId,
    name: a.userLabel,
    roles: JSON.parse(a.roles) as string[],
    comment: a.comment,
    approvedAt: a.approvedAt,
  };
}

function volumePerYearOf(json: string): number | null {
  try {
    const v = (JSON.parse(json) as { volumePerYear?: unknown }).volumePerYear;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

export function agreementRef(p: TargetProposalTable, approvals: ApprovalView[]): AgreementRef {
  return {
    id: p.id,
    indicatorCode: p.indicatorCode,
    target: agreedTargetSchema.parse(JSON.parse(p.target)),
    agreedAt: p.agreedAt!,
    effectiveFrom: p.effectiveFrom,
    decisionRef: p.decisionRef,
    approvals,
    baselineFrom: p.baselineFrom,
    baselineTo: p.baselineTo,
    baselineVolumePerYear: volumePerYearOf(p.baseline),
  };
}

/** Every agreement of a commune (any date), oldest effective date first. Scope checked by the caller. */
export async function agreementsOf(db: Executor, communeId: string): Promise<AgreementRef[]> {
  const rows = await unscoped(db, 'agreements of a commune its caller checked (or a system job)')
    .selectFrom('targetProposals')
    .selectAll()
    .where('communeId', '=', communeId)
    .where('status', '=', 'agreed')
    .orderBy('effectiveFrom')
    .orderBy('agreedAt')
    .execute();
  if (rows.length === 0) return [];
  const approvals = await unscoped(db, 'approvals of the agreements read above')
    .selectFrom('targetApprovals')
    .selectAll()
    .where(
      'proposalId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('approvedAt')
    .execute();
  return rows.map((r) => agreementRef(r, approvals.filter((a) => a.proposalId === r.id).map(approvalView)));
}

/** The agreement in force for an indicator at a date: the latest effective one of the rule's kind. */
export function agreementAt(
  agreements: readonly AgreementRef[],
  code: string,
  kind: string | undefined,
  date: string,
): AgreementRef | null {
  let found: AgreementRef | null = null;
  for (const a of agreements)
    if (a.indicatorCode === code && a.target.kind === kind && a.effectiveFrom <= date) found = a;
  return found;
}

/** The indicators of an annex at a date with the agreements in force then applied (pure). */
export function applyAgreements(
  indicators: readonly IndicatorView[],
  agreements: readonly AgreementRef[],
  date: string,
): EffectiveIndicator[] {
  return indicators.map((i) => {
    const agreement = i.rule ? agreementAt(agreements, i.code, i.rule.kind, date) : null;
    if (!agreement || !i.rule) return { ...i, agreement: null };
    return { ...i, rule: withAgreedTarget(i.rule, agreement.target), targetOrigin: 'agreed', agreement };
  });
}

/** Dates in (from, to) at which an agreement takes effect (cut points of a measured period). */
export function agreementCuts(agreements: readonly AgreementRef[], from: string, to: string): string[] {
  return [...new Set(agreements.map((a) => a.effectiveFrom).filter((d) => d > from && d < to))].sort();
}

/** One slice of a period under one annex version and one set of agreements. */
export interface EffectivePiece {
  from: string;
  to: string;
  annex: AnnexVersionView;
  /** The annex's commitments, each indicator with the agreements in force over the slice. */
  commitments: Array<
    Omit<AnnexVersionView['commitments'][number], 'indicators'> & { indicators: EffectiveIndicator[] }
  >;
}

/**
 * The pieces of [fromDate, toDateExclusive) by annex version in force and by agreement taking
 * effect, in order: each piece is judged by one set of terms (piecewise measurement).
 */
export async function effectivePiecesOverPeriod(
  db: Executor,
  communeId: string,
  fromDate: string,
  toDateExclusive: string,
  domain = DEFAULT_DOMAIN,
): Promise<EffectivePiece[]> {
  const pieces = await annexVersionsOverPeriod(db, communeId, fromDate, toDateExclusive, domain);
  if (pieces.length === 0) return [];
  const agreements = await agreementsOf(db, communeId);
  const out: EffectivePiece[] = [];
  for (const p of pieces) {
    const bounds = [p.from, ...agreementCuts(agreements, p.from, p.to), p.to];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const from = bounds[i]!;
      out.push({
        from,
        to: bounds[i + 1]!,
        annex: p.annex,
        commitments: p.annex.commitments.map((c) => ({
          ...c,
          indicators: applyAgreements(c.indicators, agreements, from),
        })),
      });
    }
  }
  return out;
}

/** The annex in force at a date with its agreements applied (the clock's and a ticket's terms). */
export async function effectiveAnnexAt(
  db: Executor,
  communeId: string,
  date: string,
  domain = DEFAULT_DOMAIN,
): Promise<{ annex: AnnexVersionView; indicators: EffectiveIndicator[] } | null> {
  const annex = await annexInForce(db, communeId, date, domain);
  if (!annex) return null;
  const agreements = await agreementsOf(db, communeId);
  return {
    annex,
    indicators: applyAgreements(
      annex.commitments.flatMap((c) => c.indicators),
      agreements,
      date,
    ),
  };
}
