import { DateTime } from 'luxon';
import type { CalendarDraft, Weekly, WeekdayKey } from './types';
import { weekdayKeys } from './types';

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'fr-FR');

/** An instant shown in a calendar's zone, e.g. "lundi 9 mars 2026 à 17:00". */
export function formatInZone(iso: string, zone: string, language: string): string {
  const d = DateTime.fromISO(iso, { zone });
  if (!d.isValid) return iso;
  return d.setLocale(locale(language)).toLocaleString({
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A `datetime-local` input value read as wall-clock time in a zone → ISO instant with offset (null when incomplete). */
export function localInputToIso(value: string, zone: string): string | null {
  if (!value) return null;
  const d = DateTime.fromISO(value, { zone });
  return d.isValid ? d.toISO({ suppressMilliseconds: true }) : null;
}

/** An instant → `datetime-local` input value in a zone. */
export function isoToLocalInput(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** "08:30–12:00, 13:00–17:00" */
export function rangesText(ranges: Array<[string, string]>): string {
  return ranges.map(([a, b]) => `${a}–${b}`).join(', ');
}

/** Consecutive weekdays sharing the same ranges, e.g. [{from:'mon', to:'fri', ranges}], closed days left out. */
export function weeklyGroups(
  weekly: Weekly,
): Array<{ from: WeekdayKey; to: WeekdayKey; ranges: Array<[string, string]> }> {
  const groups: Array<{ from: WeekdayKey; to: WeekdayKey; ranges: Array<[string, string]> }> = [];
  for (const d of weekdayKeys) {
    const ranges = weekly[d] ?? [];
    const last = groups[groups.length - 1];
    const prev = weekdayKeys[weekdayKeys.indexOf(d) - 1];
    if (ranges.length && last && last.to === prev && rangesText(last.ranges) === rangesText(ranges)) last.to = d;
    else if (ranges.length) groups.push({ from: d, to: d, ranges });
  }
  return groups;
}

/** Hours a week, for display ("37,5"). */
export function weeklyHours(seconds: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(seconds / 3600);
}

/** An empty draft: the town-hall pattern most communes start from. */
export function newDraft(): CalendarDraft {
  const day: Array<[string, string]> = [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ];
  return {
    name: '',
    timezone: 'Europe/Paris',
    holidays: 'FR',
    closures: [],
    workedDates: [],
    weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  };
}

/** The time zones this browser knows, Europe/Paris first. */
export function timeZones(): string[] {
  const supported =
    (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return ['Europe/Paris', ...supported.filter((z) => z !== 'Europe/Paris')];
}

/** Open minutes in the calendar's ordinary week (37 h 30 for a town hall): "one business week". */
export function weeklyMinutes(weekly: Weekly | undefined): number {
  if (!weekly) return 0;
  const min = (hm: string) => {
    const [h, m] = hm.split(':').map(Number) as [number, number];
    return h * 60 + m;
  };
  return Object.values(weekly)
    .flat()
    .reduce((sum, [a, b]) => sum + Math.max(0, (b === '24:00' ? 1440 : min(b)) - min(a)), 0);
}
