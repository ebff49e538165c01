/**
 * `npm run bench:indicators` — generates 30 communes and 2,000,000 tickets over five years, then
 * computes every service-desk indicator (3.2.1, 3.3.1, 3.3.2, volume, FCR, satisfaction, with
 * trends, percentiles and backlog) for every commune for one quarter and for one year — with the
 * trend cache empty (every trend period recomputed) and filled (a dashboard opened again).
 * Runs on SQLite, and on PostgreSQL too when DATABASE_URL is set (in a fresh database).
 * The last line printed is JSON with the seconds of each step.
 *
 * The tickets come from the service desk's seeded demo generator (src/server/demo/ticket-generator.ts:
 * clock fields computed by the live clock engine on each commune's calendar and contract), one
 * transaction per commune. `BENCH_GENERATOR=minimal` uses instead a minimal generator of our own
 * (below: plausible clock fields drawn at random, raw prepared statements), several times faster
 * to fill, for quick runs.
 *
 * Options: BENCH_TICKETS (default 2000000), BENCH_COMMUNES (default 30), BENCH_GENERATOR,
 * BENCH_ONLY=sqlite|postgres, BENCH_SQLITE_DIR (a folder kept between runs: the SQLite database is
 * generated there once and reused, for iterating on the queries; delete it to regenerate).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database, type DialectName } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { createContext } from '../src/server/context';
import { testConfig } from '../src/server/config';
import { seedDemo } from '../src/server/demo/seed';
import { newId } from '../src/server/lib/ids';
import { insertAnnexVersion, insertContract } from '../src/server/modules/contracts/repo';
import { villedemoAnnex, villedemoContract } from '../src/server/modules/contracts/demo-villedemo';
import { insertGenerated, loadGeneratorCatalogue, loadGeneratorCommunes } from '../src/server/demo/ticket-generator';
import { communeConcurrency, forEachLimit, liveMeasurements } from '../src/server/modules/indicators/service';
import { parsePeriod, periodBounds, previousPeriods } from '../src/server/modules/indicators/periods';
import { ackAggregate, backlog, intake, percentiles, resolveAggregate } from '../src/server/modules/indicators/queries';
import { annexPieces, communeCalendar } from '../src/server/modules/indicators/sources';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 2_000_000);
const COMMUNES = Number(process.env.BENCH_COMMUNES ?? 30);
const END = Date.parse('2026-11-28T00:00:00.000Z');
const START = END - 5 * 365.25 * 86_400_000;

/** A small deterministic PRNG (mulberry32), so runs are comparable. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const week = {
  mon: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  tue: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  wed: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  thu: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  fri: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  sat: [],
  sun: [],
};

async function freshPostgres(url: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const name = `mutualis_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = openDatabase({ databaseUrl: u.toString(), dataDir: os.tmpdir() });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const priorities = ['P1', 'P2', 'P3', 'P3', 'P3', 'P4', 'P4', 'P2'] as const;
const channels = ['portal', 'portal', 'email', 'phone', 'phone', 'walk_in', 'monitoring'] as const;
const columns = [
  'id',
  'commune_id',
  'reference',
  'type',
  'title',
  'description',
  'subdomain',
  'channel',
  'impact',
  'urgency',
  'priority',
  'status',
  'created_at',
  'updated_at',
  'acknowledged_at',
  'resolved_at',
  'closed_at',
  'paused_business_seconds',
  'ack_business_seconds',
  'resolve_business_seconds',
  'ack_breached',
  'resolve_breached',
  'received_outside_hours',
  'reopen_count',
  'first_contact_resolution',
  'satisfaction',
];

/** One generated ticket as a row of `columns`. */
function ticketRow(r: () => number, communeId: string, slug: string, seq: number, perCommune: number): unknown[] {
  // Creation times ascend per commune (as in life), so ids (UUIDv7, time-ordered) append to the B-tree.
  const created = START + ((seq + r()) * (END - START)) / perCommune;
  const createdIso = new Date(created).toISOString();
  const priority = priorities[Math.floor(r() * priorities.length)]!;
  const ackBs = Math.floor(r() < 0.92 ? r() * 20_000 : 30_000 + r() * 60_000);
  const ackBreached = ackBs > 28_800 ? 1 : 0;
  const acknowledged = created + ackBs * 2_000;
  const open = created > END - 14 * 86_400_000 && r() < 0.6;
  const limit = { P1: 14_400, P2: 28_800, P3: 86_400, P4: 144_000 }[priority];
  const resolveBs = Math.floor(limit * (r() < 0.9 ? r() : 1 + r()));
  const resolved = open ? null : created + resolveBs * 2_500 + 60_000;
  const paused = r() < 0.1 ? Math.floor(r() * 7_200) : 0;
  return [
    newId(created),
    communeId,
    `${slug}-${seq}`,
    r() < 0.6 ? 'incident' : 'request',
    'Ticket de banc',
    '',
    'ABCD'[Math.floor(r() * 4)],
    channels[Math.floor(r() * channels.length)],
    'medium',
    'medium',
    priority,
    open ? 'in_progress' : 'closed',
    createdIso,
    createdIso,
    new Date(acknowledged).toISOString(),
    resolved === null ? null : new Date(resolved).toISOString(),
    resolved === null ? null : new Date(resolved + 86_400_000).toISOString(),
    paused,
    ackBs,
    resolved === null ? null : resolveBs,
    ackBreached,
    resolveBs > limit ? 1 : 0,
    r() < 0.1 ? 1 : 0,
    r() < 0.03 ? 1 : 0,
    r() < 0.3 ? 1 : 0,
    r() < 0.2 ? 1 + Math.floor(r() * 5) : null,
  ];
}

/** The service desk's demo generator: realistic tickets, clocks from the clock engine. */
async function generateDemo(database: Database, communes: Array<{ id: string; slug: string }>): Promise<void> {
  const from = new Date(START);
  const to = new Date(END);
  const catalogue = await loadGeneratorCatalogue(database.db);
  const perYear = Math.round(TICKETS / communes.length / 5);
  if (database.sqlite) database.sqlite.pragma('synchronous = OFF');
  for (const [i, c] of communes.entries()) {
    await database.db.transaction().execute(async (trx) => {
      const loaded = await loadGeneratorCommunes(trx, [c.id], from, to);
      await insertGenerated(trx, {
        communes: loaded,
        from,
        to,
        now: to,
        seed: 1000 + i,
        perCommunePerYear: perYear,
        history: false,
        batchSize: 2000,
        ...catalogue,
      });
    });
  }
  if (database.sqlite) {
    database.sqlite.pragma('synchronous = FULL');
    database.sqlite.exec('analyze');
  } else await sql`vacuum analyze tickets`.execute(database.db);
}

async function generate(database: Database, communes: Array<{ id: string; slug: string }>): Promise<void> {
  if (process.env.BENCH_GENERATOR !== 'minimal') return generateDemo(database, communes);
  const r = rng(42);
  const perCommune = Math.ceil(TICKETS / communes.length);
  let made = 0;
  if (database.sqlite) {
    const conn = database.sqlite;
    conn.pragma('synchronous = OFF');
    const stmt = conn.prepare(
      `insert into tickets (${columns.join(',')}) values (${columns.map(() => '?').join(',')})`,
    );
    const batch = conn.transaction((rows: unknown[][]) => {
      for (const row of rows) stmt.run(row);
    });
    for (const c of communes) {
      for (let i = 0; i < perCommune && made < TICKETS; i += 50_000) {
        const rows: unknown[][] = [];
        for (let j = i; j < Math.min(perCommune, i + 50_000) && made < TICKETS; j++, made++)
          rows.push(ticketRow(r, c.id, c.slug, j, perCommune));
        batch(rows);
      }
    }
    conn.pragma('synchronous = FULL');
    conn.exec('analyze');
    return;
  }
  // PostgreSQL: multi-row INSERTs of 1,000 rows (26,000 parameters, under the 65,535 limit).
  const rowsPer = 1_000;
  for (const c of communes) {
    for (let i = 0; i < perCommune && made < TICKETS; i += rowsPer) {
      const rows: unknown[][] = [];
      for (let j = i; j < Math.min(perCommune, i + rowsPer) && made < TICKETS; j++, made++)
        rows.push(ticketRow(r, c.id, c.slug, j, perCommune));
      await sql`insert into tickets (${sql.join(columns.map((col) => sql.id(col)))}) values ${sql.join(rows.map((row) => sql`(${sql.join(row)})`))}`.execute(
        database.db,
      );
    }
  }
  await sql`vacuum analyze tickets`.execute(database.db);
}

async function run(dialect: DialectName): Promise<Record<string, unknown>> {
  let database: Database;
  let drop: () => Promise<void>;
  if (dialect === 'postgres') ({ database, drop } = await freshPostgres(process.env.DATABASE_URL!));
  else if (process.env.BENCH_SQLITE_DIR) {
    const dir = process.env.BENCH_SQLITE_DIR;
    const reused = fs.existsSync(path.join(dir, 'mutualis.db'));
    database = openDatabase({ databaseUrl: null, dataDir: dir });
    drop = async () => {
      await database.close();
    };
    if (reused) {
      await migrateToLatest(database);
      database.optimize();
      return measure(
        database,
        dialect,
        await database.db.selectFrom('communes').select(['id', 'slug']).orderBy('createdAt').orderBy('id').execute(),
        0,
        drop,
      );
    }
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-bench-'));
    database = openDatabase({ databaseUrl: null, dataDir: dir });
    drop = async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await migrateToLatest(database);
    const ctx = createContext(testConfig(), database, () => new Date(END));
    const org = await seedDemo(ctx, { bulk: false });
    const at = new Date(START).toISOString();
    const communes: Array<{ id: string; slug: string }> = [
      { id: org.communes.leBouscat, slug: 'BOU' },
      { id: org.communes.villedemo, slug: 'VIL' },
    ];
    for (let i = communes.length; i < COMMUNES; i++) {
      const id = newId();
      const slug = `C${String(i).padStart(2, '0')}`;
      await database.db
        .insertInto('communes')
        .values({
          id,
          name: `Commune ${slug}`,
          slug: slug.toLowerCase(),
          inseeCode: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      const def = {
        name: `Calendrier ${slug}`,
        timezone: 'Europe/Paris',
        weekly: week,
        holidays: 'FR',
        closures: [],
        workedDates: [],
      };
      await database.db
        .insertInto('calendars')
        .values({
          id: newId(),
          communeId: id,
          name: def.name,
          timezone: 'Europe/Paris',
          definition: JSON.stringify(def),
          version: 1,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      const contractId = await insertContract(database.db, {
        communeId: id,
        signedAt: '2019-01-01',
        effectiveFrom: '2019-01-01',
        content: villedemoContract(),
        at,
      });
      await insertAnnexVersion(database.db, {
        communeId: id,
        contractId,
        domain: 'numerique',
        domainTitle: 'Numérique',
        version: 1,
        status: 'signed',
        effectiveFrom: '2019-01-01',
        amendmentId: null,
        signedAt: '2019-01-01',
        content: villedemoAnnex(),
        at,
      });
      communes.push({ id, slug });
    }
    const t0 = performance.now();
    await generate(database, communes);
    const generateSeconds = (performance.now() - t0) / 1000;
    return await measure(database, dialect, communes, generateSeconds, drop);
  } catch (err) {
    await drop();
    throw err;
  }
}

/** Computes the quarter and the year for every commune, and the per-query breakdown. */
async function measure(
  database: Database,
  dialect: DialectName,
  communes: Array<{ id: string; slug: string }>,
  generateSeconds: number,
  drop: () => Promise<void>,
): Promise<Record<string, unknown>> {
  try {
    const count = await database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const now = new Date(END);
    const timeAll = async (periodText: string, trend = true) => {
      const period = parsePeriod(periodText)!;
      const start = performance.now();
      let measured = 0;
      // As the side-by-side view does: several communes at once on PostgreSQL.
      await forEachLimit(communes, communeConcurrency(database.dialect), async (c) => {
        const n = (await liveMeasurements(database.db, c.id, period, 'fr', trend, now)).length;
        measured += n;
      });
      return { seconds: (performance.now() - start) / 1000, measured };
    };
    // The trend cache emptied: every trend period recomputed (and stored).
    const cold = async (periodText: string) => {
      await database.db.deleteFrom('indicatorTrendCache').execute();
      return timeAll(periodText);
    };
    await cold('2026-Q2'); // warm-up: compiled calendars, parsed annexes, statement cache, the trend quarters' pages read
    const quarterCold = await cold('2026-Q3');
    const quarter = await timeAll('2026-Q3'); // the closed trend quarters from the cache, as a dashboard opened again
    const yearCold = await cold('2025');
    const year = await timeAll('2025');
    // The side-by-side overview measures without trend.
    const quarterNoTrend = await timeAll('2026-Q3', false);
    const yearNoTrend = await timeAll('2025', false);
    // Where a quarter's time goes, per step, over all communes (one step at a time).
    const q3 = parsePeriod('2026-Q3')!;
    const b = periodBounds(q3, 'Europe/Paris');
    const bounds = [...previousPeriods(q3, 4).map((p) => periodBounds(p, 'Europe/Paris').fromUtc), b.fromUtc, b.toUtc];
    // The percentiles' counts come from the aggregates (read here, outside the timing).
    const counts = new Map<string, { ack: Map<string, number>; res: Map<string, number> }>();
    for (const c of communes) {
      const ack = await ackAggregate(database.db, c.id, [b.fromUtc, b.toUtc]);
      const res = new Map<string, number>();
      for (const r of await resolveAggregate(database.db, c.id, [b.fromUtc, b.toUtc]))
        res.set(r.priority, (res.get(r.priority) ?? 0) + r.timed);
      counts.set(c.id, { ack: new Map([['*', ack.reduce((s, r) => s + r.acknowledged, 0)]]), res });
    }
    const steps: Record<string, (id: string) => Promise<unknown>> = {
      contractAndCalendar: async (id) => {
        await communeCalendar(database.db, id);
        await annexPieces(database.db, id, b.fromDate, b.toDate);
      },
      ackAggregateWithTrend: (id) => ackAggregate(database.db, id, bounds),
      resolveAggregateWithTrend: (id) => resolveAggregate(database.db, id, bounds),
      ackPercentiles: (id) => percentiles(database.db, id, 'ack', b.fromUtc, b.toUtc, counts.get(id)!.ack),
      resolvePercentiles: (id) => percentiles(database.db, id, 'resolve', b.fromUtc, b.toUtc, counts.get(id)!.res),
      backlog: (id) => backlog(database.db, id, b.toUtc),
      intake: (id) => intake(database.db, id, b.fromUtc, b.toUtc),
    };
    const breakdown: Record<string, number> = {};
    for (const [name, step] of Object.entries(steps)) {
      const s0 = performance.now();
      for (const c of communes) await step(c.id);
      breakdown[name] = round((performance.now() - s0) / 1000);
    }
    const result = {
      dialect,
      generator: process.env.BENCH_GENERATOR === 'minimal' ? 'minimal' : 'demo',
      communes: communes.length,
      tickets: Number(count.n),
      generateSeconds: round(generateSeconds),
      quarterAllCommunesSeconds: round(quarter.seconds),
      yearAllCommunesSeconds: round(year.seconds),
      quarterTrendCacheEmptySeconds: round(quarterCold.seconds),
      yearTrendCacheEmptySeconds: round(yearCold.seconds),
      overviewQuarterSeconds: round(quarterNoTrend.seconds),
      overviewYearSeconds: round(yearNoTrend.seconds),
      measurementsPerRun: quarter.measured,
      quarterBreakdownSeconds: breakdown,
    };
    console.log(`${dialect}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await drop();
  }
}

function round(s: number): number {
  return Math.round(s * 1000) / 1000;
}

const results: Array<Record<string, unknown>> = [];
if (process.env.BENCH_ONLY !== 'postgres') results.push(await run('sqlite'));
if (process.env.DATABASE_URL?.startsWith('postgres') && process.env.BENCH_ONLY !== 'sqlite')
  results.push(await run('postgres'));
console.log(JSON.stringify({ bench: 'indicators', results }));
