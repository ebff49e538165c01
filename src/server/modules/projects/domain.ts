import { DateTime } from 'luxon';

/**
 * Pure rules of the digital plan and its projects: whether a plan is in force, covers its
 * horizon and was revised in time (1.1.1); planned against actual person-days (2.1.1); the share
 * of the projects a plan version scheduled for a year that went live in the year (2.1.2).
 */

export type PlanStatus = 'met' | 'at_risk' | 'missed';

export interface PlanVersionFact {
  planId: string;
  planTitle: string;
  versionId: string;
  version: number;
  startYear: number;
  endYear: number;
  /** Local date `YYYY-MM-DD`. */
  approvedOn: string;
}

export interface PlanAssessment {
  status: PlanStatus;
  /** The version in force on `asOf`, if any. */
  inForce: PlanVersionFact | null;
  /** Years the plan in force covers from the year of `asOf` on (this year included when covered); 0 without a plan. */
  coveredYears: number;
  /** Whole months between the last approval and `asOf`; null without a plan. */
  monthsSinceRevision: number | null;
  revisedInTime: boolean;
  coversHorizon: boolean;
}

/** Whole months from one local date to a later one (2025-01-15 → 2025-03-14: 1). */
export function monthsBetween(from: string, to: string): number {
  const a = DateTime.fromISO(from);
  const b = DateTime.fromISO(to);
  return Math.floor(b.diff(a, 'months').months);
}

/** The version of the commune's plans in force on a day: the latest approved on or before it. */
export function versionInForce<T extends { approvedOn: string; version: number }>(
  versions: readonly T[],
  on: string,
): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.approvedOn > on) continue;
    if (!best || v.approvedOn > best.approvedOn || (v.approvedOn === best.approvedOn && v.version > best.version))
      best = v;
  }
  return best;
}

/**
 * 1.1.1 on a day: met when a plan is in force, covers at least `horizonYears` years from this
 * year on, and its last version is at most `updateEveryMonths` old; at risk when revised in time
 * but short of the horizon; missed without a plan, with an expired plan or a stale revision.
 */
export function assessPlan(
  versions: readonly PlanVersionFact[],
  asOf: string,
  rule: { horizonYears: number; updateEveryMonths: number },
): PlanAssessment {
  const inForce = versionInForce(versions, asOf);
  if (!inForce)
    return {
      status: 'missed',
      inForce: null,
      coveredYears: 0,
      monthsSinceRevision: null,
      revisedInTime: false,
      coversHorizon: false,
    };
  const year = Number(asOf.slice(0, 4));
  const covered = inForce.endYear >= year ? inForce.endYear - Math.max(year, inForce.startYear) + 1 : 0;
  const months = monthsBetween(inForce.approvedOn, asOf);
  const revisedInTime =
    DateTime.fromISO(inForce.approvedOn).plus({ months: rule.updateEveryMonths }).toISODate()! >= asOf;
  const coversHorizon = covered >= rule.horizonYears;
  const status: PlanStatus = covered === 0 || !revisedInTime ? 'missed' : coversHorizon ? 'met' : 'at_risk';
  return { status, inForce, coveredYears: covered, monthsSinceRevision: months, revisedInTime, coversHorizon };
}

export type GapStatus = 'met' | 'at_risk' | 'missed' | 'info' | 'no_data';

/**
 * 2.1.1: actual against planned person-days. With a tolerance: met when the relative gap is at
 * most the tolerance, at risk up to twice it, missed beyond; without one (the contract sets no
 * target), information. No planned and no actual days: no data.
 */
export function workloadStatus(planned: number, actual: number, tolerance: number | undefined): GapStatus {
  if (planned === 0 && actual === 0) return 'no_data';
  if (tolerance === undefined) return 'info';
  if (planned === 0) return 'missed';
  const gap = Math.abs(actual - planned) / planned;
  if (gap <= tolerance + 1e-9) return 'met';
  if (gap <= 2 * tolerance + 1e-9) return 'at_risk';
  return 'missed';
}

/** A share against a target share: met at or above it, at risk within 5 points below, else missed. */
export function shareStatus(share: number | null, target: number | undefined): GapStatus {
  if (share === null) return 'no_data';
  if (target === undefined) return 'info';
  if (share >= target - 1e-9) return 'met';
  if (share >= target - 0.05 - 1e-9) return 'at_risk';
  return 'missed';
}

export interface ScheduledProject {
  projectId: string;
  title: string;
  priority: number;
  status: string;
  goLiveOn: string | null;
  /** The project's current scheduled year (it may have moved since the version). */
  plannedYear: number | null;
}

export interface DeliveryLine extends ScheduledProject {
  delivered: boolean;
  outcome: 'delivered' | 'delivered_late' | 'moved' | 'dropped' | 'not_delivered';
}

/**
 * 2.1.2: of the projects a version scheduled for `year`, those that went live in the year
 * (go-live on or before `until`, the end of the period or today).
 */
export function deliveryOf(
  scheduled: readonly ScheduledProject[],
  year: number,
  until: string,
): { lines: DeliveryLine[]; delivered: number; scheduled: number; share: number | null } {
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  const lines = scheduled.map((p): DeliveryLine => {
    const delivered = p.goLiveOn !== null && p.goLiveOn >= start && p.goLiveOn < end && p.goLiveOn <= until;
    const outcome: DeliveryLine['outcome'] = delivered
      ? 'delivered'
      : p.goLiveOn !== null && p.goLiveOn >= end
        ? 'delivered_late'
        : p.status === 'dropped'
          ? 'dropped'
          : p.plannedYear !== null && p.plannedYear > year
            ? 'moved'
            : 'not_delivered';
    return { ...p, delivered, outcome };
  });
  const delivered = lines.filter((l) => l.delivered).length;
  return {
    lines,
    delivered,
    scheduled: lines.length,
    share: lines.length ? delivered / lines.length : null,
  };
}

/** True when a local date is a Monday. */
export function isMonday(date: string): boolean {
  const d = DateTime.fromISO(date);
  return d.isValid && d.weekday === 1;
}

/** The seven dates of the week starting on a Monday. */
export function weekDates(weekStart: string): string[] {
  const d = DateTime.fromISO(weekStart);
  return Array.from({ length: 7 }, (_, i) => d.plus({ days: i }).toISODate()!);
}

/** The `YYYY-MM` months from one to another, both included. */
export function monthsFromTo(from: string, to: string): string[] {
  const out: string[] = [];
  let d = DateTime.fromISO(`${from}-01`);
  const end = DateTime.fromISO(`${to}-01`);
  while (d <= end && out.length < 240) {
    out.push(d.toFormat('yyyy-MM'));
    d = d.plus({ months: 1 });
  }
  return out;
}

/** A person-day figure rounded to the hundredth (sums of quarters stay exact). */
export function roundDays(n: number): number {
  return Math.round(n * 100) / 100;
}

/** True when a project is late: its planned go-live has passed and it is neither delivered nor dropped. */
export function isLate(p: { status: string; plannedGoLive: string | null; goLiveOn: string | null }, today: string) {
  return (
    p.status !== 'delivered' && p.status !== 'dropped' && !p.goLiveOn && !!p.plannedGoLive && p.plannedGoLive < today
  );
}
