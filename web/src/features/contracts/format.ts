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

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
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
