import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { localDateOf, type CompiledCalendar } from '../calendars';
import { loadCommuneCalendar } from '../calendars';
import { effectiveAnnexAt } from '../contracts';
import { clockRulesFrom, computeClocks, type ClockBasis, type ClockFields } from './clocks';
import { operatingTargetsFor } from './operating-targets';
import type { TicketTable } from './tables';
import { unscoped } from '../../db/scope';

/** The commune's calendar, or null when it has none (the ticket then says why). */
export async function findCommuneCalendar(db: Executor, communeId: string) {
  try {
    return await loadCommuneCalendar(db, communeId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

/**
 * What a ticket's clocks are computed with: the commune's calendar, and the terms in force on the
 * ticket's creation date (a local date in the calendar's zone): the annex with the agreements in
 * force then, and the provider's operating targets for what neither sets.
 */
export async function loadClockBasis(db: Executor, communeId: string, createdAtMs: number): Promise<ClockBasis> {
  const cal = await findCommuneCalendar(db, communeId);
  if (!cal)
    return {
      calendar: null,
      rules: null,
      calendarId: null,
      calendarVersion: null,
      annexVersionId: null,
      issue: 'no_calendar',
    };
  const base = { calendar: cal.compiled, calendarId: cal.id, calendarVersion: cal.version };
  const date = localDateOf(cal.compiled, createdAtMs);
  const terms = await effectiveAnnexAt(db, communeId, date);
  const operating = await operatingTargetsFor(db, communeId, date);
  const rules = clockRulesFrom(terms?.indicators ?? [], operating?.resolution ?? null);
  if (!terms) return { ...base, rules, annexVersionId: null, issue: 'no_contract' };
  return { ...base, rules, annexVersionId: terms.annex.id, issue: rules ? null : 'no_rule' };
}

type ClockRow = Pick<TicketTable, 'id' | 'communeId' | 'createdAt' | 'priority' | 'acknowledgedAt' | 'resolvedAt'>;

/**
 * Refreshes a ticket's deadlines and stored clock fields from the contract in force and the
 * calendar (pauses read from ticket_pauses), inside the caller's transaction. Returns the fields
 * written and whether the deadlines moved.
 */
export async function recomputeDeadlines(
  trx: Executor,
  row: ClockRow,
  now: Date,
): Promise<ClockFields & { deadlinesChanged: boolean }> {
  const pauses = await unscoped(trx, 'a ticket its caller read (through the scope, or as a system job)')
    .selectFrom('ticketPauses')
    .select(['startedAt', 'endedAt'])
    .where('ticketId', '=', row.id)
    .orderBy('startedAt')
    .execute();
  const basis = await loadClockBasis(trx, row.communeId, Date.parse(row.createdAt));
  const fields = computeClocks(basis, { ...row, pauses }, now.getTime());
  const before = await unscoped(trx, 'a ticket its caller read (through the scope, or as a system job)')
    .selectFrom('tickets')
    .select(['acknowledgeDueAt', 'resolveDueAt'])
    .where('id', '=', row.id)
    .executeTakeFirst();
  await unscoped(trx, 'a ticket its caller read (through the scope, or as a system job)')
    .updateTable('tickets')
    .set(fields)
    .where('id', '=', row.id)
    .execute();
  return {
    ...fields,
    deadlinesChanged:
      !before || before.acknowledgeDueAt !== fields.acknowledgeDueAt || before.resolveDueAt !== fields.resolveDueAt,
  };
}

/**
 * Compiled calendars for read-time figures (remaining business time on lists), cached a few
 * seconds per commune (`ctx.caches.communeCalendars`): a display that lags a calendar edit by
 * seconds is harmless, a database round trip per listed commune on every page is not.
 */
export async function calendarsForDisplay(
  ctx: AppContext,
  communeIds: readonly string[],
): Promise<Map<string, CompiledCalendar>> {
  const out = new Map<string, CompiledCalendar>();
  for (const id of new Set(communeIds)) {
    const cal = await ctx.caches.communeCalendars.get(
      id,
      async () => (await findCommuneCalendar(ctx.db, id))?.compiled ?? null,
    );
    if (cal) out.set(id, cal);
  }
  return out;
}
