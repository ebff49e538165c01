/**
 * Indicator 3.1.1, "Taux de modernisation du parc des PENT" — pure arithmetic on the devices'
 * dates of service, no I/O.
 *
 * - The fleet of a year is a stock: the devices in service at 00:00 on 1 January (deployed
 *   before that day, not retired before it).
 * - A renewal is a device bought to renew another (`renewal`), counted on the day it goes into
 *   service.
 * - Value of a period = renewals in the period (up to today while it runs) / fleet at the start
 *   of the period's year; so the months of a year add up to the year.
 * - Target = the yearly share of the rule in force each day, prorated to the days measured
 *   (1/6 over a whole year; a year that spans an amendment takes each version's share for its
 *   days; days no signed version covers promise nothing). At-risk band: five points of the yearly
 *   share's scale (status.ts), prorated the same way.
 * - Status: `no_data` without fleet, `info` when no version in force gives a share (the target is
 *   to be agreed), else met / at_risk / missed.
 */

export interface ServiceSpan {
  kind: string;
  inServiceFrom: string | null;
  retiredOn: string | null;
  renewal: boolean;
}

/** A slice of the period under one contract version, with that version's yearly share (null: none). */
export interface SharePiece {
  from: string;
  to: string;
  sharePerYear: number | null;
  annexVersionId?: string | null;
  version?: number | null;
}

export type RenewalStatus = 'met' | 'at_risk' | 'missed' | 'no_data' | 'info';

/** Width of the at-risk band below a yearly share (five points, as indicators/status.ts). */
export const AT_RISK_BAND = 0.05;
const DAY = 86_400_000;
const EPS = 1e-9;

/** Days between two local dates (`to` exclusive). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

export function daysInYear(year: number): number {
  return daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
}

/** In service at 00:00 on `date`. */
export function inServiceAt(d: Pick<ServiceSpan, 'inServiceFrom' | 'retiredOn'>, date: string): boolean {
  return d.inServiceFrom !== null && d.inServiceFrom < date && (d.retiredOn === null || d.retiredOn >= date);
}

/** A renewal that went into service in [from, to). */
export function renewedIn(d: ServiceSpan, from: string, to: string): boolean {
  return d.renewal && d.inServiceFrom !== null && d.inServiceFrom >= from && d.inServiceFrom < to;
}

export function statusOf(value: number | null, target: number | null, band: number, volume: number): RenewalStatus {
  if (volume === 0 || value === null) return 'no_data';
  if (target === null) return 'info';
  if (value + EPS >= target) return 'met';
  if (value + EPS >= target - band) return 'at_risk';
  return 'missed';
}

export interface RenewalInput {
  devices: readonly ServiceSpan[];
  /** The period measured: local dates, `to` exclusive, both in the same year. */
  from: string;
  to: string;
  /** Measure up to this day (exclusive) at most: the day after today for a running period. */
  until: string;
  pieces: readonly SharePiece[];
}

export interface RenewalMeasure {
  year: number;
  fleetAtStart: number;
  renewed: number;
  value: number | null;
  /** The target share for the days measured (null when no version gives one). */
  targetShare: number | null;
  /** Renewals the target asks for over the days measured, rounded up. */
  required: number | null;
  status: RenewalStatus;
  measuredTo: string;
  pieces: Array<{
    from: string;
    to: string;
    annexVersionId: string | null;
    version: number | null;
    renewed: number;
    value: number | null;
    sharePerYear: number | null;
    targetShare: number | null;
    status: RenewalStatus;
  }>;
  byKind: Array<{
    kind: string;
    fleetAtStart: number;
    renewed: number;
    value: number | null;
    status: RenewalStatus;
  }>;
  months: Array<{ month: string; renewed: number; cumulative: number; cumulativeShare: number | null }>;
}

function clip(from: string, to: string, lo: string, hi: string): [string, string] | null {
  const a = from > lo ? from : lo;
  const b = to < hi ? to : hi;
  return a < b ? [a, b] : null;
}

export function measureRenewal(input: RenewalInput): RenewalMeasure {
  const year = Number(input.from.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const yd = daysInYear(year);
  const end = input.until < input.to ? input.until : input.to;
  const measuredTo = end > input.from ? end : input.from;
  const fleet = input.devices.filter((d) => inServiceAt(d, yearStart));
  const fleetAtStart = fleet.length;
  const count = (from: string, to: string, list: readonly ServiceSpan[] = input.devices) =>
    from < to ? list.filter((d) => renewedIn(d, from, to)).length : 0;
  const renewed = count(input.from, measuredTo);
  const value = fleetAtStart > 0 ? renewed / fleetAtStart : null;

  let target: number | null = null;
  const pieces: RenewalMeasure['pieces'] = [];
  for (const p of input.pieces) {
    const c = clip(p.from, p.to, input.from, measuredTo);
    if (!c) continue;
    const days = daysBetween(c[0], c[1]);
    const t = p.sharePerYear === null ? null : (p.sharePerYear * days) / yd;
    if (t !== null) target = (target ?? 0) + t;
    const r = count(c[0], c[1]);
    const v = fleetAtStart > 0 ? r / fleetAtStart : null;
    pieces.push({
      from: c[0],
      to: c[1],
      annexVersionId: p.annexVersionId ?? null,
      version: p.version ?? null,
      renewed: r,
      value: v,
      sharePerYear: p.sharePerYear,
      targetShare: t,
      status: statusOf(v, t, (AT_RISK_BAND * days) / yd, fleetAtStart),
    });
  }
  const band = (AT_RISK_BAND * daysBetween(input.from, measuredTo)) / yd;
  const status = statusOf(value, target, band, fleetAtStart);

  const kinds = [...new Set(input.devices.map((d) => d.kind))].sort();
  const byKind = kinds
    .map((kind) => {
      const list = input.devices.filter((d) => d.kind === kind);
      const atStart = list.filter((d) => inServiceAt(d, yearStart)).length;
      const r = count(input.from, measuredTo, list);
      const v = atStart > 0 ? r / atStart : null;
      return { kind, fleetAtStart: atStart, renewed: r, value: v, status: statusOf(v, target, band, atStart) };
    })
    .filter((k) => k.fleetAtStart > 0 || k.renewed > 0);

  const months: RenewalMeasure['months'] = [];
  let cumulative = 0;
  for (let m = 1; m <= 12; m++) {
    const from = `${year}-${String(m).padStart(2, '0')}-01`;
    const to = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
    const c = clip(from, to, input.from, measuredTo);
    if (!c) continue;
    const r = count(c[0], c[1]);
    cumulative += r;
    months.push({
      month: from.slice(0, 7),
      renewed: r,
      cumulative,
      cumulativeShare: fleetAtStart > 0 ? cumulative / fleetAtStart : null,
    });
  }
  return {
    year,
    fleetAtStart,
    renewed,
    value,
    targetShare: target,
    required: target === null ? null : Math.ceil(target * fleetAtStart - EPS),
    status,
    measuredTo,
    pieces,
    byKind,
    months,
  };
}
