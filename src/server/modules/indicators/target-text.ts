import { Duration } from 'luxon';
import type { IndicatorDef } from './measure';

/**
 * The target of an indicator in words, as dashboards and exports show it: the signed annex's
 * wording when it has one; for a target agreed after signing, the agreed values marked as agreed;
 * for a rule the annex states without a target column (3.3.1 "lendemain au maximum"), what the
 * rule says; nothing while the target is to be agreed (never an invented figure).
 */
export function targetText(def: IndicatorDef, locale: 'fr' | 'en'): string | null {
  if (def.target) return def.target;
  const origin = def.targetOrigin ?? 'contract';
  if (origin === 'to_be_agreed') return null;
  const r = def.rule;
  if (!r) return null;
  const fr = locale === 'fr';
  const nf = (v: number) => new Intl.NumberFormat(fr ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(v);
  const share = typeof r.targetShare === 'number' ? r.targetShare : 1;
  const pct = `${nf(share * 100)}${fr ? ' %' : '%'}`;
  const h = (iso: unknown) => {
    const d = typeof iso === 'string' ? Duration.fromISO(iso) : null;
    return d && d.isValid ? `${nf(d.as('hours'))} h` : '?';
  };
  const agreed = origin === 'agreed' ? (fr ? ' (convenu)' : ' (agreed)') : '';
  switch (r.kind) {
    case 'acknowledgement':
      return (
        (fr
          ? `${pct} des demandes prises en compte au plus tard le jour ouvré suivant (hors force majeure)`
          : `${pct} of tickets acknowledged by the end of the next business day (force majeure excluded)`) + agreed
      );
    case 'resolution_delay': {
      const by = r.byPriority as Record<string, string> | undefined;
      if (!by) return null;
      const list = ['P1', 'P2', 'P3', 'P4'].map((p) => `${p} ${h(by[p])}`).join(', ');
      return (
        (fr
          ? `${pct} des incidents résolus dans le délai de leur criticité : ${list} ouvrées`
          : `${pct} of incidents resolved within their criticality's delay: ${list} business time`) + agreed
      );
    }
    case 'intervention_delay':
    case 'restoration_delay': {
      if (typeof r.delay !== 'string') return null;
      const what =
        r.kind === 'intervention_delay'
          ? fr
            ? 'des interventions'
            : 'of interventions'
          : fr
            ? 'des remises en service'
            : 'of restorations';
      return (
        (fr ? `${pct} ${what} sous ${h(r.delay)} ouvrées` : `${pct} ${what} within ${h(r.delay)} business time`) +
        agreed
      );
    }
    default:
      return null;
  }
}
