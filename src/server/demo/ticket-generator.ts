import { DateTime } from 'luxon';
import type { Transaction } from 'kysely';
import { escalationHistoryData } from '../modules/escalations';
import type { DB, Executor } from '../db/schema';
import { searchNormalize } from '../db/dialect';
import {
  businessSeconds,
  deadline,
  deadlineWithPauses,
  nextBusinessDayEnd,
  type CompiledCalendar,
} from '../modules/calendars';
import { findCommuneCalendar } from '../modules/tickets';
import { effectivePiecesOverPeriod } from '../modules/contracts';
import {
  clockRulesFrom,
  computeClocks,
  operatingTargetAt,
  operatingTargetRows,
  type ClockBasis,
  type ClockRules,
} from '../modules/tickets';
import {
  defaultMatrix,
  formatReference,
  priorityOf,
  referencePrefix,
  type Level,
  type PriorityMatrix,
} from '../modules/tickets';
import type { TicketHistoryTable, TicketPauseTable, TicketSurveyTable, TicketTable } from '../modules/tickets';

/**
 * The seeded ticket generator: realistic service-desk history for a list of communes over a date
 * range, for the demo, the API benchmark and the indicators benchmark. Deterministic for a seed
 * (its own PRNG, ids included), streaming in batches, and computing the stored clock fields with
 * the very function live tickets use (`computeClocks`), on each commune's calendar and the annex in
 * force on each creation date — so indicators over generated data mean what they mean live.
 *
 * Shape of the data: Monday peaks and quiet weekends, fewer tickets in August and over Christmas,
 * mostly office hours with a tail outside them; a category mix; priorities mostly P3/P4; most
 * tickets acknowledged the same or next business day and resolved within target (≈ 85–95 % per
 * commune), some pauses, reopenings, satisfaction answers, breaches and escalations. Tickets
 * whose life reaches past `now` are left open in a status consistent with their timeline.
 */

/** sfc32 seeded through splitmix32: small, fast, good enough for synthetic data. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(),
    b = split(),
    c = split(),
    d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
function weighted<T>(r: Rng, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1]![0];
}
function poisson(r: Rng, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(r)));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}
function gauss(r: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}
/** A UUIDv7 from an instant and the PRNG (deterministic for a seed). */
function idAt(ms: number, r: Rng): string {
  const t = Math.floor(ms).toString(16).padStart(12, '0');
  const a = (Math.floor(r() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  const b = (Math.floor(r() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  const c = (Math.floor(r() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${a.slice(0, 3)}-${'89ab'[Math.floor(r() * 4)]}${a.slice(3, 6)}-${b}${c.slice(0, 4)}`;
}

export interface GeneratorCategory {
  id: string;
  code: string;
  subdomain: string;
  defaultType: 'incident' | 'request';
  defaultGroupId: string | null;
}

/** One commune as the generator needs it: calendar, contract pieces, people. */
export interface GeneratorCommune {
  id: string;
  slug: string;
  calendar: { id: string; version: number; compiled: CompiledCalendar } | null;
  /** Annex versions over the range: [from, to) local dates with their clock rules. */
  contracts: Array<{ from: string; to: string; annexVersionId: string; rules: ClockRules | null }>;
  requesterIds: string[];
  entityIds: string[];
  /** Tickets per year for this commune (overrides the option). */
  perYear?: number;
}

export interface GeneratorOptions {
  communes: GeneratorCommune[];
  /** First and last (exclusive) creation instants. */
  from: Date;
  to: Date;
  /** The present: tickets whose life reaches past it stay open. Defaults to `to`. */
  now?: Date;
  seed: number;
  perCommunePerYear: number;
  categories: GeneratorCategory[];
  /** Level-1 group (call centre) and its agents; staff of the level-2 groups by group id. */
  levelOneGroupId: string | null;
  levelOneAgents: string[];
  staffByGroup: Record<string, string[]>;
  matrix?: PriorityMatrix;
  /** Write history rows (status changes, escalations); the large benchmarks turn it off. */
  history?: boolean;
  batchSize?: number;
  /** Reference counters `PREFIX-YEAR` → last number, continued and updated in place. */
  sequences?: Map<string, number>;
}

export interface GeneratedBatch {
  tickets: TicketTable[];
  pauses: TicketPauseTable[];
  history: TicketHistoryTable[];
  surveys: TicketSurveyTable[];
}

const weekdayWeight = [0, 1.35, 1.1, 1.0, 1.0, 0.85, 0.06, 0.03]; // luxon weekday 1 = Monday
const categoryWeights: Record<string, number> = {
  workstation: 22,
  email: 10,
  printing: 14,
  telephony: 8,
  internet: 4,
  account: 14,
  'business-app': 7,
  network: 6,
  server: 3,
  'change-request': 4,
  security: 2,
  equipment: 6,
};
const impactWeights: ReadonlyArray<readonly [Level, number]> = [
  ['low', 45],
  ['medium', 35],
  ['high', 15],
  ['critical', 5],
];
const urgencyWeights: ReadonlyArray<readonly [Level, number]> = [
  ['low', 30],
  ['medium', 45],
  ['high', 20],
  ['critical', 5],
];
const channelWeights: ReadonlyArray<readonly [TicketTable['channel'], number]> = [
  ['portal', 45],
  ['email', 25],
  ['phone', 22],
  ['walk_in', 3],
  ['monitoring', 5],
];
const titles: Record<string, string[]> = {
  workstation: [
    'Poste qui ne démarre plus',
    'Écran noir au démarrage',
    'PC très lent',
    'Clavier défectueux',
    'Mise à jour bloquée',
  ],
  email: ['Messagerie inaccessible', 'Boîte aux lettres pleine', 'Courriels non reçus', 'Signature à modifier'],
  printing: [
    'Imprimante en panne',
    'Bourrage papier récurrent',
    'Impression impossible depuis le poste',
    'Copieur du service état civil hors service',
  ],
  telephony: ['Téléphone sans tonalité', 'Renvoi d’appel à configurer', 'Messagerie vocale inaccessible'],
  internet: ['Pas d’accès à internet', 'Navigation très lente', 'Site bloqué par le filtrage'],
  account: [
    'Mot de passe oublié',
    'Compte verrouillé',
    'Création de compte pour un nouvel agent',
    'Droits d’accès à un dossier partagé',
  ],
  'business-app': [
    'Logiciel d’état civil indisponible',
    'Application de gestion financière en erreur',
    'Portail famille inaccessible',
  ],
  network: ['Wi-Fi de la salle du conseil coupé', 'Prise réseau inactive', 'Coupure réseau à la médiathèque'],
  server: ['Serveur de fichiers inaccessible', 'Espace disque saturé', 'Sauvegarde en échec'],
  'change-request': [
    'Évolution du formulaire en ligne',
    'Nouveau champ dans l’application RH',
    'Paramétrage d’un nouveau circuit de validation',
  ],
  security: ['Courriel d’hameçonnage signalé', 'Poste suspect d’infection', 'Alerte antivirus'],
  equipment: ['Demande d’un second écran', 'Demande de poste portable', 'Casque pour le centre d’appel'],
};

const normalizedTitles = new Map<string, string>();
function normalizedTitle(title: string): string {
  let n = normalizedTitles.get(title);
  if (n === undefined) normalizedTitles.set(title, (n = searchNormalize(title)));
  return n;
}

/** Season factor of a local date: August and the Christmas fortnight are quiet. */
function seasonFactor(d: DateTime): number {
  if (d.month === 8) return 0.45;
  if ((d.month === 12 && d.day >= 22) || (d.month === 1 && d.day <= 2)) return 0.35;
  if (d.month === 7) return 0.8;
  return 1;
}

/** A local time of day in minutes: office hours mostly (peaks 9–11 and 14–16), a tail outside. */
function minuteOfDay(r: Rng): number {
  const x = r();
  if (x < 0.07) return 17 * 60 + 30 + Math.floor(r() * 270); // evening 17:30–22:00
  if (x < 0.1) return 6 * 60 + 30 + Math.floor(r() * 120); // early 6:30–8:30
  const morning = r() < 0.55;
  const m = Math.round(morning ? 9 * 60 + 50 + gauss(r) * 50 : 14 * 60 + 50 + gauss(r) * 60);
  return Math.min(17 * 60 + 29, Math.max(8 * 60 + 30, m));
}

/** The contract piece in force on a local date. */
function contractOn(c: GeneratorCommune, date: string) {
  for (const p of c.contracts) if (p.from <= date && date < p.to) return p;
  return undefined;
}

function basisFor(c: GeneratorCommune, date: string): ClockBasis {
  if (!c.calendar)
    return {
      calendar: null,
      rules: null,
      calendarId: null,
      calendarVersion: null,
      annexVersionId: null,
      issue: 'no_calendar',
    };
  const piece = contractOn(c, date);
  const base = { calendar: c.calendar.compiled, calendarId: c.calendar.id, calendarVersion: c.calendar.version };
  if (!piece) return { ...base, rules: null, annexVersionId: null, issue: 'no_contract' };
  return { ...base, rules: piece.rules, annexVersionId: piece.annexVersionId, issue: piece.rules ? null : 'no_rule' };
}

/** Business-time arithmetic on the commune's calendar, or wall time without one. */
function later(cal: CompiledCalendar | null, fromMs: number, seconds: number): number {
  return cal ? deadline(cal, fromMs, Math.max(0, Math.round(seconds))) : fromMs + seconds * 1000;
}

interface Timeline {
  ackAt: number;
  pause: { start: number; end: number } | null;
  resolvedAt: number;
  reopenedAt: number | null;
  closedAt: number;
  escalated: 'urgent' | 'exceptional' | null;
}

/** When things happen to one ticket, from its creation, priority and the commune's performance. */
function timeline(
  r: Rng,
  cal: CompiledCalendar | null,
  created: number,
  rules: ClockRules | null,
  priority: TicketTable['priority'],
  withinShare: number,
): Timeline {
  // 3.3.1: mostly within a couple of business hours, a few after the next business day's end.
  const ackDue = cal ? nextBusinessDayEnd(cal, created) : created + 86_400_000;
  let ackAt: number;
  if (r() < 0.94) {
    const budget = cal ? businessSeconds(cal, created, ackDue) : 86_400;
    ackAt = later(cal, created, Math.min(budget * 0.98, r() ** 3 * budget * 0.6 + 60));
  } else ackAt = later(cal, ackDue, 1800 + r() * 8 * 3600);
  const target = rules?.resolutionSeconds?.[priority] ?? { P1: 14_400, P2: 28_800, P3: 86_400, P4: 144_000 }[priority];
  const within = r() < withinShare;
  let work = within ? target * (0.05 + 0.93 * r() ** 1.4) : target * (1.05 + 1.5 * r());
  const ackWork = cal ? businessSeconds(cal, created, ackAt) : (ackAt - created) / 1000;
  work = Math.max(work, ackWork + 300);
  let pause: Timeline['pause'] = null;
  let resolvedAt: number;
  if (r() < 0.12) {
    const start = later(cal, created, ackWork + (work - ackWork) * (0.2 + 0.5 * r()));
    const end = later(cal, start, 3600 + r() * 20 * 3600);
    pause = { start, end };
    resolvedAt = cal
      ? deadlineWithPauses(cal, created, Math.round(work), [{ startMs: start, endMs: end }])!
      : created + work * 1000 + (end - start);
  } else resolvedAt = later(cal, created, work);
  let reopenedAt: number | null = null;
  if (r() < 0.04) {
    reopenedAt = resolvedAt + (1 + r() * 48) * 3_600_000;
    resolvedAt = later(cal, reopenedAt, 1800 + r() * 12 * 3600);
  }
  const closedAt = resolvedAt + (2 + r() * 5) * 86_400_000;
  const breached = !within || (ackAt > ackDue && r() < 0.2);
  const escalated =
    breached && r() < 0.25 ? (r() < 0.15 ? 'exceptional' : 'urgent') : priority === 'P1' && r() < 0.1 ? 'urgent' : null;
  return { ackAt, pause, resolvedAt, reopenedAt, closedAt, escalated };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Reasons of the generated escalations (demo history, not the contract's wording). */
const AUTOMATIC_REASON = 'Délai de résolution dépassé (escalade automatique).';
const REQUESTED_REASON = 'Escalade demandée par la commune : service à l’arrêt.';

/** Generates tickets (with pauses, history, surveys) in batches, day by day across communes. */
export function* generateTickets(opts: GeneratorOptions): Iterable<GeneratedBatch> {
  const r = prng(opts.seed);
  const now = (opts.now ?? opts.to).getTime();
  const matrix = opts.matrix ?? defaultMatrix;
  const batchSize = opts.batchSize ?? 500;
  const sequences = opts.sequences ?? new Map<string, number>();
  const withHistory = opts.history !== false;
  const catTable = opts.categories.map((c) => [c, categoryWeights[c.code] ?? 3] as const);
  const performance = new Map(opts.communes.map((c) => [c.id, 0.88 + 0.07 * r()]));
  const zone = opts.communes.find((c) => c.calendar)?.calendar?.compiled.timezone ?? 'Europe/Paris';
  // Weights of a typical year, to turn a yearly volume into a daily rate.
  let yearWeight = 0;
  for (
    let d = DateTime.fromObject({ year: 2025, month: 1, day: 1 }, { zone });
    d.year === 2025;
    d = d.plus({ days: 1 })
  )
    yearWeight += weekdayWeight[d.weekday]! * seasonFactor(d);

  let batch: GeneratedBatch = { tickets: [], pauses: [], history: [], surveys: [] };
  const hist = (t: TicketTable, at: number, kind: string, data: unknown, actorId: string | null, internal = 0) => {
    if (withHistory)
      batch.history.push({
        id: idAt(at, r),
        ticketId: t.id,
        communeId: t.communeId,
        at: iso(at),
        actorId,
        actorLabel: actorId ? 'agent' : 'system',
        kind,
        data: JSON.stringify(data),
        internal,
      });
  };

  const end = DateTime.fromJSDate(opts.to, { zone });
  for (let day = DateTime.fromJSDate(opts.from, { zone }).startOf('day'); day < end; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    const dayStart = day.toMillis();
    const noonOffset = day.set({ hour: 12 }).offset; // DST changes happen at night: one offset per day is exact for 6:30–22:00
    const factor = weekdayWeight[day.weekday]! * seasonFactor(day);
    for (const c of opts.communes) {
      const n = poisson(r, ((c.perYear ?? opts.perCommunePerYear) * factor) / yearWeight);
      const basis = basisFor(c, date);
      const cal = basis.calendar;
      for (let i = 0; i < n; i++) {
        const created =
          dayStart + minuteOfDay(r) * 60_000 + Math.floor(r() * 60_000) - (noonOffset - day.offset) * 60_000;
        if (created < opts.from.getTime() || created >= opts.to.getTime()) continue;
        const cat = weighted(r, catTable);
        const impact = weighted(r, impactWeights);
        const urgency = weighted(r, urgencyWeights);
        const priority = priorityOf(matrix, impact, urgency);
        let channel = weighted(r, channelWeights);
        if (channel === 'monitoring' && cat.subdomain !== 'D') channel = 'email';
        const tl = timeline(r, cal, created, basis.rules, priority, performance.get(c.id)!);
        const year = day.year;
        const prefix = referencePrefix(c.slug);
        const seq = (sequences.get(`${prefix}-${year}`) ?? 0) + 1;
        sequences.set(`${prefix}-${year}`, seq);
        const reference = formatReference(prefix, year, seq);
        const levelTwo = cat.defaultGroupId && cat.defaultGroupId !== opts.levelOneGroupId ? cat.defaultGroupId : null;
        const quick = (channel === 'phone' || channel === 'walk_in') && r() < 0.35;
        const groupId = quick ? opts.levelOneGroupId : (levelTwo ?? opts.levelOneGroupId);
        const staff = groupId ? (opts.staffByGroup[groupId] ?? opts.levelOneAgents) : opts.levelOneAgents;
        const assigneeId = staff.length ? pick(r, staff) : null;
        const requesterId = c.requesterIds.length && r() < 0.9 ? pick(r, c.requesterIds) : null;
        const title = pick(r, titles[cat.code] ?? ['Demande d’assistance']);
        // Where the ticket stands at `now`.
        const state = {
          acknowledgedAt: null as string | null,
          resolvedAt: null as string | null,
          closedAt: null as string | null,
          status: 'new' as TicketTable['status'],
          pausedSince: null as string | null,
        };
        const pauses: Array<{ startedAt: string; endedAt: string | null }> = [];
        // Acknowledged in the last day and not yet worked on: still `acknowledged`.
        if (tl.ackAt <= now) {
          state.acknowledgedAt = iso(tl.ackAt);
          state.status = now - tl.ackAt < 86_400_000 ? 'acknowledged' : 'in_progress';
        }
        if (tl.pause && tl.pause.start <= now) {
          pauses.push({ startedAt: iso(tl.pause.start), endedAt: tl.pause.end <= now ? iso(tl.pause.end) : null });
          if (tl.pause.end > now) {
            state.status = 'pending';
            state.pausedSince = iso(tl.pause.start);
          }
        }
        const reopened = tl.reopenedAt !== null && tl.reopenedAt <= now;
        if (tl.resolvedAt <= now) {
          state.resolvedAt = iso(tl.resolvedAt);
          state.status = 'resolved';
        } else if (reopened) state.status = 'reopened';
        if (tl.closedAt <= now) {
          state.closedAt = iso(tl.closedAt);
          state.status = 'closed';
        }
        const id = idAt(created, r);
        const clocks = computeClocks(
          basis,
          {
            createdAt: iso(created),
            priority,
            acknowledgedAt: state.acknowledgedAt,
            resolvedAt: state.resolvedAt,
            pauses,
          },
          now,
        );
        const resolved = state.resolvedAt !== null;
        const satisfaction =
          resolved && requesterId && r() < 0.3
            ? weighted(r, [
                [5, 45],
                [4, 35],
                [3, 12],
                [2, 5],
                [1, 3],
              ] as const)
            : null;
        const t: TicketTable = {
          id,
          communeId: c.id,
          entityId: c.entityIds.length && r() < 0.25 ? pick(r, c.entityIds) : null,
          reference,
          type: cat.defaultType,
          title,
          description: `${title}. Signalé via ${channel}.`,
          categoryId: cat.id,
          subdomain: cat.subdomain,
          requesterId,
          site: null,
          channel,
          impact,
          urgency,
          priority,
          status: state.status,
          groupId,
          assigneeId: state.acknowledgedAt ? assigneeId : null,
          referralLevel: tl.escalated && created <= now ? tl.escalated : 'ordinary',
          createdAt: iso(created),
          updatedAt: iso(Math.min(now, tl.closedAt)),
          acknowledgedAt: state.acknowledgedAt,
          resolvedAt: state.resolvedAt,
          closedAt: state.closedAt,
          pausedSince: state.pausedSince,
          reopenCount: reopened ? 1 : 0,
          firstContactResolution: resolved && quick && !reopened && !tl.pause ? 1 : 0,
          satisfaction,
          mergedIntoId: null,
          searchText: `${reference.toLowerCase()} ${normalizedTitle(title)} ${normalizedTitle(title)}. signale via ${channel}.`,
          emailMessageId: null,
          forceMajeure: 0,
          forceMajeureReason: null,
          forceMajeureAt: null,
          forceMajeureBy: null,
          ...clocks,
        };
        batch.tickets.push(t);
        for (const p of pauses)
          batch.pauses.push({
            id: idAt(Date.parse(p.startedAt), r),
            ticketId: id,
            communeId: c.id,
            startedAt: p.startedAt,
            endedAt: p.endedAt,
            reason: 'En attente du demandeur',
          });
        hist(t, created, 'created', { reference, channel, priority }, requesterId);
        if (state.acknowledgedAt) hist(t, tl.ackAt, 'status', { from: 'new', to: 'acknowledged' }, assigneeId);
        if (t.referralLevel !== 'ordinary')
          hist(
            t,
            Math.min(now, Math.max(tl.ackAt, created + 3_600_000)),
            'escalated',
            escalationHistoryData(
              r() < 0.5
                ? { from: 'ordinary', to: t.referralLevel, reason: AUTOMATIC_REASON, automatic: true, notified: [] }
                : { from: 'ordinary', to: t.referralLevel, reason: REQUESTED_REASON, automatic: false, notified: [] },
            ),
            null,
          );
        if (pauses[0]) {
          hist(t, tl.pause!.start, 'status', { from: 'in_progress', to: 'pending' }, assigneeId);
          if (pauses[0].endedAt) hist(t, tl.pause!.end, 'status', { from: 'pending', to: 'in_progress' }, assigneeId);
        }
        if (reopened) hist(t, tl.reopenedAt!, 'status', { from: 'resolved', to: 'reopened' }, requesterId);
        if (state.resolvedAt) {
          hist(t, tl.resolvedAt, 'status', { from: 'in_progress', to: 'resolved' }, assigneeId);
          if (requesterId)
            batch.surveys.push({
              id: idAt(tl.resolvedAt, r),
              ticketId: id,
              communeId: c.id,
              requesterId,
              sentAt: state.resolvedAt,
              answeredAt: satisfaction ? iso(tl.resolvedAt + 3_600_000) : null,
              score: satisfaction,
              comment: null,
              remindedAt: null,
            });
        }
        if (state.closedAt) hist(t, tl.closedAt, 'status', { from: 'resolved', to: 'closed' }, null);
      }
    }
    // Batches hold whole days, their tickets in creation order: inserted in that order, a ticket's
    // rowid follows its creation as it does for tickets recorded live (search reads the newest
    // matches first by rowid, db/dialect.ts).
    if (batch.tickets.length >= batchSize) {
      yield inCreationOrder(batch);
      batch = { tickets: [], pauses: [], history: [], surveys: [] };
    }
  }
  if (batch.tickets.length) yield inCreationOrder(batch);
}

function inCreationOrder(batch: GeneratedBatch): GeneratedBatch {
  batch.tickets.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return batch;
}

async function insertChunks<T extends keyof DB>(
  db: Executor,
  table: T,
  rows: ReadonlyArray<Record<string, unknown>>,
  size: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
}

/**
 * Generates and inserts tickets in batches, continuing the reference counters stored in the
 * database and saving them at the end. Returns the number of tickets inserted.
 */
export async function insertGenerated(
  db: Executor,
  opts: Omit<GeneratorOptions, 'sequences'>,
  onBatch?: (inserted: number) => void,
): Promise<number> {
  const sequences = new Map(
    (await db.selectFrom('ticketSequences').selectAll().execute()).map((s) => [`${s.prefix}-${s.year}`, s.last]),
  );
  let count = 0;
  for (const b of generateTickets({ ...opts, sequences })) {
    await insertChunks(db, 'tickets', b.tickets as never, 500);
    await insertChunks(db, 'ticketPauses', b.pauses as never, 1000);
    await insertChunks(db, 'ticketHistory', b.history as never, 1000);
    await insertChunks(db, 'ticketSurveys', b.surveys as never, 1000);
    count += b.tickets.length;
    onBatch?.(count);
  }
  for (const [key, last] of sequences) {
    const [prefix, year] = [key.slice(0, key.lastIndexOf('-')), Number(key.slice(key.lastIndexOf('-') + 1))];
    await db
      .insertInto('ticketSequences')
      .values({ prefix, year, last })
      .onConflict((oc) => oc.columns(['prefix', 'year']).doUpdateSet({ last }))
      .execute();
  }
  return count;
}

/** Reads what the generator needs of the communes from the database: calendar, contract pieces, people. */
export async function loadGeneratorCommunes(
  db: Executor,
  communeIds: readonly string[],
  from: Date,
  to: Date,
): Promise<GeneratorCommune[]> {
  const out: GeneratorCommune[] = [];
  const fromDate = DateTime.fromJSDate(from, { zone: 'Europe/Paris' }).minus({ days: 1 }).toISODate()!;
  const toDate = DateTime.fromJSDate(to, { zone: 'Europe/Paris' }).plus({ days: 2 }).toISODate()!;
  for (const id of communeIds) {
    const commune = await db
      .selectFrom('communes')
      .select(['id', 'slug'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const cal = await findCommuneCalendar(db, id);
    const calendar = cal ? { id: cal.id, version: cal.version, compiled: cal.compiled } : null;
    // The terms in force piece by piece, as live tickets get them (tickets/clock-basis.ts): the
    // annex with its agreements, and the operating targets for what neither sets.
    const pieces = await effectivePiecesOverPeriod(db, id, fromDate, toDate);
    const operating = await operatingTargetRows(db, id);
    const contracts: GeneratorCommune['contracts'] = [];
    for (const p of pieces) {
      const cuts = operating.map((o) => o.effectiveFrom).filter((d) => d > p.from && d < p.to);
      const bounds = [p.from, ...new Set(cuts.sort()), p.to];
      for (let i = 0; i + 1 < bounds.length; i++) {
        const target = operatingTargetAt(operating, id, bounds[i]!);
        contracts.push({
          from: bounds[i]!,
          to: bounds[i + 1]!,
          annexVersionId: p.annex.id,
          rules: clockRulesFrom(
            p.commitments.flatMap((c) => c.indicators),
            target ? (JSON.parse(target.resolution) as Record<string, string>) : null,
          ),
        });
      }
    }
    const people = await db
      .selectFrom('users')
      .select(['id', 'roles'])
      .where('communeId', '=', id)
      .where('active', '=', 1)
      .execute();
    const entities = await db.selectFrom('entities').select('id').where('communeId', '=', id).execute();
    out.push({
      id,
      slug: commune.slug,
      calendar,
      contracts,
      requesterIds: people.map((p) => p.id),
      entityIds: entities.map((e) => e.id),
    });
  }
  return out;
}

/** The catalogue, groups and staff of the database, as generator options. */
export async function loadGeneratorCatalogue(
  db: Executor,
): Promise<Pick<GeneratorOptions, 'categories' | 'levelOneGroupId' | 'levelOneAgents' | 'staffByGroup'>> {
  const categories = await db
    .selectFrom('ticketCategories')
    .select(['id', 'code', 'subdomain', 'defaultType', 'defaultGroupId'])
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  const groups = await db.selectFrom('supportGroups').select(['id', 'level']).orderBy('code').execute();
  const members = await db.selectFrom('supportGroupMembers').select(['groupId', 'userId']).orderBy('userId').execute();
  const staffByGroup: Record<string, string[]> = {};
  for (const m of members) (staffByGroup[m.groupId] ??= []).push(m.userId);
  const levelOne = groups.find((g) => g.level === 1)?.id ?? null;
  return {
    categories,
    levelOneGroupId: levelOne,
    levelOneAgents: levelOne ? (staffByGroup[levelOne] ?? []) : [],
    staffByGroup,
  };
}

/** Demo seed (bulk): two years of tickets up to now, ~1,500 a year for Le Bouscat and ~800 for Villedemo. */
export async function seedDemoTickets(
  trx: Transaction<DB>,
  org: { communes: { leBouscat: string; villedemo: string } },
  ctx: { now: () => Date },
): Promise<void> {
  const to = ctx.now();
  const from = DateTime.fromJSDate(to, { zone: 'Europe/Paris' }).minus({ years: 2 }).startOf('day').toJSDate();
  const communes = await loadGeneratorCommunes(trx, [org.communes.leBouscat, org.communes.villedemo], from, to);
  communes[0]!.perYear = 1500;
  communes[1]!.perYear = 800;
  await insertGenerated(trx, {
    communes,
    from,
    to,
    now: to,
    seed: 20161215,
    perCommunePerYear: 1000,
    ...(await loadGeneratorCatalogue(trx)),
  });
}
