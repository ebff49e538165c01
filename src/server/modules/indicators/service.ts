import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { visibleTickets } from '../tickets';
import { scoped, unscoped } from '../../db/scope';
import { conflict, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { measureCommune, standardCodes, type ManualInfo, type Measurement, type MeasureOptions } from './engine';
import { formatPeriod, parsePeriod, periodBounds, periodsOfYear, type Period } from './periods';

import { annexPieces, communeCalendar } from './sources';
import { judgeManual } from './judge';
import { readIndicatorSettings } from './settings';

const MONTHS = { month: 1, quarter: 3, half: 6, year: 12 } as const;

/**
 * Indicator use cases: a commune's dashboard, one indicator's detail, its tickets, the
 * side-by-side overview, freezing snapshots and entering manual values.
 */

/** A measurement as served: live, or frozen with the live recomputation beside it. */
export type IndicatorView = Measurement & {
  freezeExpected: boolean;
  frozen: boolean;
  frozenAt: string | null;
  frozenBy: string | null;
  /** When frozen: the live recomputation (value, status, volume) and what differs from the snapshot. */
  live: { value: number | null; display: string; status: string; volume: number | null } | null;
  difference: { value: number | null; volume: number | null; statusChanged: boolean } | null;
};

/** Trend length by period kind: a year of months, two years of quarters/halves, three years. */
const TREND = { month: 12, quarter: 4, half: 4, year: 3 } as const;

/** Parses the `period` query parameter or answers 400 naming it. */
export function requirePeriod(text: string): Period {
  const p = parsePeriod(text);
  if (!p) throw invalid('period', 'Expected a period such as 2026-Q3, 2026-07, 2026-S2 or 2026.');
  return p;
}

/** Manual values (with their evidence list) of a commune and period, by code. */
async function manualValues(
  db: Executor,
  communeId: string,
  period: string,
): Promise<NonNullable<MeasureOptions['manual']>> {
  const rows = await unscoped(db, 'a commune its caller checked in scope')
    .selectFrom('indicatorManualValues')
    .selectAll()
    .where('communeId', '=', communeId)
    .where('period', '=', period)
    .execute();
  const evidence =
    rows.length === 0
      ? []
      : await unscoped(db, 'evidence of the manual values read above')
          .selectFrom('indicatorEvidence')
          .select(['id', 'manualValueId', 'filename', 'contentType', 'size', 'uploadedAt'])
          .where(
            'manualValueId',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('uploadedAt')
          .execute();
  return new Map(
    rows.map((r) => {
      const info: ManualInfo = {
        id: r.id,
        comment: r.comment,
        enteredBy: r.enteredByLabel,
        enteredAt: r.enteredAt,
        evidence: evidence
          .filter((e) => e.manualValueId === r.id)
          .map((e) => ({
            id: e.id,
            filename: e.filename,
            contentType: e.contentType,
            size: Number(e.size),
            uploadedAt: e.uploadedAt,
          })),
      };
      return [
        r.code,
        {
          valueNumber: r.valueNumber === null ? null : Number(r.valueNumber),
          valueText: r.valueText,
          status: r.status,
          info,
        },
      ];
    }),
  );
}

/**
 * Live measurements of one commune (scope already checked). With `now`, the trend's periods
 * closed by then come from the trend cache while still valid (trend-cache.ts).
 */
export async function liveMeasurements(
  db: Executor,
  communeId: string,
  period: Period,
  locale: 'fr' | 'en',
  trend = true,
  now?: Date,
): Promise<Measurement[]> {
  const manual = await manualValues(db, communeId, formatPeriod(period));
  const { volumeReviewMargin } = await readIndicatorSettings(db);
  return measureCommune(db, communeId, period, {
    locale,
    trendPeriods: trend ? TREND[period.kind] : 0,
    manual,
    now,
    volumeReviewMargin,
  });
}

/** True once the period is over in the commune's calendar zone. */
async function periodClosed(db: Executor, communeId: string, period: Period, now: Date): Promise<boolean> {
  const cal = await communeCalendar(db, communeId);
  return periodBounds(period, cal.timezone).toUtc <= now.toISOString();
}

/**
 * Overlays the frozen snapshots of the period on the live measurements. An indicator whose
 * reported period (its periodicity's default) this is, once it is over and not frozen, is marked
 * `freezeExpected`.
 */
async function withSnapshots(
  db: Executor,
  communeId: string,
  period: string,
  live: Measurement[],
  closed = false,
): Promise<IndicatorView[]> {
  const kind = parsePeriod(period)?.kind;
  const snaps = await unscoped(db, 'a commune its caller checked in scope')
    .selectFrom('indicatorSnapshots')
    .selectAll()
    .where('communeId', '=', communeId)
    .where('period', '=', period)
    .execute();
  const byCode = new Map(snaps.map((s) => [s.code, s]));
  return live.map((m) => {
    const s = byCode.get(m.code);
    if (!s)
      return {
        ...m,
        freezeExpected: closed && m.reporting?.default === kind,
        frozen: false,
        frozenAt: null,
        frozenBy: null,
        live: null,
        difference: null,
      };
    const f = JSON.parse(s.measurement) as Measurement;
    const same = f.value === m.value && f.volume === m.volume && f.status === m.status && f.valueText === m.valueText;
    return {
      // A snapshot keeps what it froze; fields it predates are read live.
      ...m,
      ...f,
      freezeExpected: false,
      frozen: true,
      frozenAt: s.frozenAt,
      frozenBy: s.frozenByLabel,
      live: { value: m.value, display: m.display, status: m.status, volume: m.volume },
      difference: same
        ? null
        : {
            value: f.value !== null && m.value !== null ? m.value - f.value : null,
            volume: f.volume !== null && m.volume !== null ? m.volume - f.volume : null,
            statusChanged: f.status !== m.status,
          },
    };
  });
}

/** The commune's dashboard: every indicator of the period. */
export async function listIndicators(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  periodText: string,
): Promise<{ items: IndicatorView[]; total: number }> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'indicators.read');
  const period = requirePeriod(periodText);
  const now = ctx.now();
  const items = await withSnapshots(
    ctx.db,
    communeId,
    formatPeriod(period),
    await liveMeasurements(ctx.db, communeId, period, actor.locale, true, now),
    await periodClosed(ctx.db, communeId, period, now),
  );
  return { items, total: items.length };
}

/** One indicator with its trend, pieces and details. */
export async function getIndicator(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  code: string,
  periodText: string,
): Promise<IndicatorView> {
  const { items } = await listIndicators(ctx, actor, communeId, periodText);
  const item = items.find((i) => i.code === code);
  if (!item) throw notFound('indicator');
  return item;
}

/** Which tickets stand behind an indicator: received in the period, or resolved in it. */
const ticketBasis: Record<string, 'created' | 'resolved'> = {
  '3.3.1': 'created',
  '3.2.1': 'created',
  'SD.volume': 'created',
  '3.3.2': 'resolved',
  'SD.requests': 'resolved',
  'SD.fcr': 'resolved',
  'SD.satisfaction': 'resolved',
};

export interface DrillDownQuery {
  period: string;
  limit: number;
  offset: number;
  breached?: boolean;
  priority?: string;
  /** 3.3.1: list the tickets ruled force majeure (excluded from it) instead of those counted. */
  excluded?: boolean;
}

/** The tickets behind a computed indicator (drill-down), paginated, inside the caller's scope. */
export async function listIndicatorTickets(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  code: string,
  q: DrillDownQuery,
) {
  const sc = scoped(ctx.db, actor);
  await sc.assertCommune(communeId);
  authorize(actor, 'indicators.read');
  const period = requirePeriod(q.period);
  const basisKey = Object.keys(ticketBasis).find((k) => k === code);
  if (!basisKey) {
    const known = (await liveMeasurements(ctx.db, communeId, period, actor.locale, false)).some((m) => m.code === code);
    if (!known) throw notFound('indicator');
    return { items: [], total: 0 };
  }
  const basis = ticketBasis[basisKey]!;
  const cal = await communeCalendar(ctx.db, communeId);
  const b = periodBounds(period, cal.timezone);
  const col = basis === 'created' ? 't.createdAt' : 't.resolvedAt';
  // The same ticket visibility as the ticket list (a user limited to a sub-entity sees its tickets).
  let query = visibleTickets(ctx.db, actor)
    .where('t.communeId', '=', communeId)
    .where(col, '>=', b.fromUtc)
    .where(col, '<', b.toUtc)
    .where('t.mergedIntoId', 'is', null);
  if (q.priority) query = query.where('t.priority', '=', q.priority as 'P1');
  if (q.breached !== undefined)
    query = query.where(code === '3.3.1' ? 't.ackBreached' : 't.resolveBreached', '=', q.breached ? 1 : 0);
  if (code === 'SD.satisfaction') query = query.where('t.satisfaction', 'is not', null);
  // Exactly the tickets counted: 3.3.1 without (or only) those ruled force majeure; 3.3.2 incidents
  // only, and while judged only those whose clock ran on a signed or agreed delay; SD.requests requests.
  if (code === '3.3.1') query = query.where('t.forceMajeure', '=', q.excluded ? 1 : 0);
  if (code === 'SD.requests') query = query.where('t.type', '=', 'request');
  if (code === '3.3.2') {
    query = query.where('t.type', '=', 'incident');
    const m = (await liveMeasurements(ctx.db, communeId, period, actor.locale, false)).find((x) => x.code === code);
    if (m && m.status !== 'info') query = query.where('t.resolveTargetOrigin', 'in', ['contract', 'agreed']);
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .select([
      't.id',
      't.reference',
      't.title',
      't.type',
      't.priority',
      't.channel',
      't.status',
      't.subdomain',
      't.createdAt',
      't.acknowledgedAt',
      't.resolvedAt',
      't.ackBusinessSeconds',
      't.resolveBusinessSeconds',
      't.pausedBusinessSeconds',
      't.ackBreached',
      't.resolveBreached',
      't.receivedOutsideHours',
      't.reopenCount',
      't.firstContactResolution',
      't.satisfaction',
      't.forceMajeure',
      't.forceMajeureReason',
      't.resolveTargetOrigin',
    ])
    .orderBy(col)
    .orderBy('t.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return {
    items: rows.map((r) => ({
      ...r,
      ackBusinessSeconds: r.ackBusinessSeconds === null ? null : Number(r.ackBusinessSeconds),
      resolveBusinessSeconds: r.resolveBusinessSeconds === null ? null : Number(r.resolveBusinessSeconds),
      pausedBusinessSeconds: Number(r.pausedBusinessSeconds),
      ackBreached: Number(r.ackBreached) === 1,
      resolveBreached: Number(r.resolveBreached) === 1,
      receivedOutsideHours: Number(r.receivedOutsideHours) === 1,
      reopenCount: Number(r.reopenCount),
      firstContactResolution: Number(r.firstContactResolution) === 1,
      satisfaction: r.satisfaction === null ? null : Number(r.satisfaction),
      forceMajeure: Number(r.forceMajeure) === 1,
    })),
    total: Number(total?.n ?? 0),
  };
}

/** Communes measured at once: PostgreSQL serves several connections, SQLite has one. */
export function communeConcurrency(dialect: 'sqlite' | 'postgres'): number {
  return dialect === 'postgres' ? 3 : 1;
}

/** Runs `fn` over the items with at most `limit` at a time (PostgreSQL serves several queries at once; SQLite has one connection). */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Side-by-side: one row per commune in the caller's scope, one cell per indicator. */
export async function overview(ctx: AppContext, actor: Actor, periodText: string) {
  authorize(actor, 'indicators.overview');
  const period = requirePeriod(periodText);
  const communes = await scoped(ctx.db, actor).selectFrom('communes').select(['id', 'name']).orderBy('name').execute();
  const rows = new Map<string, IndicatorView[]>();
  await forEachLimit(communes, communeConcurrency(ctx.dialect), async (c) => {
    rows.set(
      c.id,
      await withSnapshots(
        ctx.db,
        c.id,
        formatPeriod(period),
        await liveMeasurements(ctx.db, c.id, period, actor.locale, false),
      ),
    );
  });
  const items = [];
  for (const c of communes) {
    const list = rows.get(c.id)!;
    items.push({
      communeId: c.id,
      communeName: c.name,
      indicators: Object.fromEntries(
        list.map((m) => [
          m.code,
          {
            title: m.title,
            value: m.value,
            display: m.display,
            status: m.status,
            target: m.target,
            volume: m.volume,
            frozen: m.frozen,
          },
        ]),
      ),
    });
  }
  return { items, total: items.length };
}

/**
 * Freezes the period's current measurements (all, or the listed codes) as immutable snapshots for
 * a committee. All or nothing: a code already frozen for the period answers 409.
 */
export async function freezeIndicators(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  periodText: string,
  codes?: string[],
): Promise<{ items: IndicatorView[]; total: number }> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'indicators.manage');
  const period = requirePeriod(periodText);
  const periodKey = formatPeriod(period);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const live = await liveMeasurements(trx, communeId, period, actor.locale);
    const chosen = codes && codes.length > 0 ? live.filter((m) => codes.includes(m.code)) : live;
    const unknown = (codes ?? []).filter((c) => !live.some((m) => m.code === c));
    if (unknown.length > 0) throw invalid('codes', `Unknown indicator codes: ${unknown.join(', ')}.`);
    const existing = await scoped(trx, actor)
      .selectFrom('indicatorSnapshots')
      .select('code')
      .where('communeId', '=', communeId)
      .where('period', '=', periodKey)
      .where(
        'code',
        'in',
        chosen.map((m) => m.code),
      )
      .execute();
    if (existing.length > 0)
      throw conflict(
        `Already frozen for ${periodKey}: ${existing.map((e) => e.code).join(', ')}. Snapshots are immutable.`,
        { codes: existing.map((e) => e.code) },
      );
    for (const m of chosen) {
      await trx
        .insertInto('indicatorSnapshots')
        .values({
          id: newId(now.getTime()),
          communeId,
          code: m.code,
          period: periodKey,
          measurement: JSON.stringify(m),
          frozenById: actor.kind === 'system' ? null : actor.id,
          frozenByLabel: actor.label,
          frozenAt: now.toISOString(),
        })
        .execute();
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'indicators.freeze',
        targetType: 'indicator_snapshot',
        targetId: periodKey,
        communeId,
        changes: {
          period: periodKey,
          codes: chosen.map((m) => m.code),
          values: Object.fromEntries(
            chosen.map((m) => [m.code, { value: m.value, status: m.status, volume: m.volume }]),
          ),
        },
      },
      now,
    );
  });
  return listIndicators(ctx, actor, communeId, periodKey);
}

export interface ManualInput {
  value: number | string;
  status?: 'met' | 'at_risk' | 'missed' | 'no_data';
  comment: string;
}

/** Enters (or replaces) the manual value of an indicator without a computable rule. */
export async function setManualValue(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  code: string,
  periodText: string,
  input: ManualInput,
): Promise<IndicatorView> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'indicators.manage');
  const period = requirePeriod(periodText);
  const periodKey = formatPeriod(period);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const live = await liveMeasurements(trx, communeId, period, actor.locale, false);
    const m = live.find((x) => x.code === code);
    if (!m) throw notFound('indicator');
    if (m.source !== 'manual')
      throw conflict(`Indicator ${code} is computed from operational data; it takes no manual value.`);
    // A computable rule judges the value (judge.ts): the value must be of its kind, the status is not entered.
    const cal = await communeCalendar(trx, communeId);
    const b = periodBounds(period, cal.timezone);
    const pieces = await annexPieces(trx, communeId, b.fromDate, b.toDate);
    const def = pieces.at(-1)?.indicators.find((i) => i.code === code);
    const judged = judgeManual(def?.rule ?? null, def?.targetOrigin ?? 'contract', input.value, MONTHS[period.kind]);
    if (!judged.ok) throw invalid('value', judged.message);
    if (judged.judged && input.status !== undefined)
      throw invalid('status', `The status of ${code} is judged from its rule: leave it out.`);
    const frozen = await scoped(trx, actor)
      .selectFrom('indicatorSnapshots')
      .select('id')
      .where('communeId', '=', communeId)
      .where('period', '=', periodKey)
      .where('code', '=', code)
      .executeTakeFirst();
    if (frozen) throw conflict(`Indicator ${code} is frozen for ${periodKey}.`);
    const values = {
      valueNumber: typeof input.value === 'number' ? input.value : null,
      valueText: typeof input.value === 'string' ? input.value : null,
      status: input.status ?? null,
      comment: input.comment,
      enteredById: actor.kind === 'system' ? null : actor.id,
      enteredByLabel: actor.label,
      enteredAt: now.toISOString(),
    };
    const prev = await scoped(trx, actor)
      .selectFrom('indicatorManualValues')
      .selectAll()
      .where('communeId', '=', communeId)
      .where('period', '=', periodKey)
      .where('code', '=', code)
      .executeTakeFirst();
    if (prev)
      await scoped(trx, actor).updateTable('indicatorManualValues').set(values).where('id', '=', prev.id).execute();
    else
      await trx
        .insertInto('indicatorManualValues')
        .values({ id: newId(now.getTime()), communeId, code, period: periodKey, ...values })
        .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'indicators.manual_value',
        targetType: 'indicator',
        targetId: `${code}@${periodKey}`,
        communeId,
        changes: {
          before: prev
            ? { valueNumber: prev.valueNumber, valueText: prev.valueText, status: prev.status, comment: prev.comment }
            : null,
          after: { value: input.value, status: input.status ?? null, comment: input.comment },
        },
      },
      now,
    );
  });
  return getIndicator(ctx, actor, communeId, code, periodKey);
}

export { standardCodes };

/** A commitment's status for a period, from its indicators' (docs/indicators.md, "Commitments"). */
export type CommitmentStatus = 'met' | 'at_risk' | 'review' | 'missed' | 'info' | 'no_data';

/**
 * The rule: only indicators judged against a target count (met, at_risk, missed). Any missed one
 * not flagged by the volume clause → missed; missed ones all flagged for volume → review
 * ("à examiner en comité"); else any at risk → at_risk; else met. With no judged indicator, info
 * when one is measured against a target still to be agreed, else no_data. `pending` lists the
 * indicators that did not count (info, no_data): a status with pending indicators is partial.
 */
export function commitmentStatus(indicators: ReadonlyArray<{ code: string; status: string; volumeReview: boolean }>): {
  status: CommitmentStatus;
  pending: string[];
} {
  const judged = indicators.filter((i) => i.status === 'met' || i.status === 'at_risk' || i.status === 'missed');
  const pending = indicators.filter((i) => !judged.includes(i)).map((i) => i.code);
  if (judged.length === 0) return { status: indicators.some((i) => i.status === 'info') ? 'info' : 'no_data', pending };
  const missed = judged.filter((i) => i.status === 'missed');
  if (missed.some((i) => !i.volumeReview)) return { status: 'missed', pending };
  if (missed.length > 0) return { status: 'review', pending };
  if (judged.some((i) => i.status === 'at_risk')) return { status: 'at_risk', pending };
  return { status: 'met', pending };
}

/** Commitments with their indicators, in the annex's order, from a list of indicator items. */
export function commitmentsOf(items: readonly IndicatorView[]) {
  const order: string[] = [];
  const byCode = new Map<string, { text: string; indicators: IndicatorView[] }>();
  for (const i of items) {
    if (!i.commitmentCode) continue;
    if (!byCode.has(i.commitmentCode)) {
      order.push(i.commitmentCode);
      byCode.set(i.commitmentCode, { text: i.commitmentText ?? '', indicators: [] });
    }
    byCode.get(i.commitmentCode)!.indicators.push(i);
  }
  return order.map((code) => {
    const c = byCode.get(code)!;
    const { status, pending } = commitmentStatus(c.indicators);
    return {
      code,
      text: c.text,
      status,
      partial: pending.length > 0 && status !== 'info' && status !== 'no_data',
      pending,
      indicators: c.indicators.map((i) => ({
        code: i.code,
        title: i.title,
        status: i.status,
        display: i.display,
        targetOrigin: i.targetOrigin,
        volumeReview: i.volumeReview,
        frozen: i.frozen,
      })),
    };
  });
}

/** GET /communes/{id}/commitments?period= — each commitment of the contract with its status. */
export async function listCommitments(ctx: AppContext, actor: Actor, communeId: string, periodText: string) {
  const { items } = await listIndicators(ctx, actor, communeId, periodText);
  const list = commitmentsOf(items);
  return { period: formatPeriod(requirePeriod(periodText)), items: list, total: list.length };
}

/**
 * GET /communes/{id}/indicators/freezes?year= — the snapshots the periodicity expects in a year:
 * for each indicator, each period of its reported kind (annual → the year, quarterly → four
 * quarters) under a contract, whether it is over (due) and frozen.
 */
export async function expectedFreezes(ctx: AppContext, actor: Actor, communeId: string, year: number) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'indicators.read');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('year', 'Expected a year such as 2026.');
  const cal = await communeCalendar(ctx.db, communeId);
  const pieces = await annexPieces(ctx.db, communeId, `${year}-01-01`, `${year + 1}-01-01`);
  const defs = new Map<string, { title: string; kind: Period['kind'] }>();
  for (const p of [...pieces].reverse())
    for (const i of p.indicators)
      if (!defs.has(i.code) && i.reporting) defs.set(i.code, { title: i.title, kind: i.reporting.default });
  const snaps = await scoped(ctx.db, actor)
    .selectFrom('indicatorSnapshots')
    .select(['code', 'period', 'frozenAt'])
    .where('communeId', '=', communeId)
    .where('period', 'like', `${year}%`)
    .execute();
  const now = ctx.now().toISOString();
  const items = [];
  for (const [code, d] of defs) {
    for (const p of periodsOfYear(d.kind, year)) {
      const b = periodBounds(p, cal.timezone);
      if (!pieces.some((x) => x.from < b.toDate && x.to > b.fromDate)) continue;
      const key = formatPeriod(p);
      const snap = snaps.find((s) => s.code === code && s.period === key);
      items.push({
        code,
        title: d.title,
        period: key,
        kind: d.kind,
        due: b.toUtc <= now,
        frozen: Boolean(snap),
        frozenAt: snap?.frozenAt ?? null,
      });
    }
  }
  return { year, items, total: items.length, missing: items.filter((i) => i.due && !i.frozen).length };
}
