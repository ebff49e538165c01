import { parseClockTime, weekdays, HORIZON_FIRST_YEAR, HORIZON_LAST_YEAR, type CalendarDefinition } from './clock';
import { parseIsoDate, holidayPresets } from './holidays';
import { isValidTimeZone } from './zone';

/** A problem of a calendar definition, named by its field path (`weekly.mon.1`, `timezone`…). */
export interface DefinitionProblem {
  field: string;
  message: string;
}

export const MAX_RANGES_PER_DAY = 12;
export const MAX_DATES = 2000;
const firstDay = Date.UTC(HORIZON_FIRST_YEAR, 0, 1) / 86_400_000;
const lastDay = Date.UTC(HORIZON_LAST_YEAR, 11, 31) / 86_400_000;

/**
 * Everything wrong with a definition, beyond its JSON shape: time zone, range order and overlap,
 * dates, and a week without any opening at all — refused because no deadline could ever be
 * reached on it (a calendar without business days must be refused, never loop: glpi#8250). Empty when the definition is usable.
 */
export function calendarProblems(def: CalendarDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (!isValidTimeZone(def.timezone))
    problems.push({ field: 'timezone', message: `Unknown IANA time zone "${def.timezone}" (e.g. Europe/Paris).` });
  if (!(holidayPresets as readonly string[]).includes(def.holidays))
    problems.push({ field: 'holidays', message: `Expected one of ${holidayPresets.join(', ')}.` });
  let opening = 0;
  for (const d of weekdays) {
    const ranges = def.weekly[d] ?? [];
    if (ranges.length > MAX_RANGES_PER_DAY)
      problems.push({ field: `weekly.${d}`, message: `At most ${MAX_RANGES_PER_DAY} ranges a day.` });
    let previousEnd = 0;
    ranges.forEach(([a, b], i) => {
      const s = parseClockTime(a);
      const e = parseClockTime(b);
      const field = `weekly.${d}.${i}`;
      if (Number.isNaN(s) || s === 1440)
        problems.push({ field, message: `Start "${a}" must be a time HH:MM between 00:00 and 23:59.` });
      else if (Number.isNaN(e))
        problems.push({ field, message: `End "${b}" must be a time HH:MM between 00:00 and 24:00.` });
      else if (e <= s) problems.push({ field, message: `The range ${a}–${b} must end after it starts.` });
      else if (s < previousEnd)
        problems.push({
          field,
          message: `The range ${a}–${b} overlaps or precedes the previous one; list ranges in order, without overlap.`,
        });
      else {
        opening += e - s;
        previousEnd = e;
      }
    });
  }
  const checkDates = (key: 'closures' | 'workedDates') => {
    const list = def[key];
    if (list.length > MAX_DATES) problems.push({ field: key, message: `At most ${MAX_DATES} dates.` });
    list.forEach((s, i) => {
      const n = parseIsoDate(s);
      if (Number.isNaN(n)) problems.push({ field: `${key}.${i}`, message: `"${s}" is not a date YYYY-MM-DD.` });
      else if (n < firstDay || n > lastDay)
        problems.push({
          field: `${key}.${i}`,
          message: `Dates must lie between ${HORIZON_FIRST_YEAR} and ${HORIZON_LAST_YEAR}.`,
        });
    });
  };
  checkDates('closures');
  checkDates('workedDates');
  if (opening === 0 && !problems.some((p) => p.field.startsWith('weekly'))) {
    problems.push({
      field: 'weekly',
      message:
        'The calendar has no opening range: no deadline could ever be reached. Give at least one day opening hours.',
    });
  }
  return problems;
}

/** The stored form: dates sorted and without duplicates, every weekday present. */
export function normaliseDefinition(def: CalendarDefinition): CalendarDefinition {
  const dates = (l: string[]) => [...new Set(l)].sort();
  const weekly = Object.fromEntries(
    weekdays.map((d) => [d, (def.weekly[d] ?? []).map(([a, b]) => [a, b] as [string, string])]),
  ) as CalendarDefinition['weekly'];
  return {
    name: def.name,
    timezone: def.timezone,
    weekly,
    holidays: def.holidays,
    closures: dates(def.closures),
    workedDates: dates(def.workedDates),
  };
}
