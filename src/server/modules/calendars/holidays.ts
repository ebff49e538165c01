/**
 * French public holidays, computed from the law rather than read from a feed (feeds add
 * unofficial days or shift them by one: zammad#390, #2229).
 *
 * - `FR`: the eleven *jours fériés* of the Code du travail, art. L3133-1: 1 January, Easter
 *   Monday, 1 May, 8 May, Ascension Thursday, Whit Monday, 14 July, 15 August, 1 November,
 *   11 November, 25 December.
 * - `FR-alsace-moselle`: the same plus Good Friday and 26 December (art. L3134-13, local law of
 *   Bas-Rhin, Haut-Rhin and Moselle).
 * - `none`: no holiday.
 */
export const holidayPresets = ['FR', 'FR-alsace-moselle', 'none'] as const;
export type HolidayPreset = (typeof holidayPresets)[number];

export interface Holiday {
  /** Local date `YYYY-MM-DD`. */
  date: string;
  /** Stable key, for translations. */
  key: string;
  /** French name. */
  name: string;
}

const DAY = 86_400_000;

/**
 * Easter Sunday of a Gregorian year (the "anonymous Gregorian algorithm" of the computus,
 * Meeus/Jones/Butcher), as month (1–12) and day.
 */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

/** Days since 1970-01-01 of a calendar date. */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY;
}

/** `YYYY-MM-DD` of a day number. */
export function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` date, or NaN when it is not a real calendar date. */
export function parseIsoDate(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const n = dayNumberOf(y, mo, d);
  return isoDateOf(n) === s ? n : NaN;
}

/** Day numbers, keys and names of one year's holidays under a preset, unsorted. */
function holidayDays(year: number, preset: HolidayPreset): Array<[number, string, string]> {
  if (preset === 'none') return [];
  const easter = easterSunday(year);
  const easterDay = dayNumberOf(year, easter.month, easter.day);
  const fixed = (month: number, day: number) => dayNumberOf(year, month, day);
  const list: Array<[number, string, string]> = [
    [fixed(1, 1), 'new_year', "Jour de l'an"],
    [easterDay + 1, 'easter_monday', 'Lundi de Pâques'],
    [fixed(5, 1), 'labour_day', 'Fête du Travail'],
    [fixed(5, 8), 'victory_1945', 'Victoire 1945'],
    [easterDay + 39, 'ascension', 'Ascension'],
    [easterDay + 50, 'whit_monday', 'Lundi de Pentecôte'],
    [fixed(7, 14), 'bastille_day', 'Fête nationale'],
    [fixed(8, 15), 'assumption', 'Assomption'],
    [fixed(11, 1), 'all_saints', 'Toussaint'],
    [fixed(11, 11), 'armistice_1918', 'Armistice 1918'],
    [fixed(12, 25), 'christmas', 'Noël'],
  ];
  if (preset === 'FR-alsace-moselle') {
    list.push([easterDay - 2, 'good_friday', 'Vendredi saint'], [fixed(12, 26), 'st_stephen', 'Saint-Étienne']);
  }
  return list;
}

/** The holidays of one year under a preset, in date order. */
export function holidaysOf(year: number, preset: HolidayPreset): Holiday[] {
  return holidayDays(year, preset)
    .sort((x, y) => x[0] - y[0])
    .map(([n, key, name]) => ({ date: isoDateOf(n), key, name }));
}

/** The day numbers of every holiday of the years `[fromYear, toYear]` under a preset. */
export function holidayDayNumbers(preset: HolidayPreset, fromYear: number, toYear: number): Set<number> {
  const set = new Set<number>();
  for (let y = fromYear; y <= toYear; y++) for (const [n] of holidayDays(y, preset)) set.add(n);
  return set;
}
