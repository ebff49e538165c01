/**
 * `npm run bench:api` — the service desk's HTTP routes under load.
 *
 * Loads ~100,000 tickets over 30 communes (the demo organisation plus 28 communes with the
 * town-hall calendar and a contract) with the seeded demo generator into a fresh database —
 * SQLite in a temporary folder, and PostgreSQL too when DATABASE_URL is set (a fresh database
 * created from it) — starts the server in a child process on loopback, then drives each route with
 * autocannon for BENCH_SECONDS (default 10) seconds:
 *   list         GET  /api/v1/tickets?limit=50                      (director: all 30 communes)
 *   list_commune GET  /api/v1/tickets?status=…&limit=50             (a commune's referent)
 *   search       GET  /api/v1/tickets?q=imprimante&limit=50          (director)
 *   read         GET  /api/v1/tickets/{id}                           (director, 1,000 random ids)
 *   create       POST /api/v1/tickets                                (call centre, phone entry)
 * The server runs with WORKERS processes (`auto`, one per core, unless WORKERS is set: `WORKERS=1`
 * measures a single process). The last line printed is JSON: requests per second and p50/p99
 * latency (ms) per route per database.
 *
 * Options: BENCH_TICKETS (default 100000), BENCH_COMMUNES (default 30), BENCH_SECONDS (default 10),
 * BENCH_CONNECTIONS (default 10), BENCH_ROUTES (comma-separated subset of the routes above),
 * BENCH_ENGINES (`sqlite,postgres` by default; PostgreSQL needs DATABASE_URL),
 * BENCH_SQLITE_DIR (a folder kept between runs: the SQLite database is loaded there once and reused,
 * for iterating on the server's speed; the create route then adds tickets to it), BENCH_PG_DATABASE
 * (the same for PostgreSQL: a database of that name on DATABASE_URL's server, kept and reused).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
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

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const COMMUNES = Number(process.env.BENCH_COMMUNES ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const NOW = new Date('2026-11-27T10:00:00.000Z');
/** Server processes: the server's own WORKERS setting, `auto` (one per core) unless given. */
const WORKERS = process.env.WORKERS || 'auto';
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));

const day = [
  ['08:30', '12:00'],
  ['13:00', '17:00'],
];
const week = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A fresh database and the environment a server process needs to open it. */
async function fresh(
  dialect: DialectName,
): Promise<{ database: Database; env: Record<string, string>; drop: () => Promise<void>; reused?: boolean }> {
  const keep = process.env.BENCH_SQLITE_DIR;
  if (dialect === 'sqlite' && keep) {
    const reused = fs.existsSync(path.join(keep, 'mutualis.db'));
    return {
      database: openDatabase({ databaseUrl: null, dataDir: keep }),
      env: { DATA_DIR: keep },
      drop: async () => {},
      reused,
    };
  }
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-bench-api-'));
    return {
      database: openDatabase({ databaseUrl: null, dataDir: dir }),
      env: { DATA_DIR: dir },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = process.env.DATABASE_URL!;
  const kept = process.env.BENCH_PG_DATABASE;
  if (kept && !/^[a-z_][a-z0-9_]*$/.test(kept)) throw new Error('BENCH_PG_DATABASE: a lower-case database name');
  const name = kept ?? `mutualis_bench_api_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  const exists =
    Boolean(kept) && (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!exists) await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-bench-api-'));
  return {
    database: openDatabase({ databaseUrl: u.toString(), dataDir: dir }),
    env: { DATABASE_URL: u.toString(), DATA_DIR: dir },
    reused: exists,
    drop: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (kept) return;
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

/** Demo organisation + 28 more communes with a calendar and a contract, then the generated tickets. */
async function load(database: Database): Promise<{ tickets: number; seconds: number; leBouscat: string }> {
  await migrateToLatest(database);
  const ctx = createContext(testConfig(), database, () => NOW);
  const org = await seedDemo(ctx, { bulk: false });
  const at = NOW.toISOString();
  const ids = [org.communes.leBouscat, org.communes.villedemo];
  for (let i = ids.length; i < COMMUNES; i++) {
    const id = newId();
    const slug = `commune-${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}${i}`;
    await database.db
      .insertInto('communes')
      .values({ id, name: `Commune ${i}`, slug, inseeCode: null, createdAt: at, updatedAt: at })
      .execute();
    const def = {
      name: `Mairie ${i}`,
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
    ids.push(id);
  }
  const from = DateTime.fromJSDate(NOW, { zone: 'Europe/Paris' }).minus({ years: 2 }).toJSDate();
  const t0 = performance.now();
  const communes = await loadGeneratorCommunes(database.db, ids, from, NOW);
  const catalogue = await loadGeneratorCatalogue(database.db);
  const tickets = await database.db.transaction().execute((trx) =>
    insertGenerated(trx, {
      communes,
      from,
      to: NOW,
      now: NOW,
      seed: 2026,
      perCommunePerYear: TICKETS / COMMUNES / 2,
      ...catalogue,
    }),
  );
  return { tickets, seconds: (performance.now() - t0) / 1000, leBouscat: org.communes.leBouscat };
}

async function startServer(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      WORKERS,
      DATABASE_URL: env.DATABASE_URL ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MUTUALIS_DEMO: '0',
      MUTUALIS_SCHEDULER: '0',
      WEB_DIR: '/nonexistent',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return { base, child };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('server did not start');
}

async function login(base: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: 'mutualis-demo' }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, origin: base };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function drive(
  base: string,
  opts: { path?: string; method?: 'GET' | 'POST'; headers: Record<string, string>; body?: string; paths?: string[] },
): Promise<Figures> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: opts.method ?? 'GET',
        path: opts.path ?? opts.paths![0]!,
        headers: { ...opts.headers, ...(opts.body ? { 'content-type': 'application/json' } : {}) },
        body: opts.body,
        ...(opts.paths
          ? { setupRequest: (req: autocannon.Request) => ({ ...req, path: opts.paths![i++ % opts.paths!.length]! }) }
          : {}),
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function benchOne(dialect: DialectName): Promise<Record<string, unknown>> {
  const { database, env, drop, reused } = await fresh(dialect);
  let child: ChildProcess | undefined;
  try {
    const loaded = reused
      ? {
          tickets: 0,
          seconds: 0,
          leBouscat: (
            await database.db
              .selectFrom('communes')
              .select('id')
              .where('slug', '=', 'le-bouscat')
              .executeTakeFirstOrThrow()
          ).id,
        }
      : await load(database);
    // A bulk load leaves PostgreSQL without statistics nor visibility map (index-only scans then
    // visit the heap); autovacuum would settle it within minutes on a live server: do it now.
    if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(database.db);
    const sample = await database.db.selectFrom('tickets').select('id').orderBy('reference').limit(1000).execute();
    const total = await database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await database.close();
    console.error(`[${dialect}] ${total.n} tickets loaded in ${loaded.seconds.toFixed(1)} s`);
    const server = await startServer(env);
    child = server.child;
    const director = await login(server.base, 'directeur@mutualis.test');
    const referent = await login(server.base, 'referent@le-bouscat.test');
    const desk = await login(server.base, 'accueil@mutualis.test');
    const readPaths = sample.map((s) => `/api/v1/tickets/${s.id}`);
    // Warm-up of every worker: compiled calendars (30 communes on the first list), statement
    // caches, JIT.
    for (let round = 0; round < 5; round++) {
      await Promise.all([
        ...readPaths
          .slice(round * 20, round * 20 + 20)
          .map((p) => fetch(server.base + p, { headers: director }).then((r) => r.arrayBuffer())),
        ...Array.from({ length: 4 }, () =>
          fetch(`${server.base}/api/v1/tickets?limit=50`, { headers: director }).then((r) => r.arrayBuffer()),
        ),
      ]);
    }
    const routes: Record<string, Figures> = {};
    const only = process.env.BENCH_ROUTES?.split(',');
    const want = (name: string) => !only || only.includes(name);
    if (want('list')) routes.list = await drive(server.base, { path: '/api/v1/tickets?limit=50', headers: director });
    if (want('list_commune'))
      routes.list_commune = await drive(server.base, {
        path: '/api/v1/tickets?status=new,acknowledged,in_progress,pending,resolved&limit=50',
        headers: referent,
      });
    if (want('search'))
      routes.search = await drive(server.base, { path: '/api/v1/tickets?q=imprimante&limit=50', headers: director });
    if (want('read')) routes.read = await drive(server.base, { paths: readPaths, headers: director });
    if (want('create'))
      routes.create = await drive(server.base, {
        path: '/api/v1/tickets',
        method: 'POST',
        headers: desk,
        body: JSON.stringify({
          type: 'incident',
          title: 'Imprimante du service état civil en panne',
          description: 'Appel de l’accueil',
          impact: 'medium',
          urgency: 'medium',
          channel: 'phone',
          communeId: loaded.leBouscat,
        }),
      });
    for (const [name, f] of Object.entries(routes))
      console.error(
        `[${dialect}] ${name.padEnd(13)} ${String(f.rps).padStart(6)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms${f.non2xx || f.errors ? `  (non-2xx ${f.non2xx}, errors ${f.errors})` : ''}`,
      );
    return { tickets: Number(total.n), communes: COMMUNES, loadSeconds: Math.round(loaded.seconds * 10) / 10, routes };
  } finally {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await drop();
  }
}

const out: Record<string, unknown> = {
  bench: 'api',
  seconds: SECONDS,
  connections: CONNECTIONS,
  cpus: os.cpus().length,
  workers: WORKERS,
};
const engines = process.env.BENCH_ENGINES?.split(',') ?? ['sqlite', 'postgres'];
if (engines.includes('sqlite')) out.sqlite = await benchOne('sqlite');
if (engines.includes('postgres') && process.env.DATABASE_URL?.startsWith('postgres'))
  out.postgres = await benchOne('postgres');
console.log(JSON.stringify(out));
