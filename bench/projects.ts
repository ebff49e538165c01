/**
 * `npm run bench:projects` — the workload view and the 2.1.1 / 2.1.2 / 1.1.1 providers at
 * demo-generator scale: 30 communes, each with the demo's plans, ~10 projects a year since 2014
 * or 2019, monthly planned load and weekly time entries (the demo seed of the projects module,
 * run for every commune). Measures `GET /api/v1/workload` for three years by team and by commune
 * over every commune (the bar: ≤ 300 ms on SQLite), and the three providers for one
 * year over every commune. Runs on SQLite, and on PostgreSQL too when DATABASE_URL is set (in a
 * fresh database, dropped afterwards); BENCH_ONLY=sqlite|postgres runs one. The last line printed
 * is JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { createContext } from '../src/server/context';
import { testConfig } from '../src/server/config';
import { seedDemo } from '../src/server/demo/seed';
import { newId } from '../src/server/lib/ids';
import { systemActor } from '../src/server/access/actor';
import {
  seedProjects,
  planDeliveryProvider,
  planExistsProvider,
  projectWorkloadProvider,
} from '../src/server/modules/projects';
import { workload } from '../src/server/modules/projects/service';
import { parsePeriod, periodBounds } from '../src/server/modules/indicators/periods';

const COMMUNES = Number(process.env.BENCH_COMMUNES ?? 30);
const NOW = new Date('2026-11-28T09:00:00.000Z');

async function time<T>(fn: () => Promise<T>, runs = 5): Promise<{ ms: number; value: T }> {
  let value!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10, value };
}

/** A fresh PostgreSQL database next to the one DATABASE_URL names, dropped afterwards. */
async function freshPostgres(url: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const name = `mutualis_bench_projects_${Date.now()}`;
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

async function run(dialect: 'sqlite' | 'postgres'): Promise<Record<string, unknown>> {
  let database: Database;
  let drop: () => Promise<void>;
  if (dialect === 'postgres') ({ database, drop } = await freshPostgres(process.env.DATABASE_URL!));
  else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-bench-projects-'));
    database = openDatabase({ databaseUrl: null, dataDir: dir });
    drop = async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await migrateToLatest(database);
    const ctx = createContext(testConfig(), database, () => NOW);
    const org = await seedDemo(ctx, { bulk: false });
    const at = NOW.toISOString();
    const communes = [org.communes.leBouscat, org.communes.villedemo];
    for (let i = communes.length; i < COMMUNES; i++) {
      const id = newId();
      await database.db
        .insertInto('communes')
        .values({ id, name: `Commune ${i}`, slug: `commune-${i}`, inseeCode: null, createdAt: at, updatedAt: at })
        .execute();
      communes.push(id);
    }
    const t0 = performance.now();
    for (let i = 0; i < communes.length; i += 2) {
      const pair = { leBouscat: communes[i]!, villedemo: communes[i + 1] ?? communes[i]! };
      await database.db.transaction().execute((trx) => seedProjects(trx, { ...org, communes: pair }, ctx));
    }
    const generateSeconds = Math.round(performance.now() - t0) / 1000;
    const count = async (table: 'projects' | 'projectTimeEntries' | 'projectTimeDays' | 'projectPlannedLoad') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const y = DateTime.fromJSDate(NOW).year;
    const q = { from: `${y - 3}-01`, to: `${y - 1}-12` };
    const byTeam = await time(() => workload(ctx, systemActor, { ...q, groupBy: 'team' }));
    const byCommune = await time(() => workload(ctx, systemActor, { ...q, groupBy: 'commune' }));
    const period = parsePeriod(String(y - 1))!;
    const bounds = periodBounds(period, 'Europe/Paris');
    const input = (communeId: string, rule: Record<string, unknown>) => ({
      db: database.db,
      communeId,
      period,
      bounds,
      zone: 'Europe/Paris',
      def: { code: 'x', title: 'x', rule, commitmentCode: 'x', commitmentText: 'x' },
      pieces: [],
      trendPeriods: [],
      locale: 'fr' as const,
      now: NOW,
    });
    const providers = await time(async () => {
      for (const c of communes) {
        await planExistsProvider(input(c, { kind: 'plan_exists', horizonYears: 3, updateEveryMonths: 12 }));
        await projectWorkloadProvider(input(c, { kind: 'project_workload', serviceReferenceDays: 200 }));
        await planDeliveryProvider(input(c, { kind: 'plan_delivery' }));
      }
    }, 3);
    const result = {
      dialect,
      communes: communes.length,
      projects: await count('projects'),
      plannedLoadRows: await count('projectPlannedLoad'),
      timeEntries: await count('projectTimeEntries'),
      timeDays: await count('projectTimeDays'),
      generateSeconds,
      workloadThreeYearsByTeamMs: byTeam.ms,
      workloadThreeYearsByCommuneMs: byCommune.ms,
      workloadRows: byCommune.value.total,
      providersOneYearAllCommunesMs: providers.ms,
    };
    return result;
  } finally {
    await drop();
  }
}

const results: Array<Record<string, unknown>> = [];
if (process.env.BENCH_ONLY !== 'postgres') results.push(await run('sqlite'));
if (process.env.DATABASE_URL?.startsWith('postgres') && process.env.BENCH_ONLY !== 'sqlite')
  results.push(await run('postgres'));
console.log(JSON.stringify({ bench: 'projects', results }));
