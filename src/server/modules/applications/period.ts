import { DateTime } from 'luxon';

/** A measurement period's local days and UTC instants in a zone (`2026`, `2026-S2`, `2026-Q3`, `2026-07`). */
export interface PeriodRange {
  period: string;
  fromDate: string;
  toDate: string;
  fromUtc: string;
  toUtc: string;
}

/** The range of a period text in `zone`; undefined when the text is not a period. */
export function periodRange(text: string, zone: string): PeriodRange | undefined {
  const t = text.trim().toUpperCase();
  const m = /^(\d{4})(?:-Q([1-4])|-S([12])|-(0[1-9]|1[0-2]))?$/.exec(t);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return undefined;
  let month = 1;
  let months = 12;
  if (m[2]) [month, months] = [(Number(m[2]) - 1) * 3 + 1, 3];
  else if (m[3]) [month, months] = [(Number(m[3]) - 1) * 6 + 1, 6];
  else if (m[4]) [month, months] = [Number(m[4]), 1];
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone });
  const end = start.plus({ months });
  return {
    period: t,
    fromDate: start.toISODate()!,
    toDate: end.toISODate()!,
    fromUtc: start.toUTC().toISO()!,
    toUtc: end.toUTC().toISO()!,
  };
}
