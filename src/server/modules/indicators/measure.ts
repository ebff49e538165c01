import { Duration } from 'luxon';
import { shareStatus, type Status } from './status';
import type { AgreementRef, ReportingKind } from '../contracts';

/**
 * Pure assembly of measurements from SQL aggregates: no I/O, no clock. The service gathers the
 * aggregates (queries.ts) and the contract pieces; these functions turn them into the figures,
 * statuses and explanations the dashboards show.
 */

/** Where a target comes from (contracts module): signed, agreed after signing, or still to be agreed. */
export type TargetOrigin = 'contract' | 'agreed' | 'to_be_agreed';

/**
 * The rule and target of one indicator in one contract version, with the agreement in force
 * applied (subset of the contracts module's EffectiveIndicator).
 */
export interface IndicatorDef {
  code: string;
  title: string;
  definition?: string | null;
  periodicity?: string | null;
  /** The target as worded in the signed annex ('' / null when it states none). */
  target?: string | null;
  /** The observed level of service the annex states (niveau de service constaté). */
  baseline?: string | null;
  baselineVolume?: number | null;
  rule: Record<string, unknown> | null;
  commitmentCode: string;
  commitmentText: string;
  targetOrigin?: TargetOrigin;
  agreement?: AgreementRef | null;
  reporting?: { periods: ReportingKind[]; default: ReportingKind } | null;
}

/** A slice of the period during which one contract version was in force. */
export interface ContractPiece {
  from: string;
  to: string;
  annexVersionId: string;
  version: number;
  indicator: IndicatorDef | undefined;
}

export interface PieceResult {
  from: string;
  to: string;
  /** Where this piece's target comes from (null: no contract version over the piece). */
  targetOrigin?: TargetOrigin | null;
  /** The contract version in force; null for days no signed annex covers. */
  annexVersionId: string | null;
  version: number | null;
  value: number | null;
  volume: number | null;
  target: string | null;
  targetShare: number | null;
  /** info while the piece's target is to be agreed. */
  status: Status | 'info';
}

export interface TrendPoint {
  period: string;
  value: number | null;
  volume: number;
}

/** True when a delay rule holds the delay it is judged against (a target "to be agreed" does not). */
export function hasTargetValues(rule: Record<string, unknown> | null | undefined): boolean {
  switch (rule?.kind) {
    case 'acknowledgement':
      return typeof rule.deadline === 'string';
    case 'resolution_delay':
      return typeof rule.byPriority === 'object' && rule.byPriority !== null;
    case 'intervention_delay':
    case 'restoration_delay':
      return typeof rule.delay === 'string';
    default:
      return false;
  }
}

/**
 * The share of cases that must meet a delay rule: the rule's (signed or agreed) share, else every
 * case (1 — "lendemain au maximum" is said of each request); null when there is nothing to judge
 * against (no delay rule, or its target is still to be agreed).
 */
export function targetShareOf(
  rule: Record<string, unknown> | null | undefined,
  origin: TargetOrigin = 'contract',
): number | null {
  if (!rule || origin === 'to_be_agreed' || !hasTargetValues(rule)) {
    const v = rule?.targetShare;
    return origin !== 'to_be_agreed' && typeof v === 'number' && v > 0 && v <= 1 ? v : null;
  }
  const v = rule.targetShare;
  return typeof v === 'number' && v > 0 && v <= 1 ? v : 1;
}

/** The share target of an indicator as one contract version (with its agreement) defines it. */
export function judgedShareOf(def: IndicatorDef | undefined): number | null {
  return def ? targetShareOf(def.rule, def.targetOrigin ?? 'contract') : null;
}

/**
 * The baseline volume per year an indicator's volume is compared with (the volume clause of IV-b):
 * the agreed baseline's when an agreement holds one, else the annex's "volumétrie correspondante".
 */
export function baselineVolumeOf(def: IndicatorDef | null | undefined): {
  yearly: number | null;
  source: 'contract' | 'agreement' | null;
} {
  const agreed = def?.agreement?.baselineVolumePerYear;
  if (typeof agreed === 'number' && agreed > 0) return { yearly: agreed, source: 'agreement' };
  const signed = def?.baselineVolume;
  if (typeof signed === 'number' && signed > 0) return { yearly: signed, source: 'contract' };
  return { yearly: null, source: null };
}

/**
 * The volume clause: "si le volume de dossiers traités par an augmente en année N, cette
 * variation sera à prendre en compte dans l'analyse de l'atteinte des niveaux d'engagement". A
 * missed target whose volume exceeds its baseline by more than `margin` is flagged for the
 * committee rather than shown as a bare miss.
 */
export function needsVolumeReview(status: string, change: number | null, margin: number): boolean {
  return status === 'missed' && change !== null && change > margin;
}

/** ISO-8601 duration to seconds (`PT4H` → 14400); null when unparsable. */
export function durationSeconds(iso: unknown): number | null {
  if (typeof iso !== 'string') return null;
  const d = Duration.fromISO(iso);
  return d.isValid ? d.as('seconds') : null;
}

/**
 * A share indicator measured piecewise: value = Σ met / Σ volume over the pieces; the target is
 * the volume-weighted mean of the pieces' target shares (equal to the target itself when the
 * period lies in one contract version), so each ticket is judged by the target in force when it
 * was counted. Status from the combined value and target (at-risk band: status.ts).
 */
export function combineShares(pieces: Array<{ met: number; volume: number; targetShare: number | null }>): {
  value: number | null;
  volume: number;
  targetShare: number | null;
  status: Status;
} {
  const volume = pieces.reduce((s, p) => s + p.volume, 0);
  const met = pieces.reduce((s, p) => s + p.met, 0);
  const withTarget = pieces.filter((p) => p.targetShare !== null);
  let targetShare: number | null = null;
  if (withTarget.length > 0) {
    const w = withTarget.reduce((s, p) => s + p.volume, 0);
    targetShare =
      w > 0
        ? withTarget.reduce((s, p) => s + p.volume * p.targetShare!, 0) / w
        : withTarget[withTarget.length - 1]!.targetShare;
  }
  const value = volume > 0 ? met / volume : null;
  return { value, volume, targetShare, status: shareStatus(value, targetShare, volume) };
}

/** Relative change of the volume against the contract's baseline volume (0.2 = +20 %), null without baseline. */
export function volumeChange(volume: number | null, baselineVolume: number | null | undefined): number | null {
  if (volume === null || !baselineVolume || baselineVolume <= 0) return null;
  return (volume - baselineVolume) / baselineVolume;
}

/**
 * The contract's baseline volume is yearly (the reference gives "≈ N requests a year"); it is
 * prorated to the period's length so that a quarter compares with a quarter.
 */
export function proratedBaseline(baselineVolume: number | null | undefined, monthsInPeriod: number): number | null {
  if (baselineVolume === null || baselineVolume === undefined || baselineVolume <= 0) return null;
  return Math.round((baselineVolume * monthsInPeriod) / 12);
}

/** Seconds to hours, rounded to 0.01 h; null stays null. */
export function hours(seconds: number | null | undefined): number | null {
  return seconds === null || seconds === undefined ? null : Math.round((seconds / 3600) * 100) / 100;
}

export type Unit = 'share' | 'hours_per_week' | 'hours' | 'count' | 'score' | 'text' | 'number';

/** The display text of a value in the user's language. */
export function displayValue(value: number | null, unit: Unit, locale: 'fr' | 'en', text?: string | null): string {
  if (text) return text;
  if (value === null) return locale === 'fr' ? 'pas de données' : 'no data';
  const nf = (v: number, digits: number) =>
    new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(v);
  switch (unit) {
    case 'share':
      return `${nf(value * 100, 1)} %`;
    case 'hours_per_week':
      return locale === 'fr' ? `${nf(value, 2)} h/semaine` : `${nf(value, 2)} h/week`;
    case 'hours':
      return locale === 'fr' ? `${nf(value, 1)} h ouvrées` : `${nf(value, 1)} business hours`;
    case 'score':
      return `${nf(value, 2)} / 5`;
    default:
      return nf(value, 2);
  }
}

/** Default target text of a share rule when the contract gives none in words. */
export function shareTargetText(targetShare: number | null, locale: 'fr' | 'en'): string | null {
  if (targetShare === null) return null;
  const pct = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(
    targetShare * 100,
  );
  return locale === 'fr' ? `≥ ${pct} %` : `≥ ${pct}%`;
}
