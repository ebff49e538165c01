import { daysBetween, daysInYear, inServiceAt, renewedIn, type ServiceSpan, type SharePiece } from './renewal-rate';

/**
 * Where a year of indicator 3.1.1 stands month by month: renewals put into service, cumulated,
 * against the share the contract asks for prorated to the end of each month ("Renouvellement
 * d'1/6 du parc par an": by the end of March, 90/365 of a sixth of the fleet at 1 January).
 * Each day counts under the version in force that day (a year spanning an amendment takes each
 * version's share for its days), as renewal-rate.ts does for the year. Pure: no I/O, no clock.
 */

export type ProgressStatus = 'on_track' | 'behind' | 'upcoming' | 'no_target' | 'no_data';

export interface ProgressMonth {
  /** `YYYY-MM`. */
  month: string;
  /** Renewals put into service in the month (up to the day measured). */
  renewed: number;
  /** Renewals since 1 January, to the end of the month; null for a month not begun. */
  cumulative: number | null;
  /** The share asked by the end of the month (prorated by days); null when no version gives one. */
  targetShare: number | null;
  /** Devices that share represents (fleet at 1 January × share), unrounded: the chart's line. */
  targetCount: number | null;
  /** Renewals needed by the day measured in the month (rounded up); null when no target. */
  required: number | null;
  status: ProgressStatus;
}

export interface RenewalProgress {
  year: number;
  fleetAtStart: number;
  /** The share asked over the whole year (1/6 in the reference; weighted when amended). */
  yearShare: number | null;
  /** Renewals the year asks for (rounded up). */
  yearRequired: number | null;
  renewed: number;
  /** Measured up to this day (exclusive). */
  measuredTo: string;
  months: ProgressMonth[];
}

const EPS = 1e-9;
/** Devices a share of the fleet asks for, rounded up (and never -0). */
const countFor = (share: number, fleet: number) => Math.max(0, Math.ceil(share * fleet - EPS));

const monthStart = (year: number, m: number) =>
  m === 13 ? `${year + 1}-01-01` : `${year}-${String(m).padStart(2, '0')}-01`;

/** The prorated share the pieces ask for over [from, to). */
function shareOver(pieces: readonly SharePiece[], from: string, to: string, yd: number): number | null {
  let total: number | null = null;
  for (const p of pieces) {
    const a = p.from > from ? p.from : from;
    const b = p.to < to ? p.to : to;
    if (a >= b || p.sharePerYear === null) continue;
    total = (total ?? 0) + (p.sharePerYear * daysBetween(a, b)) / yd;
  }
  return total;
}

/** The year month by month. `until` is the day after today (exclusive); pieces cover the year. */
export function renewalProgress(input: {
  devices: readonly ServiceSpan[];
  year: number;
  until: string;
  pieces: readonly SharePiece[];
}): RenewalProgress {
  const { year, pieces } = input;
  const yearStart = monthStart(year, 1);
  const yearEnd = monthStart(year, 13);
  const yd = daysInYear(year);
  const measuredTo = input.until < yearStart ? yearStart : input.until > yearEnd ? yearEnd : input.until;
  const fleetAtStart = input.devices.filter((d) => inServiceAt(d, yearStart)).length;
  const renewals = input.devices.filter((d) => renewedIn(d, yearStart, measuredTo));
  const yearShare = shareOver(pieces, yearStart, yearEnd, yd);
  const months: ProgressMonth[] = [];
  let cumulative = 0;
  for (let m = 1; m <= 12; m++) {
    const from = monthStart(year, m);
    const to = monthStart(year, m + 1);
    const begun = from < measuredTo;
    const end = to < measuredTo ? to : measuredTo;
    const renewed = begun ? renewals.filter((d) => d.inServiceFrom! >= from && d.inServiceFrom! < end).length : 0;
    cumulative += renewed;
    const targetShare = shareOver(pieces, yearStart, to, yd);
    const dueShare = begun ? shareOver(pieces, yearStart, end, yd) : null;
    const required = dueShare === null ? null : countFor(dueShare, fleetAtStart);
    const status: ProgressStatus = !begun
      ? 'upcoming'
      : fleetAtStart === 0
        ? 'no_data'
        : required === null
          ? 'no_target'
          : cumulative >= required
            ? 'on_track'
            : 'behind';
    months.push({
      month: from.slice(0, 7),
      renewed,
      cumulative: begun ? cumulative : null,
      targetShare,
      targetCount: targetShare === null ? null : targetShare * fleetAtStart,
      required: begun ? required : null,
      status,
    });
  }
  return {
    year,
    fleetAtStart,
    yearShare,
    yearRequired: yearShare === null ? null : countFor(yearShare, fleetAtStart),
    renewed: renewals.length,
    measuredTo,
    months,
  };
}
