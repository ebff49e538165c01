import { DateTime } from 'luxon';

/** Calendar helpers of the contracts module (pure): contract dates are local dates in Europe/Paris. */

export const CONTRACT_ZONE = 'Europe/Paris';

/** The local date (YYYY-MM-DD) of an instant in the contracts' time zone. */
export function localDateOf(now: Date, zone = CONTRACT_ZONE): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** The first day of the quarter of a local date: reported periods are quarters (comité de suivi: trimestriel). */
export function quarterStart(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(q).padStart(2, '0')}-01`;
}

/** True for a real calendar date written YYYY-MM-DD (2018-02-30 is not). */
export function isValidDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date).isValid;
}

const months = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
/** A date as written in French deeds: "1er janvier 2018", "15 février 2016". */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d === 1 ? '1er' : d} ${months[m - 1]} ${y}`;
}
