import type { Executor } from '../../db/schema';
import { DateTime } from 'luxon';

import type { IndicatorDef } from './measure';
import { parsePeriodicity } from './periods';
import type { WeeklyRanges } from './status';
import { AppError } from '../../errors';
import { loadCommuneCalendar } from '../calendars';
import { weeklyOpeningSeconds } from '../calendars';
import { effectivePiecesOverPeriod } from '../contracts';

/**
 * What the indicators read from the other capabilities: the contract versions in force over a
 * period (contracts module, `annexVersionsOverPeriod`) and the commune's business calendar
 * (calendars module, `loadCommuneCalendar`). Kept in one adapter so the engine depends on these
 * two functions only (interfaces agreed in the contracts/calendars issues).
 */

/** The calendar as the indicators need it. */
export interface CalendarInfo {
  id: string | null;
  timezone: string;
  weekly: WeeklyRanges | null;
  weeklyOpeningSeconds: number | null;
}

/** One piece of a period with every indicator of the version in force (keyed by code), in the annex's order. */
export interface AnnexPiece {
  from: string;
  to: string;
  annexVersionId: string;
  version: number;
  indicators: IndicatorDef[];
}

const DEFAULT_ZONE = 'Europe/Paris';

/** The commune's calendar (zone and weekly hours); Europe/Paris without hours when it has none. */
export async function communeCalendar(db: Executor, communeId: string): Promise<CalendarInfo> {
  try {
    const cal = await loadCommuneCalendar(db, communeId);
    return {
      id: cal.id,
      timezone: cal.definition.timezone || DEFAULT_ZONE,
      weekly: cal.definition.weekly,
      weeklyOpeningSeconds: weeklyOpeningSeconds(cal.definition),
    };
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found')
      return { id: null, timezone: DEFAULT_ZONE, weekly: null, weeklyOpeningSeconds: null };
    throw e;
  }
}

/**
 * The terms in force over [fromDate, toDate): one piece per contract version and per agreement
 * taking effect, each with every indicator as signed, completed by the agreements then in force.
 */
export async function annexPieces(
  db: Executor,
  communeId: string,
  fromDate: string,
  toDate: string,
): Promise<AnnexPiece[]> {
  const list = await effectivePiecesOverPeriod(db, communeId, fromDate, toDate, 'numerique');
  return list.map(({ annex, commitments, from, to }) => ({
    from,
    to,
    annexVersionId: annex.id,
    version: annex.version,
    indicators: commitments.flatMap((c) =>
      c.indicators.map((i) => ({
        code: i.code,
        title: i.title,
        definition: i.definition || null,
        periodicity: i.periodicity || null,
        target: i.target || null,
        baseline: i.baseline || null,
        baselineVolume: i.baselineVolume ?? null,
        rule: i.rule ? (i.rule as unknown as Record<string, unknown>) : null,
        commitmentCode: c.code,
        commitmentText: c.text,
        targetOrigin: i.targetOrigin,
        agreement: i.agreement,
        reporting: i.reporting ?? parsePeriodicity(i.periodicity),
      })),
    ),
  }));
}

/** Local midnight of a date in a zone, as the stored UTC instant. */
export function localMidnightUtc(date: string, zone: string): string {
  return DateTime.fromISO(date, { zone }).toUTC().toISO()!;
}
