import { sql } from 'kysely';
import { unscoped } from '../../db/scope';
import { ackAggregate, percentiles, type Percentiles } from './queries';
import { delayBaseline, type Baseline, type BaselineGroup } from './baseline';
import { hours } from './measure';
import { baselineProviders, type BaselineInput } from './providers';

/**
 * Baselines of the service desk's indicators over a past period: 3.3.2's incidents resolved in
 * it (per criticality) and 3.3.1's tickets received in it (share acknowledged in time, force
 * majeure excluded). Other kinds come from their capability (providers.ts, baselineProviders).
 */

const group = (p: Percentiles | undefined, name: string, count: number): BaselineGroup => ({
  group: name,
  count,
  medianHours: hours(p?.median),
  p80Hours: hours(p?.p80),
  p90Hours: hours(p?.p90),
  p95Hours: hours(p?.p95),
});

/** 3.3.2 — incidents resolved in the period with a resolution time, per criticality. */
export async function resolutionBaseline(i: BaselineInput): Promise<Baseline> {
  const rows = await unscoped(i.db, 'baseline of a commune its caller checked in scope')
    .selectFrom('tickets')
    .select(['priority', sql<number>`count(resolve_business_seconds)`.as('n')])
    .where('communeId', '=', i.communeId)
    .where('resolvedAt', '>=', i.bounds.fromUtc)
    .where('resolvedAt', '<', i.bounds.toUtc)
    .where('mergedIntoId', 'is', null)
    .where('type', '=', 'incident')
    .groupBy('priority')
    .execute();
  const counts = new Map(rows.map((r) => [r.priority as string, Number(r.n)]));
  const p = await percentiles(i.db, i.communeId, 'resolve', i.bounds.fromUtc, i.bounds.toUtc, counts);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const priorities = [...counts.keys()].filter((k) => (counts.get(k) ?? 0) > 0).sort();
  return delayBaseline('resolution_delay', {
    from: i.bounds.fromDate,
    to: i.bounds.toDate,
    months: i.months,
    volume: total,
    groups: [
      group(
        p.find((x) => x.group === '*'),
        '*',
        total,
      ),
      ...priorities.map((k) =>
        group(
          p.find((x) => x.group === k),
          k,
          counts.get(k) ?? 0,
        ),
      ),
    ],
  });
}

/** 3.3.1 — tickets received in the period: the share acknowledged in time and the delay distribution. */
export async function acknowledgementBaseline(i: BaselineInput): Promise<Baseline> {
  const [b] = await ackAggregate(i.db, i.communeId, [i.bounds.fromUtc, i.bounds.toUtc]);
  const volume = (b?.volume ?? 0) - (b?.excluded ?? 0);
  const p = await percentiles(
    i.db,
    i.communeId,
    'ack',
    i.bounds.fromUtc,
    i.bounds.toUtc,
    new Map([['*', b?.acknowledged ?? 0]]),
  );
  return delayBaseline('acknowledgement', {
    from: i.bounds.fromDate,
    to: i.bounds.toDate,
    months: i.months,
    volume,
    share: volume > 0 ? (b?.met ?? 0) / volume : null,
    groups: [
      group(
        p.find((x) => x.group === '*'),
        '*',
        b?.acknowledged ?? 0,
      ),
    ],
  });
}

baselineProviders.resolution_delay = resolutionBaseline;
baselineProviders.acknowledgement = acknowledgementBaseline;

/** The baseline of a rule kind over a period, or null when nothing measures that kind. */
export async function measureBaseline(kind: string, input: BaselineInput): Promise<Baseline | null> {
  const f = baselineProviders[kind];
  return f ? f(input) : null;
}
