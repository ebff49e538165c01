import type { Executor } from '../../db/schema';
import {
  backlog,
  categoryCodes,
  intake,
  percentiles,
  type AckBucket,
  type IntakeRow,
  type Percentiles,
  type ResolveBucket,
} from './queries';
import { trendAggregates } from './trend-cache';
import { formatPeriod, periodBounds, previousPeriods, type Period, type PeriodBounds } from './periods';
import {
  baselineVolumeOf,
  combineShares,
  displayValue,
  durationSeconds,
  hasTargetValues,
  hours,
  judgedShareOf,
  needsVolumeReview,
  proratedBaseline,
  shareTargetText,
  volumeChange,
  type IndicatorDef,
  type PieceResult,
  type TargetOrigin,
  type TrendPoint,
  type Unit,
} from './measure';
import { judgeManual } from './judge';
import { delayBaseline, type Baseline } from './baseline';
import { measureBaseline } from './baseline-service';
import { targetText } from './target-text';
import { missingRanges, shareStatus, weeklySeconds, worstStatus, type Status, type WeeklyRanges } from './status';
import { annexPieces, communeCalendar, localMidnightUtc, type AnnexPiece, type CalendarInfo } from './sources';
import { indicatorProvider, type ProvidedMeasurement } from './providers';
import type { AgreementRef } from '../contracts';
import type { Reporting } from './periods';

/**
 * The measurement engine: for one commune and one period, every indicator of the contract
 * versions in force plus the standard service-desk figures, from a handful of SQL aggregates.
 */

export type MeasurementStatus = Status | 'info';

export interface ManualInfo {
  id: string;
  comment: string;
  enteredBy: string;
  enteredAt: string;
  evidence: Array<{ id: string; filename: string; contentType: string; size: number; uploadedAt: string }>;
}

export interface Measurement {
  code: string;
  title: string;
  commitmentCode: string | null;
  commitmentText: string | null;
  period: string;
  /**
   * Where the target comes from: the signed annex, a two-party agreement, or still to be agreed
   * (measured, status info); null for the standard figures, which have none.
   */
  targetOrigin: TargetOrigin | null;
  /** The agreement in force that set the target (targetOrigin agreed). */
  agreement: AgreementRef | null;
  /** For a target to be agreed: the measured distribution over the period, and the target it suggests. */
  baseline: Baseline | null;
  /** The machine-readable periodicity (default period reported and frozen for the committee). */
  reporting: Reporting | null;
  /** True when a missed target's volume exceeds its baseline by more than the review margin (volume clause). */
  volumeReview: boolean;
  /** How the volume is compared with its baseline: per period (flow) or as it stands (stock). */
  volumeBasis: 'flow' | 'stock' | null;
  /** Where the baseline volume comes from: the annex's volumetry, or the agreed baseline period. */
  baselineVolumeSource: 'contract' | 'agreement' | null;
  /** computed from operational data, entered manually, or an informative figure without target. */
  source: 'computed' | 'manual' | 'info';
  ruleKind: string | null;
  value: number | null;
  valueText: string | null;
  unit: Unit;
  display: string;
  target: string | null;
  targetShare: number | null;
  status: MeasurementStatus;
  volume: number | null;
  baselineVolume: number | null;
  baselineVolumeYearly: number | null;
  volumeChange: number | null;
  trend: TrendPoint[];
  pieces: PieceResult[];
  details: Record<string, unknown>;
  manual: ManualInfo | null;
}

export interface MeasureOptions {
  locale: 'fr' | 'en';
  /** How many previous periods the trend holds (0: none, for the overview). */
  trendPeriods: number;
  /** Manual values of the period by code. */
  manual?: Map<
    string,
    { valueNumber: number | null; valueText: string | null; status: string | null; info: ManualInfo }
  >;
  /** The present instant: trend periods closed by then are served from the trend cache (trend-cache.ts). Without it, all live. */
  now?: Date;
  /** Volume clause: a missed target with volume above its baseline by more than this share is flagged for review. */
  volumeReviewMargin?: number;
}

/** The volume-review margin when the provider set none: 10 % above the baseline. */
export const DEFAULT_VOLUME_REVIEW_MARGIN = 0.1;

const MONTHS = { month: 1, quarter: 3, half: 6, year: 12 } as const;

/** Codes of the standard service-desk figures measured beside the contract's indicators. */
export const standardCodes = ['SD.volume', 'SD.requests', 'SD.fcr', 'SD.satisfaction'] as const;

interface Segment {
  from: string;
  to: string;
  fromUtc: string;
  piece: AnnexPiece | null;
}

/** Cuts [fromDate, toDate) into segments by contract version, gaps (no contract in force) included. */
function segments(pieces: AnnexPiece[], b: PeriodBounds, zone: string): Segment[] {
  const out: Segment[] = [];
  let cursor = b.fromDate;
  for (const p of [...pieces].sort((x, y) => x.from.localeCompare(y.from))) {
    const from = p.from < b.fromDate ? b.fromDate : p.from;
    const to = p.to > b.toDate ? b.toDate : p.to;
    if (from >= to) continue;
    if (from > cursor) out.push({ from: cursor, to: from, fromUtc: localMidnightUtc(cursor, zone), piece: null });
    out.push({ from, to, fromUtc: localMidnightUtc(from, zone), piece: p });
    cursor = to;
  }
  if (cursor < b.toDate) out.push({ from: cursor, to: b.toDate, fromUtc: localMidnightUtc(cursor, zone), piece: null });
  return out;
}

/** Every measurement of a commune for a period (live, from the data). */
export async function measureCommune(
  db: Executor,
  communeId: string,
  period: Period,
  opts: MeasureOptions,
): Promise<Measurement[]> {
  const cal = await communeCalendar(db, communeId);
  const b = periodBounds(period, cal.timezone);
  const annex = await annexPieces(db, communeId, b.fromDate, b.toDate);
  const segs = segments(annex, b, cal.timezone);
  const trendList = previousPeriods(period, opts.trendPeriods);
  const bounds = [
    ...trendList.map((p) => periodBounds(p, cal.timezone).fromUtc),
    ...segs.map((s) => s.fromUtc),
    b.toUtc,
  ];
  // One query after the other: SQLite has one connection anyway, and on PostgreSQL a dashboard
  // holds one pooled connection instead of seven (the side-by-side view measures every commune).
  const { ack, res } = await trendAggregates(db, communeId, bounds, trendList.length, opts.now);
  // The percentiles' counts: the period's buckets (after the trend's) of the aggregates.
  const n = trendList.length;
  const ackCount = new Map([
    [
      '*',
      sum(
        ack.filter((r) => r.bucket >= n),
        (r) => r.acknowledged,
      ),
    ],
  ]);
  // 3.3.2's distribution is over incidents only (its population).
  const resCounts = new Map<string, number>();
  for (const r of res)
    if (r.bucket >= n && r.type === 'incident') resCounts.set(r.priority, (resCounts.get(r.priority) ?? 0) + r.timed);
  const ackP = await percentiles(db, communeId, 'ack', b.fromUtc, b.toUtc, ackCount);
  const resP = await percentiles(db, communeId, 'resolve', b.fromUtc, b.toUtc, resCounts);
  const open = await backlog(db, communeId, b.toUtc);
  const intakeRaw = await intake(db, communeId, b.fromUtc, b.toUtc);
  const codes = await categoryCodes(db);
  const intakeRows = intakeRaw.map((r) => ({
    ...r,
    categoryCode: r.categoryId ? (codes.get(r.categoryId) ?? null) : null,
  }));
  const m = new MeasureContext(
    period,
    opts,
    cal,
    segs,
    trendList.map(formatPeriod),
    ack,
    res,
    ackP,
    resP,
    open,
    intakeRows,
  );

  // Indicator order: the latest version's order, then codes only earlier versions had.
  const defs = new Map<string, IndicatorDef>();
  for (const s of [...segs].reverse())
    for (const i of s.piece?.indicators ?? []) if (!defs.has(i.code)) defs.set(i.code, i);
  // Indicators another capability measures (providers.ts), asked one after the other.
  const provided = new Map<string, ProvidedMeasurement>();
  for (const def of defs.values()) {
    const provider = typeof def.rule?.kind === 'string' ? indicatorProvider(def.rule.kind) : undefined;
    if (!provider) continue;
    provided.set(
      def.code,
      await provider({
        db,
        communeId,
        period,
        bounds: b,
        zone: cal.timezone,
        def,
        pieces: segs.map((s) => ({
          from: s.from,
          to: s.to,
          annexVersionId: s.piece?.annexVersionId ?? null,
          version: s.piece?.version ?? null,
          def: s.piece?.indicators.find((i) => i.code === def.code),
        })),
        trendPeriods: trendList,
        locale: opts.locale,
        now: opts.now ?? new Date(),
      }),
    );
    // A target to be agreed shows the baseline of the period measured, like 3.3.2.
    const got = provided.get(def.code)!;
    const kind = typeof def.rule?.kind === 'string' ? def.rule.kind : null;
    if (def.targetOrigin === 'to_be_agreed' && !got.baseline && kind)
      got.baseline = await measureBaseline(kind, { db, communeId, bounds: b, months: MONTHS[period.kind] });
  }
  const out: Measurement[] = [];
  const margin = opts.volumeReviewMargin ?? DEFAULT_VOLUME_REVIEW_MARGIN;
  for (const def of defs.values()) {
    const p = provided.get(def.code);
    const measured = p ? m.providedIndicator(def, p) : m.indicator(def);
    out.push({ ...measured, volumeReview: needsVolumeReview(measured.status, measured.volumeChange, margin) });
  }
  out.push(m.volumeFigure(), m.requestsFigure(), m.fcrFigure(), m.satisfactionFigure());
  return out;
}

function sum<T>(list: T[], f: (x: T) => number): number {
  return list.reduce((s, x) => s + f(x), 0);
}

class MeasureContext {
  private readonly trendCount: number;
  private readonly months: number;
  constructor(
    private readonly period: Period,
    private readonly opts: MeasureOptions,
    private readonly cal: CalendarInfo,
    private readonly segs: Segment[],
    private readonly trendLabels: string[],
    private readonly ack: AckBucket[],
    private readonly res: ResolveBucket[],
    private readonly ackP: Percentiles[],
    private readonly resP: Percentiles[],
    private readonly open: number,
    private readonly intakeRows: Array<IntakeRow & { categoryCode: string | null }>,
  ) {
    this.trendCount = trendLabels.length;
    this.months = MONTHS[period.kind];
  }

  private base(
    def: IndicatorDef | null,
    code: string,
    title: string,
  ): Omit<Measurement, 'value' | 'valueText' | 'unit' | 'display' | 'status' | 'volume' | 'targetShare' | 'source'> {
    const { yearly, source } = baselineVolumeOf(def);
    return {
      code,
      title,
      commitmentCode: def?.commitmentCode ?? null,
      commitmentText: def?.commitmentText ?? null,
      period: formatPeriod(this.period),
      targetOrigin: def ? (def.targetOrigin ?? 'contract') : null,
      agreement: def?.agreement ?? null,
      baseline: null,
      reporting: def?.reporting ?? null,
      volumeReview: false,
      volumeBasis: def ? 'flow' : null,
      baselineVolumeSource: source,
      ruleKind: typeof def?.rule?.kind === 'string' ? def.rule.kind : null,
      target: def ? targetText(def, this.opts.locale) : null,
      baselineVolume: proratedBaseline(yearly, this.months),
      baselineVolumeYearly: yearly,
      volumeChange: null,
      trend: [],
      pieces: [],
      details: {},
      manual: null,
    };
  }

  /** The piece of the period under one contract version (common fields). */
  private pieceOf(s: Segment, d: IndicatorDef | undefined) {
    return {
      from: s.from,
      to: s.to,
      annexVersionId: s.piece?.annexVersionId ?? null,
      version: s.piece?.version ?? null,
      targetOrigin: d ? (d.targetOrigin ?? 'contract') : null,
      target: d ? targetText(d, this.opts.locale) : null,
    };
  }

  private defIn(seg: Segment, code: string): IndicatorDef | undefined {
    return seg.piece?.indicators.find((i) => i.code === code);
  }

  indicator(def: IndicatorDef): Measurement {
    switch (def.rule?.kind) {
      case 'acknowledgement':
        return this.acknowledgement(def);
      case 'resolution_delay':
        return this.resolution(def);
      case 'support_hours':
        return this.supportHours(def);
      default:
        return this.manualIndicator(def);
    }
  }

  /** Share measurement over the period's segments from per-bucket met/volume. */
  private shareOverSegments(code: string, counts: (bucket: number) => { met: number; volume: number }) {
    const pieces: PieceResult[] = [];
    const parts: Array<{ met: number; volume: number; targetShare: number | null }> = [];
    this.segs.forEach((s, i) => {
      const c = counts(this.trendCount + i);
      const d = this.defIn(s, code);
      const targetShare = judgedShareOf(d);
      parts.push({ ...c, targetShare });
      const value = c.volume > 0 ? c.met / c.volume : null;
      pieces.push({
        ...this.pieceOf(s, d),
        value,
        volume: c.volume,
        targetShare,
        status: shareStatus(value, targetShare, c.volume),
      });
    });
    const trend: TrendPoint[] = this.trendLabels.map((label, j) => {
      const c = counts(j);
      return { period: label, value: c.volume > 0 ? c.met / c.volume : null, volume: c.volume };
    });
    return { pieces, combined: combineShares(parts), trend };
  }

  /** 3.3.1's counts of a bucket: tickets ruled force majeure are neither counted nor met. */
  private ackCounts = (bucket: number) => {
    const r = this.ack.find((a) => a.bucket === bucket);
    return { met: r?.met ?? 0, volume: (r?.volume ?? 0) - (r?.excluded ?? 0) };
  };

  /**
   * 3.3.2's counts of a bucket: incidents only, and — for the share — only those whose clock ran on
   * a signed or agreed delay (a ticket is judged by the target in force when it was created; one
   * created under an operating target was promised nothing).
   */
  private resCounts = (bucket: number, priority?: string, judgedOnly = true) => {
    const rows = this.res.filter(
      (a) =>
        a.bucket === bucket &&
        a.type === 'incident' &&
        (!priority || a.priority === priority) &&
        (!judgedOnly || a.origin === 'contract' || a.origin === 'agreed'),
    );
    return { met: sum(rows, (r) => r.met), volume: sum(rows, (r) => r.volume) };
  };

  private shareMeasurement(
    def: IndicatorDef,
    s: ReturnType<MeasureContext['shareOverSegments']>,
    details: Record<string, unknown>,
  ): Measurement {
    const { combined } = s;
    const current = { period: formatPeriod(this.period), value: combined.value, volume: combined.volume };
    const base = this.base(def, def.code, def.title);
    return {
      ...base,
      source: 'computed',
      value: combined.value,
      valueText: null,
      unit: 'share',
      display: displayValue(combined.value, 'share', this.opts.locale),
      target: base.target ?? shareTargetText(combined.targetShare, this.opts.locale),
      targetShare: combined.targetShare,
      status: combined.status,
      volume: combined.volume,
      volumeChange: volumeChange(combined.volume, base.baselineVolume),
      trend: this.trendCount > 0 ? [...s.trend, current] : [],
      pieces: s.pieces,
      details,
    };
  }

  /** 3.3.1 — share of tickets created in the period acknowledged by the deadline (end of the next business day). */
  private acknowledgement(def: IndicatorDef): Measurement {
    const s = this.shareOverSegments(def.code, this.ackCounts);
    const all = this.ackP.find((p) => p.group === '*');
    const acknowledged = sum(
      this.segs.map((_, i) => this.ack.find((a) => a.bucket === this.trendCount + i)),
      (r) => r?.acknowledged ?? 0,
    );
    const excluded = sum(
      this.segs.map((_, i) => this.ack.find((a) => a.bucket === this.trendCount + i)),
      (r) => r?.excluded ?? 0,
    );
    return this.shareMeasurement(def, s, {
      deadline: def.rule?.deadline ?? null,
      excludedForceMajeure: excluded,
      acknowledged,
      medianHours: hours(all?.median),
      p90Hours: hours(all?.p90),
    });
  }

  /**
   * 3.3.2 — "Délai de résolution des incidents par criticité": incidents only (requests have their
   * own informative figure, SD.requests). Where a piece of the period has a signed or agreed delay,
   * the share of incidents resolved within it (those whose clock ran on it), per criticality too.
   * Where the target is still to be agreed, the incidents are measured — distribution per
   * criticality, the baseline an agreement starts from — with status info: no met, no missed.
   */
  private resolution(def: IndicatorDef): Measurement {
    const judgedPieces = this.segs.map((seg) => {
      const d = this.defIn(seg, def.code);
      return d !== undefined && d.targetOrigin !== 'to_be_agreed' && hasTargetValues(d.rule);
    });
    const all = this.resP.find((p) => p.group === '*');
    const curRows = this.res.filter((r) => r.bucket >= this.trendCount && r.type === 'incident');
    const incidents = sum(curRows, (r) => r.volume);
    const reopened = sum(curRows, (r) => r.reopened);
    const operatingRows = curRows.filter((r) => r.origin === 'operating');
    const operatingVolume = sum(operatingRows, (r) => r.volume);
    const common = {
      population: 'incidents',
      incidentsResolved: incidents,
      medianHours: hours(all?.median),
      p80Hours: hours(all?.p80),
      p90Hours: hours(all?.p90),
      p95Hours: hours(all?.p95),
      backlogAtEnd: this.open,
      reopened,
      reopenRate: incidents > 0 ? reopened / incidents : null,
      withinOperatingTargetShare: operatingVolume > 0 ? sum(operatingRows, (r) => r.met) / operatingVolume : null,
    };
    const distribution = (p: string) => {
      const pc = this.resP.find((x) => x.group === p);
      return {
        medianHours: hours(pc?.median),
        p80Hours: hours(pc?.p80),
        p90Hours: hours(pc?.p90),
        p95Hours: hours(pc?.p95),
      };
    };
    const priorities = [
      ...new Set([...Object.keys(def.rule?.byPriority ?? {}), ...curRows.map((r) => r.priority)]),
    ].sort();
    const cur = (p?: string, judgedOnly = true) =>
      this.segs.reduce(
        (acc, _, i) => {
          if (judgedOnly && !judgedPieces[i]) return acc;
          const c = this.resCounts(this.trendCount + i, p, judgedOnly);
          return { met: acc.met + c.met, volume: acc.volume + c.volume };
        },
        { met: 0, volume: 0 },
      );

    if (!judgedPieces.some(Boolean)) {
      // The target is to be agreed over the whole period: measured, not judged.
      const base = this.base(def, def.code, def.title);
      const byPriority = priorities.map((p) => ({
        priority: p,
        volume: cur(p, false).volume,
        ...distribution(p),
      }));
      const value = hours(all?.median);
      const trend: TrendPoint[] =
        this.trendCount > 0
          ? [
              ...this.trendLabels.map((period, j) => ({
                period,
                value: null,
                volume: this.resCounts(j, undefined, false).volume,
              })),
              { period: formatPeriod(this.period), value, volume: incidents },
            ]
          : [];
      return {
        ...base,
        source: 'computed',
        value,
        valueText: null,
        unit: 'hours',
        display: displayValue(value, 'hours', this.opts.locale),
        targetShare: null,
        status: 'info',
        volume: incidents,
        volumeChange: volumeChange(incidents, base.baselineVolume),
        baseline: delayBaseline('resolution_delay', {
          from: this.segs[0]?.from ?? '',
          to: this.segs[this.segs.length - 1]?.to ?? '',
          months: this.months,
          volume: incidents,
          groups: [
            { group: '*', count: all?.count ?? 0, ...distribution('*') },
            ...priorities.map((p) => ({ group: p, count: cur(p, false).volume, ...distribution(p) })),
          ],
        }),
        trend,
        pieces: this.segs.map((seg, i) => {
          const c = this.resCounts(this.trendCount + i, undefined, false);
          return {
            ...this.pieceOf(seg, this.defIn(seg, def.code)),
            value: null,
            volume: c.volume,
            targetShare: null,
            status: 'info' as const,
          };
        }),
        details: { ...common, byPriority, statusReason: 'target_to_be_agreed' },
      };
    }

    const s = this.shareOverSegments(def.code, (b) => {
      const i = b - this.trendCount;
      return i >= 0 && !judgedPieces[i] ? { met: 0, volume: 0 } : this.resCounts(b);
    });
    const rulesInForce = this.segs
      .map((seg) => this.defIn(seg, def.code)?.rule?.byPriority as Record<string, string> | undefined)
      .filter(Boolean);
    const byPriorityRule = rulesInForce[rulesInForce.length - 1] ?? {};
    const byPriority = priorities.map((p) => {
      const c = cur(p);
      const value = c.volume > 0 ? c.met / c.volume : null;
      return {
        priority: p,
        volume: c.volume,
        withinTarget: c.met,
        value,
        targetDelay: byPriorityRule[p] ?? null,
        targetHours: hours(durationSeconds(byPriorityRule[p])),
        ...distribution(p),
        status: shareStatus(value, s.combined.targetShare, c.volume),
      };
    });
    return this.shareMeasurement(def, s, {
      ...common,
      byPriority,
      judgedIncidents: cur().volume,
      notJudgedIncidents: incidents - cur().volume,
    });
  }

  /** Requests resolved in the period (3.3.2 counts incidents only): volume, delays, share within their deadline. */
  requestsFigure(): Measurement {
    const rowsOf = (b: (n: number) => boolean) => this.res.filter((r) => b(r.bucket) && r.type === 'request');
    const cur = rowsOf((n) => n >= this.trendCount);
    const volume = sum(cur, (r) => r.volume);
    const timed = cur.filter((r) => r.origin !== null);
    const timedVolume = sum(timed, (r) => r.volume);
    const value = timedVolume > 0 ? sum(timed, (r) => r.met) / timedVolume : null;
    const trend = this.trendOf(
      (j) => {
        const rows = rowsOf((n) => n === j).filter((r) => r.origin !== null);
        const v = sum(rows, (r) => r.volume);
        return { value: v > 0 ? sum(rows, (r) => r.met) / v : null, volume: v };
      },
      { value, volume: timedVolume },
    );
    const byOrigin = (['contract', 'agreed', 'operating'] as const).map((origin) => {
      const rows = cur.filter((r) => r.origin === origin);
      const v = sum(rows, (r) => r.volume);
      return { origin, volume: v, withinDeadline: sum(rows, (r) => r.met) };
    });
    return this.info(
      'SD.requests',
      { fr: 'Demandes résolues dans leur délai', en: 'Requests resolved within their deadline' },
      value,
      'share',
      volume,
      trend,
      { requestsResolved: volume, withDeadline: timedVolume, byOrigin: byOrigin.filter((o) => o.volume > 0) },
    );
  }

  /** 3.2.1 — the hours the contract promises against the calendar configured; share of tickets received outside them. */
  private supportHours(def: IndicatorDef): Measurement {
    const configured = this.cal.weekly;
    const configuredSeconds = this.cal.weeklyOpeningSeconds ?? (configured ? weeklySeconds(configured) : null);
    const pieces: PieceResult[] = this.segs.map((s) => {
      const d = this.defIn(s, def.code);
      const promised = d?.rule?.weekly ?? null;
      const status: Status =
        !promised || !configured ? 'no_data' : missingRanges(configured, promised).length === 0 ? 'met' : 'missed';
      return {
        ...this.pieceOf(s, d),
        value: configuredSeconds === null ? null : configuredSeconds / 3600,
        volume: null,
        targetShare: null,
        status,
      };
    });
    const promised = (def.rule?.weekly ?? {}) as WeeklyRanges;
    const volume = sum(this.intakeRows, (r) => r.volume);
    const outside = sum(this.intakeRows, (r) => r.outsideHours);
    const value = configuredSeconds === null ? null : configuredSeconds / 3600;
    const promisedHours = weeklySeconds(promised) / 3600;
    const base = this.base(def, def.code, def.title);
    return {
      ...base,
      source: 'computed',
      value,
      valueText: null,
      unit: 'hours_per_week',
      display: displayValue(value, 'hours_per_week', this.opts.locale),
      target: base.target ?? displayValue(promisedHours, 'hours_per_week', this.opts.locale),
      targetShare: null,
      status: worstStatus(pieces.map((p) => p.status)),
      volume,
      volumeChange: volumeChange(volume, base.baselineVolume),
      pieces,
      details: {
        promisedHoursPerWeek: promisedHours,
        configuredHoursPerWeek: value,
        calendarId: this.cal.id,
        missingRanges: configured ? missingRanges(configured, promised) : null,
        channels: def.rule?.channels ?? null,
        receivedOutsideHours: outside,
        outsideHoursShare: volume > 0 ? outside / volume : null,
      },
    };
  }

  /** An indicator another capability measured (providers.ts). */
  providedIndicator(def: IndicatorDef, p: ProvidedMeasurement): Measurement {
    const base = this.base(def, def.code, def.title);
    // A stock (fleet size, applications) is compared as it stands; a flow per period.
    const baselineVolume = p.stock ? (base.baselineVolumeYearly ?? null) : base.baselineVolume;
    // While the target is to be agreed nothing is judged, whatever the provider says.
    const status: MeasurementStatus = def.targetOrigin === 'to_be_agreed' && p.status !== 'no_data' ? 'info' : p.status;
    return {
      ...base,
      source: 'computed',
      value: p.value,
      valueText: p.valueText ?? null,
      unit: p.unit,
      display: displayValue(p.value, p.unit, this.opts.locale, p.valueText ?? undefined),
      targetShare: p.targetShare ?? judgedShareOf(def),
      status,
      volume: p.volume,
      volumeBasis: p.stock ? 'stock' : 'flow',
      baselineVolume,
      volumeChange: volumeChange(p.volume, baselineVolume),
      baseline: p.baseline ?? null,
      trend: p.trend ?? [],
      pieces: p.pieces ?? [],
      details: p.details,
    };
  }

  /**
   * An indicator measured by hand: the contract manager's value, judged against the rule in force
   * when it is computable (judge.ts), else with the status they assessed.
   */
  private manualIndicator(def: IndicatorDef): Measurement {
    const mv = this.opts.manual?.get(def.code);
    const base = this.base(def, def.code, def.title);
    const origin = def.targetOrigin ?? 'contract';
    const entered = mv ? (mv.valueText ?? mv.valueNumber) : null;
    const j = entered === null ? null : judgeManual(def.rule, origin, entered, this.months);
    const judged = j && j.ok && j.judged ? j : null;
    const unit: Unit = judged ? judged.unit : mv?.valueText ? 'text' : 'number';
    const value = judged ? judged.valueNumber : (mv?.valueNumber ?? null);
    const valueText = judged ? null : (mv?.valueText ?? null);
    const status: MeasurementStatus = judged
      ? (judged.status ?? 'no_data')
      : mv
        ? ((mv.status as Status | null) ?? 'no_data')
        : origin === 'to_be_agreed'
          ? 'info'
          : 'no_data';
    return {
      ...base,
      source: 'manual',
      value,
      valueText,
      unit,
      display: displayValue(value, unit, this.opts.locale, valueText),
      targetShare: judgedShareOf(def),
      status,
      volume: null,
      pieces: this.segs.map((s) => ({
        ...this.pieceOf(s, this.defIn(s, def.code)),
        value,
        volume: null,
        targetShare: judgedShareOf(this.defIn(s, def.code)),
        status: 'no_data',
      })),
      details: judged ? { judgedAgainst: judged.against, judgedFromRule: true } : {},
      manual: mv?.info ?? null,
    };
  }

  private info(
    code: string,
    title: { fr: string; en: string },
    value: number | null,
    unit: Unit,
    volume: number,
    trend: TrendPoint[],
    details: Record<string, unknown>,
  ): Measurement {
    return {
      ...this.base(null, code, title[this.opts.locale]),
      source: 'info',
      value,
      valueText: null,
      unit,
      display: displayValue(value, unit, this.opts.locale),
      targetShare: null,
      status: 'info',
      volume,
      trend,
      details,
    };
  }

  private trendOf(
    f: (bucket: number) => { value: number | null; volume: number },
    current: { value: number | null; volume: number },
  ): TrendPoint[] {
    if (this.trendCount === 0) return [];
    return [
      ...this.trendLabels.map((period, j) => ({ period, ...f(j) })),
      { period: formatPeriod(this.period), ...current },
    ];
  }

  /** Tickets received, by channel, category and sub-domain. */
  volumeFigure(): Measurement {
    const group = (key: (r: IntakeRow & { categoryCode: string | null }) => string | null) => {
      const map = new Map<string, { volume: number; outsideHours: number }>();
      for (const r of this.intakeRows) {
        const k = key(r) ?? 'none';
        const e = map.get(k) ?? { volume: 0, outsideHours: 0 };
        e.volume += r.volume;
        e.outsideHours += r.outsideHours;
        map.set(k, e);
      }
      return [...map.entries()]
        .map(([k, v]) => ({ key: k, ...v }))
        .sort((a, b) => b.volume - a.volume || a.key.localeCompare(b.key));
    };
    const volume = sum(this.intakeRows, (r) => r.volume);
    const trend = this.trendOf(
      (j) => {
        const v = this.ackCounts(j).volume;
        return { value: v, volume: v };
      },
      { value: volume, volume },
    );
    return this.info(
      'SD.volume',
      { fr: 'Volume de demandes et incidents', en: 'Requests and incidents received' },
      volume,
      'count',
      volume,
      trend,
      {
        byChannel: group((r) => r.channel),
        byCategory: group((r) => r.categoryCode),
        bySubdomain: group((r) => r.subdomain),
      },
    );
  }

  /** First-contact resolution rate among tickets resolved in the period. */
  fcrFigure(): Measurement {
    const cur = this.res.filter((r) => r.bucket >= this.trendCount);
    const resolved = sum(cur, (r) => r.volume);
    const fcr = sum(cur, (r) => r.firstContact);
    const value = resolved > 0 ? fcr / resolved : null;
    const trend = this.trendOf(
      (j) => {
        const rows = this.res.filter((r) => r.bucket === j);
        const v = sum(rows, (r) => r.volume);
        return { value: v > 0 ? sum(rows, (r) => r.firstContact) / v : null, volume: v };
      },
      { value, volume: resolved },
    );
    return this.info(
      'SD.fcr',
      { fr: 'Résolution au premier contact', en: 'First-contact resolution' },
      value,
      'share',
      resolved,
      trend,
      { resolved, resolvedAtFirstContact: fcr },
    );
  }

  /** Average satisfaction score (1–5) of the surveys answered on tickets resolved in the period. */
  satisfactionFigure(): Measurement {
    const cur = this.res.filter((r) => r.bucket >= this.trendCount);
    const responses = sum(cur, (r) => r.satisfactionCount);
    const value = responses > 0 ? sum(cur, (r) => r.satisfactionSum) / responses : null;
    const trend = this.trendOf(
      (j) => {
        const rows = this.res.filter((r) => r.bucket === j);
        const n = sum(rows, (r) => r.satisfactionCount);
        return { value: n > 0 ? sum(rows, (r) => r.satisfactionSum) / n : null, volume: n };
      },
      { value, volume: responses },
    );
    return this.info(
      'SD.satisfaction',
      { fr: 'Satisfaction des usagers', en: 'User satisfaction' },
      value,
      'score',
      responses,
      trend,
      { responses },
    );
  }
}
