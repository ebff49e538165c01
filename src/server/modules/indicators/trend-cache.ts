import type { Executor } from '../../db/schema';
import { ackAggregate, resolveAggregate, type AckBucket, type ResolveBucket } from './queries';
import { unscoped } from '../../db/scope';

/**
 * The trend of a dashboard (the previous 4 quarters, 12 months, 3 years …) served from a cache
 * for the periods already closed, so that a dashboard recomputes the period asked for and not
 * five years of history each time.
 *
 * What is cached: the rows of the ack and resolve aggregates of one trend bucket [from, to) of a
 * commune — pure counts over the tickets, independent of the contract (the trend shows counts and
 * shares, not targets). A bucket is cached only once closed (`to` ≤ now).
 *
 * When it is valid: database triggers bump a counter per commune and UTC month on every ticket
 * insert, delete, and update of a column these aggregates read (creation and resolution months,
 * before and after; migration 2026112812). A cached bucket carries the sum of the counters of
 * the months it overlaps, read *before* its aggregate was computed; it is served only while the
 * sum is unchanged. A write committed during the computation thus at worst makes the entry stale
 * at once (recomputed next time), never wrong. A new ticket today bumps only this month, so the
 * closed periods' entries stay valid; a late change to an old ticket (reopened, merged, a survey
 * answered) invalidates the periods of its months.
 *
 * Inside a transaction (freezing snapshots, manual values) nothing is read from or written to
 * the cache: those measurements are computed live.
 */

/** The UTC month ('YYYY-MM') of an ISO instant, and the one of the last instant before it. */
const monthOf = (iso: string) => iso.slice(0, 7);
const monthBefore = (iso: string) => new Date(Date.parse(iso) - 1).toISOString().slice(0, 7);

function withoutBucket<R extends { bucket: number }>(r: R): Omit<R, 'bucket'> {
  const { bucket, ...rest } = r;
  void bucket;
  return rest;
}

/**
 * The ack and resolve aggregates over `bounds` (see queries.ts: the `trendCount` trend buckets,
 * then the period's segments), the valid closed trend buckets read from the cache and the
 * others computed (from the first missing one on, in one pass) and stored.
 */
export async function trendAggregates(
  db: Executor,
  communeId: string,
  bounds: readonly string[],
  trendCount: number,
  now: Date | undefined,
): Promise<{ ack: AckBucket[]; res: ResolveBucket[] }> {
  if (trendCount === 0 || now === undefined || db.isTransaction) {
    return { ack: await ackAggregate(db, communeId, bounds), res: await resolveAggregate(db, communeId, bounds) };
  }
  const nowIso = now.toISOString();
  const trend = Array.from({ length: trendCount }, (_, j) => ({
    j,
    from: bounds[j]!,
    to: bounds[j + 1]!,
    months: [monthOf(bounds[j]!), monthBefore(bounds[j + 1]!)] as const,
  }));
  const closed = trend.filter((t) => t.to <= nowIso);
  if (closed.length === 0) {
    return { ack: await ackAggregate(db, communeId, bounds), res: await resolveAggregate(db, communeId, bounds) };
  }

  // 1. The data versions, before anything is computed (see above).
  const versions = await unscoped(db, 'aggregate cache of a commune its caller checked in scope')
    .selectFrom('indicatorDataVersions')
    .select(['month', 'version'])
    .where('communeId', '=', communeId)
    .where('month', '>=', closed[0]!.months[0])
    .where('month', '<=', closed[closed.length - 1]!.months[1])
    .execute();
  const versionOf = (t: (typeof trend)[number]) =>
    versions.reduce((s, v) => (v.month >= t.months[0] && v.month <= t.months[1] ? s + Number(v.version) : s), 0);

  // 2. The cached entries still valid.
  const entries = await unscoped(db, 'aggregate cache of a commune its caller checked in scope')
    .selectFrom('indicatorTrendCache')
    .select(['kind', 'fromUtc', 'toUtc', 'dataVersion', 'rows'])
    .where('communeId', '=', communeId)
    .where(
      'fromUtc',
      'in',
      closed.map((t) => t.from),
    )
    .execute();
  const valid = (kind: 'ack' | 'resolve', t: (typeof trend)[number]): unknown[] | undefined => {
    if (t.to > nowIso) return undefined;
    const e = entries.find((x) => x.kind === kind && x.fromUtc === t.from && x.toUtc === t.to);
    return e && Number(e.dataVersion) === versionOf(t) ? (JSON.parse(e.rows) as unknown[]) : undefined;
  };

  // 3. Per kind: cached buckets up to the first invalid one, the rest computed in one pass.
  const stored: Array<{ kind: 'ack' | 'resolve'; t: (typeof trend)[number]; rows: unknown[] }> = [];
  const combine = async <R extends { bucket: number }>(
    kind: 'ack' | 'resolve',
    compute: (b: readonly string[]) => Promise<R[]>,
  ): Promise<R[]> => {
    const cached: R[] = [];
    let first = 0;
    for (; first < trendCount; first++) {
      const rows = valid(kind, trend[first]!);
      if (!rows) break;
      for (const r of rows) cached.push({ ...(r as Omit<R, 'bucket'>), bucket: first } as R);
    }
    const computed = (await compute(bounds.slice(first))).map((r) => ({ ...r, bucket: r.bucket + first }));
    for (const t of trend.slice(first)) {
      if (t.to > nowIso) continue;
      stored.push({ kind, t, rows: computed.filter((r) => r.bucket === t.j).map((r) => withoutBucket(r)) });
    }
    return [...cached, ...computed];
  };
  const ack = await combine<AckBucket>('ack', (b) => ackAggregate(db, communeId, b));
  const res = await combine<ResolveBucket>('resolve', (b) => resolveAggregate(db, communeId, b));

  // 4. Store what was computed for closed buckets, with the versions read in step 1.
  if (stored.length > 0) {
    await db
      .insertInto('indicatorTrendCache')
      .values(
        stored.map((s) => ({
          communeId,
          kind: s.kind,
          fromUtc: s.t.from,
          toUtc: s.t.to,
          dataVersion: versionOf(s.t),
          rows: JSON.stringify(s.rows),
          computedAt: nowIso,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['communeId', 'kind', 'fromUtc', 'toUtc']).doUpdateSet((eb) => ({
          dataVersion: eb.ref('excluded.dataVersion'),
          rows: eb.ref('excluded.rows'),
          computedAt: eb.ref('excluded.computedAt'),
        })),
      )
      .execute();
  }
  return { ack, res };
}
