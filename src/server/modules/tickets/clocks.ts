import { Duration } from 'luxon';
import {
  businessSeconds,
  deadlineWithPauses,
  elapsedBusinessSeconds,
  isOpenAt,
  nextBusinessDayEnd,
  type CompiledCalendar,
  type Pause,
} from '../calendars';
import type { Priority } from './priority';

/**
 * The service-desk clocks (contract clauses 3.3.1 and 3.3.2), pure. The calendar engine and the
 * contract in force are given as a `ClockBasis`; this file decides what the ticket's deadlines
 * and stored clock fields are. The same function serves live tickets and the demo generator,
 * so indicators computed over generated history mean what they mean over real tickets.
 */

/** Where a ticket's resolution delay comes from. */
export type ClockTargetOrigin = 'contract' | 'agreed' | 'operating';

/** The computable part of the contract's indicators 3.3.1 and 3.3.2, or the provider's operating targets. */
export interface ClockRules {
  /** 3.3.1: acknowledgement deadline rule, null when the contract has none. */
  acknowledgement: 'next-business-day-end' | null;
  /** Resolution delay in business seconds per priority, null when there is none. */
  resolutionSeconds: Partial<Record<Priority, number>> | null;
  /**
   * Where the resolution delays come from: the signed annex (3.3.2 with its delays), a two-party
   * agreement in force, or — when neither sets one — the provider's operating targets
   * ("objectif de service interne"), which run the queues but are no contractual promise.
   */
  resolutionOrigin: ClockTargetOrigin | null;
}

/** What a ticket's deadlines are computed with; recorded on the ticket (glpi#15605 lesson). */
export interface ClockBasis {
  calendar: CompiledCalendar | null;
  rules: ClockRules | null;
  calendarId: string | null;
  calendarVersion: number | null;
  annexVersionId: string | null;
  /** Why deadlines cannot be computed: no_calendar, no_contract, no_rule; null when they can. */
  issue: string | null;
}

export interface ClockState {
  createdAt: string;
  priority: Priority;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  /** Pauses as intervals; at most the last one is open (`endedAt` null). */
  pauses: ReadonlyArray<{ startedAt: string; endedAt: string | null }>;
}

export interface ClockFields {
  acknowledgeDueAt: string | null;
  resolveDueAt: string | null;
  calendarId: string | null;
  calendarVersion: number | null;
  annexVersionId: string | null;
  clockIssue: string | null;
  resolveTargetOrigin: ClockTargetOrigin | null;
  pausedBusinessSeconds: number;
  ackBusinessSeconds: number | null;
  resolveBusinessSeconds: number | null;
  ackBreached: number;
  resolveBreached: number;
  receivedOutsideHours: number;
}

/** Business seconds of an ISO-8601 duration (`PT4H` → 14400). Invalid → null. */
export function durationSeconds(iso: string): number | null {
  const d = Duration.fromISO(iso);
  return d.isValid ? Math.round(d.as('seconds')) : null;
}

/** Business seconds per priority of a {P1..P4: ISO duration} map (unparsable entries dropped). */
function secondsByPriority(byPriority: Record<string, string>): Partial<Record<Priority, number>> {
  const out: Partial<Record<Priority, number>> = {};
  for (const [p, iso] of Object.entries(byPriority)) {
    const s = durationSeconds(iso);
    if (s !== null && /^P[1-4]$/.test(p)) out[p as Priority] = s;
  }
  return out;
}

/**
 * The clock rules of a ticket (pure): the annex's indicators in force at its creation, agreements
 * already applied (`targetOrigin` 'agreed' where one set the delays), and the operating targets in
 * force then. By rule kind, whatever the clause number. The resolution delays are the contract's
 * or the agreement's when they exist, else the operating targets'.
 */
export function clockRulesFrom(
  indicators: ReadonlyArray<{ rule: unknown; targetOrigin?: string }>,
  operating: Record<string, string> | null = null,
): ClockRules | null {
  let acknowledgement: ClockRules['acknowledgement'] = null;
  let resolutionSeconds: ClockRules['resolutionSeconds'] = null;
  let resolutionOrigin: ClockRules['resolutionOrigin'] = null;
  for (const ind of indicators) {
    const rule = ind.rule as { kind?: string; deadline?: string; byPriority?: Record<string, string> } | null;
    if (!rule || typeof rule !== 'object') continue;
    if (rule.kind === 'acknowledgement' && rule.deadline === 'next-business-day-end')
      acknowledgement = 'next-business-day-end';
    if (rule.kind === 'resolution_delay' && rule.byPriority) {
      resolutionSeconds = secondsByPriority(rule.byPriority);
      resolutionOrigin = ind.targetOrigin === 'agreed' ? 'agreed' : 'contract';
    }
  }
  if (!resolutionSeconds && operating) {
    resolutionSeconds = secondsByPriority(operating);
    resolutionOrigin = 'operating';
  }
  return acknowledgement || resolutionSeconds ? { acknowledgement, resolutionSeconds, resolutionOrigin } : null;
}

const ms = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();

const toPauses = (pauses: ClockState['pauses'], closedOnly: boolean): Pause[] =>
  pauses
    .filter((p) => !closedOnly || p.endedAt)
    .map((p) => ({ startMs: ms(p.startedAt), endMs: p.endedAt ? ms(p.endedAt) : null }));

/** Business seconds paused in closed pauses (an open one is still running). */
export function closedPauseSeconds(cal: CompiledCalendar, pauses: ClockState['pauses']): number {
  let total = 0;
  for (const p of pauses) if (p.endedAt) total += businessSeconds(cal, ms(p.startedAt), ms(p.endedAt));
  return total;
}

/**
 * The ticket's deadlines and stored clock fields at `nowMs`.
 * - 3.3.1: acknowledgeDueAt = end of the next business day after creation (commune calendar).
 * - 3.3.2: resolveDueAt = creation + the priority's delay in business time, the clock stopped
 *   during closed pauses (a pause after the deadline does not move it). While a pause is open the
 *   stored deadline is the one without it; it moves when the pause closes.
 * Breach flags use the actual instants once reached, `now` before; a paused ticket's elapsed
 * time is frozen at the start of its pause.
 */
export function computeClocks(basis: ClockBasis, state: ClockState, nowMs: number): ClockFields {
  const base = {
    calendarId: basis.calendarId,
    calendarVersion: basis.calendarVersion,
    annexVersionId: basis.annexVersionId,
  };
  const cal = basis.calendar;
  if (!cal) {
    return {
      ...base,
      acknowledgeDueAt: null,
      resolveDueAt: null,
      clockIssue: basis.issue ?? 'no_calendar',
      resolveTargetOrigin: null,
      pausedBusinessSeconds: 0,
      ackBusinessSeconds: null,
      resolveBusinessSeconds: null,
      ackBreached: 0,
      resolveBreached: 0,
      receivedOutsideHours: 0,
    };
  }
  const created = ms(state.createdAt);
  const closed = toPauses(state.pauses, true);
  const open = state.pauses.find((p) => !p.endedAt);
  const ackAt = state.acknowledgedAt ? ms(state.acknowledgedAt) : null;
  const resAt = state.resolvedAt ? ms(state.resolvedAt) : null;
  const ackDue = basis.rules?.acknowledgement === 'next-business-day-end' ? nextBusinessDayEnd(cal, created) : null;
  const delay = basis.rules?.resolutionSeconds?.[state.priority];
  const resDue = delay !== undefined ? deadlineWithPauses(cal, created, delay, closed) : null;
  const resolveEnd = resAt ?? (open ? ms(open.startedAt) : nowMs);
  return {
    ...base,
    acknowledgeDueAt: ackDue === null ? null : iso(ackDue),
    resolveDueAt: resDue === null ? null : iso(resDue),
    clockIssue: basis.issue ?? (basis.rules ? null : 'no_rule'),
    resolveTargetOrigin: resDue === null ? null : (basis.rules?.resolutionOrigin ?? null),
    // Stored as whole seconds (integer columns); instants carry milliseconds.
    pausedBusinessSeconds: Math.round(closedPauseSeconds(cal, state.pauses)),
    ackBusinessSeconds: ackAt === null ? null : Math.round(businessSeconds(cal, created, Math.max(created, ackAt))),
    resolveBusinessSeconds:
      resAt === null ? null : Math.round(elapsedBusinessSeconds(cal, created, Math.max(created, resAt), closed)),
    ackBreached: ackDue !== null && (ackAt ?? nowMs) > ackDue ? 1 : 0,
    resolveBreached: resDue !== null && resolveEnd > resDue ? 1 : 0,
    receivedOutsideHours: isOpenAt(cal, created) ? 0 : 1,
  };
}

/**
 * Remaining business seconds before a deadline at `atMs`, negative once overdue. For a paused
 * ticket pass the pause start: the clock does not run while paused.
 */
export function remainingBusinessSeconds(cal: CompiledCalendar, dueIso: string | null, atMs: number): number | null {
  if (!dueIso) return null;
  const due = ms(dueIso);
  return Math.round(atMs <= due ? businessSeconds(cal, atMs, due) : -businessSeconds(cal, due, atMs));
}
