import { DateTime } from 'luxon';

/**
 * Measurement periods: a month (`2026-07`), a quarter (`2026-Q3`), a half-year (`2026-S2`) or a
 * year (`2026`). Bounds are local dates in the commune calendar's zone, turned into UTC instants
 * there, so a period never gains or loses the DST hour (zammad#6134: a month computed in UTC cuts
 * off the evening of its last day in Paris).
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1-based index inside the year: month 1–12, quarter 1–4, half 1–2; 1 for a year. */
  index: number;
}

export interface PeriodBounds {
  /** First local day, `YYYY-MM-DD`. */
  fromDate: string;
  /** Local day after the last one, `YYYY-MM-DD` (exclusive). */
  toDate: string;
  /** Local midnight of fromDate as an ISO-8601 UTC instant (stored form). */
  fromUtc: string;
  /** Local midnight of toDate as an ISO-8601 UTC instant (exclusive). */
  toUtc: string;
}

const monthsPer: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** Parses `2026`, `2026-S2`, `2026-Q3` or `2026-07`; undefined when the text is none of them. */
export function parsePeriod(text: string): Period | undefined {
  const t = text.trim().toUpperCase();
  let m = /^(\d{4})$/.exec(t);
  if (m) return checkYear({ kind: 'year', year: Number(m[1]), index: 1 });
  m = /^(\d{4})-Q([1-4])$/.exec(t);
  if (m) return checkYear({ kind: 'quarter', year: Number(m[1]), index: Number(m[2]) });
  m = /^(\d{4})-S([12])$/.exec(t);
  if (m) return checkYear({ kind: 'half', year: Number(m[1]), index: Number(m[2]) });
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(t);
  if (m) return checkYear({ kind: 'month', year: Number(m[1]), index: Number(m[2]) });
  return undefined;
}

function checkYear(p: Period): Period | undefined {
  return p.year >= 2000 && p.year <= 2100 ? p : undefined;
}

/** The canonical text of a period (`2026-Q3`). */
export function formatPeriod(p: Period): string {
  switch (p.kind) {
    case 'year':
      return String(p.year);
    case 'quarter':
      return `${p.year}-Q${p.index}`;
    case 'half':
      return `${p.year}-S${p.index}`;
    case 'month':
      return `${p.year}-${String(p.index).padStart(2, '0')}`;
  }
}

function firstMonth(p: Period): number {
  return (p.index - 1) * monthsPer[p.kind] + 1;
}

/** Local-date bounds of the period and their UTC instants in `zone`. */
export function periodBounds(p: Period, zone: string): PeriodBounds {
  const start = DateTime.fromObject({ year: p.year, month: firstMonth(p), day: 1 }, { zone });
  const end = start.plus({ months: monthsPer[p.kind] });
  if (!start.isValid) throw new Error(`periodBounds: invalid zone ${zone}`);
  return {
    fromDate: start.toISODate(),
    toDate: end.toISODate()!,
    fromUtc: start.toUTC().toISO(),
    toUtc: end.toUTC().toISO()!,
  };
}

/** The period `n` steps before (negative: after) `p`, same granularity. */
export function shiftPeriod(p: Period, n: number): Period {
  const per = 12 / monthsPer[p.kind];
  const ordinal = p.year * per + (p.index - 1) - n;
  return { kind: p.kind, year: Math.floor(ordinal / per), index: (ordinal % per) + 1 };
}

/** The `n` periods before `p`, oldest first. */
export function previousPeriods(p: Period, n: number): Period[] {
  const out: Period[] = [];
  for (let i = n; i >= 1; i--) out.push(shiftPeriod(p, i));
  return out;
}

/** The period of this kind containing the local date `YYYY-MM-DD`. */
export function periodContaining(kind: PeriodKind, date: string): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { kind, year, index: kind === 'year' ? 1 : Math.floor((month - 1) / monthsPer[kind]) + 1 };
}

/** The last complete period of this kind before the instant `now`, in `zone` (the default dashboard period). */
export function lastCompletePeriod(kind: PeriodKind, now: Date, zone: string): Period {
  const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
  return shiftPeriod(periodContaining(kind, today), 1);
}

/** The `Period` for a contract periodicity word (`monthly`, `quarterly`, `yearly` …), quarterly by default. */
export function kindOfPeriodicity(periodicity: string | null | undefined): PeriodKind {
  const s = (periodicity ?? '').toLowerCase();
  if (/mens|month/.test(s)) return 'month';
  if (/annu|year/.test(s)) return 'year';
  if (/semest|half/.test(s)) return 'half';
  return 'quarter';
}

/** A machine-readable periodicity: the periods an indicator is followed over and the one reported by default. */
export interface Reporting {
  periods: PeriodKind[];
  default: PeriodKind;
}

/**
 * Reads the annex's "Périodicité de suivi" text ("Annuelle", "Mensuelle ou trimestrielle",
 * "Semestrielle") when the indicator carries no machine-readable one. The default is the coarsest
 * period named up to the quarter — the follow-up committee meets quarterly (annex, Gouvernance) —
 * or the year for an annual indicator. Null when the text names no period.
 */
export function parsePeriodicity(text: string | null | undefined): Reporting | null {
  const t = (text ?? '').toLowerCase();
  const found: PeriodKind[] = [];
  if (/mensuel/.test(t)) found.push('month');
  if (/trimestr/.test(t)) found.push('quarter');
  if (/semestr/.test(t)) found.push('half');
  if (/annuel/.test(t)) found.push('year');
  if (found.length === 0) return null;
  return { periods: found, default: found[found.length - 1]! };
}

/** Every period of a kind within a year, in order. */
export function periodsOfYear(kind: PeriodKind, year: number): Period[] {
  const n = 12 / monthsPer[kind];
  return Array.from({ length: n }, (_, i) => ({ kind, year, index: i + 1 }));
}
