import i18n from '../../i18n';
import { aCommune, fixCommuneContractions } from '../../../../src/shared/french';
import type { TFunction } from 'i18next';
import type { Annex } from './api';

type Rule = NonNullable<NonNullable<Annex['commitments']>[number]['indicators'][number]['rule']>;

/** "PT4H" → "4 h", "P1D" → "1 j", "PT1H30M" → "1 h 30 min" (the contract's durations). */
export function formatDuration(iso: string, t: TFunction): string {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!m) return iso;
  const parts: string[] = [];
  if (m[1]) parts.push(t('contracts:units.days', { count: Number(m[1]) }));
  if (m[2]) parts.push(t('contracts:units.hours', { count: Number(m[2]) }));
  if (m[3]) parts.push(t('contracts:units.minutes', { count: Number(m[3]) }));
  return parts.join(' ') || iso;
}

/** A share as a percentage in the interface language's way (95,5 % in French). */
const pct = (x: number) =>
  `${new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(x * 100)} %`;
/** A rule's share; a delay stated without a share applies to every case (100 %). */
const share = (x: number | undefined) => pct(x ?? 1);

/** A readable sentence for an indicator's machine rule. */
export function describeRule(rule: Rule | null, t: TFunction): string {
  if (!rule) return t('contracts:rule.none');
  switch (rule.kind) {
    case 'acknowledgement':
      return t('contracts:rule.acknowledgement', { share: share(rule.targetShare) });
    case 'resolution_delay': {
      const byPriority = rule.byPriority;
      if (!byPriority) return t('contracts:rule.resolutionToAgree');
      return t('contracts:rule.resolution', {
        delays: (['P1', 'P2', 'P3', 'P4'] as const).map((p) => `${p} ${formatDuration(byPriority[p], t)}`).join(' · '),
        share: share(rule.targetShare),
      });
    }
    case 'intervention_delay':
      if (!rule.delay) return t('contracts:rule.interventionToAgree');
      return t('contracts:rule.intervention', { delay: formatDuration(rule.delay, t), share: share(rule.targetShare) });
    case 'restoration_delay':
      if (!rule.delay) return t('contracts:rule.restorationToAgree');
      return t('contracts:rule.restoration', { delay: formatDuration(rule.delay, t), share: share(rule.targetShare) });
    case 'restore_delay':
      return t('contracts:rule.restore', { delay: formatDuration(rule.maxDelay, t) });
    case 'data_loss_window':
      return t('contracts:rule.dataLoss', {
        delay: formatDuration(rule.maxWindow, t),
        policy: t(`contracts:policy.${rule.policy}`),
      });
    case 'fleet_renewal_share':
      return t('contracts:rule.fleet', { share: pct(rule.sharePerYear) });
    case 'support_hours':
      return t('contracts:rule.supportHours', {
        channels: rule.channels.map((c) => t(`contracts:channel.${c}`)).join(', '),
      });
    case 'plan_exists':
      return t('contracts:rule.plan', { years: rule.horizonYears, months: rule.updateEveryMonths });
    case 'application_portfolio':
      return t('contracts:rule.portfolio');
    case 'project_workload':
      return rule.tolerance === undefined
        ? t('contracts:rule.workloadInfo', { reference: rule.serviceReferenceDays ?? '—' })
        : t('contracts:rule.workload', { share: pct(rule.tolerance), reference: rule.serviceReferenceDays ?? '—' });
    case 'plan_delivery':
      return rule.targetShare === undefined
        ? t('contracts:rule.deliveryInfo')
        : t('contracts:rule.delivery', { share: pct(rule.targetShare) });
  }
}

/** 2018-01-01 → "01/01/2018" (fr) / "1 Jan 2018" (en). */
export function formatDay(date: string | null | undefined, language: string): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    day: language === 'en' ? 'numeric' : '2-digit',
    month: language === 'en' ? 'short' : '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, d));
}

/** The day before an exclusive end date (versions are in force until the day before the next one). */
export function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** Today as YYYY-MM-DD in Paris (the contract's days). */
function parisToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

/**
 * When a version applies, in words: "en vigueur du … au …", "en vigueur depuis le …", or for a
 * version not yet in force "en vigueur à partir du …" (never "depuis" a date still to come).
 */
export function validityText(
  t: TFunction,
  v: { effectiveFrom: string | null; effectiveTo?: string | null },
  language: string,
  now: Date = new Date(),
): string {
  if (!v.effectiveFrom) return t('contracts:validity.undated');
  const from = formatDay(v.effectiveFrom, language);
  if (v.effectiveTo)
    return t('contracts:validity.between', { from, to: formatDay(dayBefore(v.effectiveTo), language) });
  return v.effectiveFrom > parisToday(now)
    ? t('contracts:validity.future', { from })
    : t('contracts:validity.since', { from });
}

/** Text of the contract shown as French: "la commune de Le Bouscat" reads "la commune du Bouscat". */
export function frenchText(text: string, language: string): string {
  return language === 'en' ? text : fixCommuneContractions(text);
}

/**
 * "Signé le 12/03/2016 au Bouscat" (the place with its contraction), "Signé le 12/03/2016"
 * without a place, "Non signé" without a date (never "Signé le — —").
 */
export function signedText(t: TFunction, signedAt: string | null, place: string | null, language: string): string {
  if (!signedAt) return t('contracts:notSigned');
  const date = formatDay(signedAt, language);
  if (!place) return t('contracts:signedOnDate', { date });
  return t('contracts:signedOn', { date, place: language === 'en' ? place : aCommune(place) });
}

/**
 * The versions to compare: as asked; with only `to`, the signed version in force before it (the
 * latest signed one other than `to` starting no later); with neither, the last two signed ones.
 */
export function withDefaultBase(
  items: ReadonlyArray<{ id: string; status: string; effectiveFrom: string | null; version: number }>,
  search: { from?: string; to?: string },
): { from?: string; to?: string } {
  const signed = items.filter((v) => v.status === 'signed').sort((a, b) => a.version - b.version);
  if (search.from && search.to) return search;
  if (search.to) {
    const target = items.find((v) => v.id === search.to);
    const before = signed.filter(
      (v) =>
        v.id !== search.to && (!target?.effectiveFrom || !v.effectiveFrom || v.effectiveFrom <= target.effectiveFrom),
    );
    return { from: search.from ?? (before[before.length - 1] ?? signed[signed.length - 1])?.id, to: search.to };
  }
  if (search.from) return search;
  return { from: signed[signed.length - 2]?.id, to: signed[signed.length - 1]?.id };
}

/**
 * An article's text around the table of revisions: the body's `{{revisions}}` marks where the
 * table goes (Article 2 "… est :" then the table), as in the PDF. No marker: all text, no table.
 */
export function splitAtRevisions(body: string): { before: string; after: string } | null {
  const m = /\n*\{\{revisions\}\}\n*/.exec(body);
  if (!m) return null;
  return { before: body.slice(0, m.index), after: body.slice(m.index + m[0].length) };
}

/**
 * The signing form's date problems in the interface language (the server explains its `invalid`
 * in English): worded from the field alone, with the start of the current quarter, the earliest
 * effective date accepted.
 */
export function signingProblem(
  t: TFunction,
  p: { field: string; code: string },
  language: string,
  now: Date = new Date(),
): string | undefined {
  if (p.code !== 'invalid') return undefined;
  if (p.field === 'effectiveFrom') {
    const [y, m] = parisToday(now).split('-').map(Number) as [number, number];
    const quarter = `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    return t('contracts:signProblems.effectiveFrom', { from: formatDay(quarter, language) });
  }
  if (p.field === 'signedAt') return t('contracts:signProblems.signedAt');
  return t('contracts:signProblems.other');
}
