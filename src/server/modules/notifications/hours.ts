import type { Executor } from '../../db/schema';
import { compileCalendar, deadline, isOpenAt, type CalendarDefinition, type CompiledCalendar } from '../calendars';
import { loadCalendar, loadCommuneCalendar } from '../calendars';
import { unscoped } from '../../db/scope';

/**
 * Working hours of provider staff when notified: the call centre's opening hours, those the
 * contract promises for level-1 support (3.2.1: Mon–Fri 8:30–12:00 and 13:00–17:00).
 */
export const callCentreHours: CalendarDefinition = {
  name: 'Centre d’appel',
  timezone: 'Europe/Paris',
  weekly: {
    mon: [
      ['08:30', '12:00'],
      ['13:00', '17:00'],
    ],
    tue: [
      ['08:30', '12:00'],
      ['13:00', '17:00'],
    ],
    wed: [
      ['08:30', '12:00'],
      ['13:00', '17:00'],
    ],
    thu: [
      ['08:30', '12:00'],
      ['13:00', '17:00'],
    ],
    fri: [
      ['08:30', '12:00'],
      ['13:00', '17:00'],
    ],
    sat: [],
    sun: [],
  },
  holidays: 'FR',
  closures: [],
  workedDates: [],
};

let callCentre: CompiledCalendar | null = null;

/** The next instant at or after `now` when the calendar is open. */
export function nextOpening(cal: CompiledCalendar, now: Date): Date {
  const ms = now.getTime();
  if (isOpenAt(cal, ms)) return now;
  // The earliest instant with one business second after it, minus that second, is the opening.
  return new Date(deadline(cal, ms, 1) - 1000);
}

/** Staff hours: the provider team calendar when one is defined (the first by name), else the 3.2.1 hours. */
async function staffCalendar(db: Executor): Promise<CompiledCalendar> {
  const row = await unscoped(db, "the call centre's calendar belongs to the provider")
    .selectFrom('calendars')
    .select('id')
    .where('communeId', 'is', null)
    .orderBy('name')
    .executeTakeFirst();
  if (row) return (await loadCalendar(db, row.id)).compiled;
  return (callCentre ??= compileCalendar(callCentreHours));
}

async function calendarOf(db: Executor, communeId: string | null): Promise<CompiledCalendar | null> {
  if (!communeId) return staffCalendar(db);
  try {
    return (await loadCommuneCalendar(db, communeId)).compiled;
  } catch {
    // A commune without a calendar yet: deliver at once rather than never.
    return null;
  }
}

/**
 * When to deliver a notification to a person: now if urgent (P1/P2, escalation) or if they
 * opted out of working-hours delivery; otherwise at their next working hour — the calendar of
 * their commune, or the call centre's for staff (zammad#4432).
 */
export async function deliveryTime(
  db: Executor,
  to: { userId: string | null; communeId: string | null },
  urgent: boolean,
  now: Date,
): Promise<Date> {
  if (urgent || !to.userId) return now;
  const pref = await db
    .selectFrom('notificationPreferences')
    .select('workingHoursOnly')
    .where('userId', '=', to.userId)
    .executeTakeFirst();
  if (pref && pref.workingHoursOnly === 0) return now;
  const cal = await calendarOf(db, to.communeId);
  return cal ? nextOpening(cal, now) : now;
}
