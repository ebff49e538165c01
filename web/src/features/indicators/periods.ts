/** Period choices for the selector: recent quarters, months and years, newest first. */
export function periodChoices(today: Date = new Date()): { quarters: string[]; months: string[]; years: string[] } {
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  const quarters: string[] = [];
  let q = Math.floor((m - 1) / 3) + 1;
  let qy = y;
  for (let i = 0; i < 8; i++) {
    quarters.push(`${qy}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      qy -= 1;
    }
  }
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(y, m - 1 - i, 1);
    months.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
  }
  return { quarters, months, years: [String(y), String(y - 1), String(y - 2)] };
}

/** The default period: the last complete quarter (committees review closed quarters). */
export function defaultPeriod(today: Date = new Date()): string {
  return periodChoices(today).quarters[1]!;
}

type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

/** The kind of a period label: 2026-07 month, 2026-Q3 quarter, 2026-S2 half, 2026 year. */
export function periodKind(p: string): PeriodKind {
  if (/^\d{4}$/.test(p)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(p)) return 'quarter';
  if (/^\d{4}-S[12]$/.test(p)) return 'half';
  return 'month';
}

/**
 * The period of the indicator's own reporting kind that contains `p` (an annual indicator seen
 * on a quarter → its year), or null when `p` is already one of its reporting kinds or when the
 * containing period cannot be told (a half inside a quarter).
 */
export function reportingPeriodFor(p: string, periods: readonly PeriodKind[], preferred: PeriodKind): string | null {
  const kind = periodKind(p);
  if (periods.includes(kind)) return null;
  const year = p.slice(0, 4);
  const month =
    kind === 'month'
      ? Number(p.slice(5, 7))
      : kind === 'quarter'
        ? (Number(p.slice(6)) - 1) * 3 + 1
        : kind === 'half'
          ? (Number(p.slice(6)) - 1) * 6 + 1
          : 1;
  const rank = { month: 0, quarter: 1, half: 2, year: 3 } as const;
  if (rank[preferred] < rank[kind]) return null;
  switch (preferred) {
    case 'year':
      return year;
    case 'half':
      return `${year}-S${month <= 6 ? 1 : 2}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    default:
      return null;
  }
}

/** The period in the address (`?periode=2026-Q3`): kept when drilling into a commune and back. */
export type PeriodSearch = { periode?: string };
// A year typed in the address (`?periode=2025`) reaches here as a number (the router parses
// search values as JSON): read it as the period it names.
export const periodSearch = (search: Record<string, unknown>): PeriodSearch => {
  const v = typeof search.periode === 'number' ? String(search.periode) : search.periode;
  return typeof v === 'string' && /^\d{4}(-Q[1-4]|-S[12]|-(0[1-9]|1[0-2]))?$/.test(v) ? { periode: v } : {};
};
