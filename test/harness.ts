import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { testConfig } from '../src/server/config';
import { openDatabase, type Database, type DialectName } from '../src/server/db/database';
import { buildApp } from '../src/server/app';
import { seedDemo } from '../src/server/demo/seed';
import type { DemoOrg } from '../src/server/demo/organisation';
import type { App } from '../src/server/lib/http';
import { newId } from '../src/server/lib/ids';
import { checkResponses } from './openapi-check';

/** The databases the suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function dialects(): DialectName[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Runs a describe block once per database ("… [sqlite]", "… [postgres]"). */
export function describeEachDb(name: string, fn: (dialect: DialectName) => void): void {
  for (const d of dialects()) describe(`${name} [${d}]`, () => fn(d));
}

/**
 * Whether a suite's external server is installed. Locally a missing one skips the suite with a
 * line saying what and why; in CI (`CI` set: .ci/run installs every server) it fails the run.
 */
export function serverAvailable(suite: string, server: { name: string; installed: boolean; install: string }): boolean {
  if (server.installed) return true;
  const why = `${server.name} is not installed (${server.install})`;
  if (process.env.CI) throw new Error(`${suite}: ${why}; CI must run this suite.`);
  console.warn(`Skipped: ${suite} — ${why}.`);
  return false;
}

/** `describeEachDb` for a suite that needs an external server (see `serverAvailable`). */
export function describeEachDbWith(
  server: { name: string; installed: boolean; install: string },
  name: string,
  fn: (dialect: DialectName) => void,
): void {
  const run = serverAvailable(name, server);
  for (const d of dialects()) describe.skipIf(!run)(`${name} [${d}]`, () => fn(d));
}

/** A fresh, empty database: a temporary SQLite file, or a new PostgreSQL database. */
export async function freshDatabase(
  dialect: DialectName,
  opts: { preparedStatements?: boolean } = {},
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-test-'));
    const database = openDatabase({ databaseUrl: null, dataDir: dir });
    return {
      database,
      drop: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `mutualis_t_${newId().replace(/-/g, '').slice(-16)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = openDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir(), onIdleError: () => {}, ...opts });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        // pg's Pool.end() resolves before its clients' connections have closed; dropping WITH
        // (FORCE) at that moment would terminate them mid-goodbye (57P01). Wait for them first.
        for (let i = 0; i < 100; i++) {
          const r = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (r.rows[0].n === 0) break;
          await new Promise((res) => setTimeout(res, 20));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A controllable clock for tests. */
export class TestClock {
  constructor(public current: Date = new Date()) {}
  now = (): Date => new Date(this.current.getTime());
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface BareTestApp {
  app: App;
  clock: TestClock;
  dialect: DialectName;
  /**
   * Signs a person in (password `mutualis-demo` unless given) and returns the headers a browser
   * on the app would send. The one sign-in helper of the suite: sessions are reused until the
   * test clock has moved by hours (a session older than the clock would have expired).
   */
  as(email: string, password?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export interface TestApp extends BareTestApp {
  /** The demo organisation's ids (communes, entities, users by email). */
  org: DemoOrg;
}

/** The headers of an anonymous browser on the app. */
export const ANON = { origin: 'http://localhost', host: 'localhost' };

/**
 * A built app on a fresh, empty database (no commune, no user): tests build the world they
 * need with the factories of `test/factories.ts`.
 */
export async function makeBareApp(dialect: DialectName, opts: { now?: string } = {}): Promise<BareTestApp> {
  const { database, drop } = await freshDatabase(dialect);
  const clock = new TestClock(opts.now ? new Date(opts.now) : new Date());
  const app = await buildApp(testConfig({ webDir: '/nonexistent' }), { database, now: clock.now });
  // Every response the test gets must be as the OpenAPI document says (test/openapi-check.ts).
  const responses = checkResponses(app);
  const sessions = new Map<string, { at: number; headers: Record<string, string> }>();
  return {
    app,
    clock,
    dialect,
    async as(email: string, password = 'mutualis-demo') {
      const now = clock.now().getTime();
      const hit = sessions.get(email);
      if (hit && Math.abs(now - hit.at) < 4 * 3_600_000) return hit.headers;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: ANON,
        payload: { email, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'mutualis_session');
      const headers = { ...ANON, cookie: `mutualis_session=${c!.value}` };
      sessions.set(email, { at: now, headers });
      return headers;
    },
    async close() {
      await app.close();
      await drop();
      const problems = [...new Set(responses.problems())];
      if (problems.length)
        throw new Error(`Responses not as the OpenAPI document says:\n${problems.slice(0, 40).join('\n')}`);
    },
  };
}

/**
 * A built app on a fresh database with the demo organisation and the small demo seeds
 * (not the bulk ticket history unless `bulk` is set): for tests of the reference contract and
 * of journeys through the demo world. Other tests start from `makeBareApp` and factories.
 */
export async function makeTestApp(dialect: DialectName, opts: { bulk?: boolean; now?: string } = {}): Promise<TestApp> {
  const bare = await makeBareApp(dialect, opts);
  const org = await seedDemo(bare.app.ctx, { bulk: opts.bulk ?? false });
  return { ...bare, org };
}
