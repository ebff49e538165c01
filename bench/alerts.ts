/**
 * bench:alerts — the monitoring webhook under a storm (docs/applications.md). One process: the app
 * on a fresh SQLite database with the demo organisation and portfolios (no ticket history),
 * listening on loopback; a client in the same process posts 10,000 Alertmanager v4 notifications
 * with a bearer token, `CONCURRENCY` at a time: 1,000 alerts on Le Bouscat's applications, each
 * notified firing 7 times (Alertmanager's repeats and a sender's retries) then resolved 3 times.
 * The client runs in a worker thread (node:http, keep-alive), so the server's thread only serves.
 * Checks afterwards: exactly one outage and one incident ticket per alert, every one restored.
 * Runs on SQLite, then on PostgreSQL when DATABASE_URL names a server (a fresh database, dropped
 * afterwards); BENCH_ENGINES=sqlite|postgres picks one. Arguments: [concurrency] [alerts].
 * Prints a JSON object as its last line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type net from 'node:net';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/database';
import { buildApp } from '../src/server/app';
import { testConfig } from '../src/server/config';
import { seedDemo } from '../src/server/demo/seed';

const ALERTS = Number(process.argv[3] ?? 1_000);
const FIRING = 7;
const RESOLVED = 3;
const CONCURRENCY = Number(process.argv[2] ?? 16);

/** The load generator (plain JavaScript, run in a worker thread): posts the queue, times each answer. */
const CLIENT = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { base, token, queue, concurrency, alerts } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const url = new URL(base + '/api/v1/integrations/alertmanager');
const now = () => performance.timeOrigin + performance.now();
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer ' + token },
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); res.on('error', reject); });
    req.on('error', reject);
    req.end(body);
  });
}
const latencies = [];
const waveEnds = [];
let failures = 0, next = 0, done = 0;
async function worker() {
  while (next < queue.length) {
    const body = queue[next++];
    const s = now();
    const status = await post(body).catch(() => 0);
    if (status !== 200) failures++;
    latencies.push(now() - s);
    done++;
    if (done % alerts === 0) waveEnds.push(now());
  }
}
Promise.all(Array.from({ length: concurrency }, worker)).then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies, failures, waveEnds });
});
`;

/** One run of the storm on a fresh database of `engine`. */
async function benchOne(engine: 'sqlite' | 'postgres') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-bench-alerts-'));
  let database: Database;
  let drop = async () => {};
  if (engine === 'postgres') {
    const name = `mutualis_bench_alerts_${Date.now()}`;
    const admin = process.env.DATABASE_URL!;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    database = openDatabase({ databaseUrl: u.toString(), dataDir: dir });
    drop = async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    };
  } else database = openDatabase({ databaseUrl: null, dataDir: dir });
  const app = await buildApp(testConfig({ webDir: '/nonexistent' }), { database });
  const org = await seedDemo(app.ctx, { bulk: false });
  const lb = org.communes.leBouscat;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;

  const headers = { origin: 'http://localhost', host: 'localhost' };
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers,
    payload: { email: 'admin@mutualis.test', password: 'mutualis-demo' },
  });
  const cookie = `mutualis_session=${login.cookies.find((c) => c.name === 'mutualis_session')!.value}`;
  const tok = await app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: { ...headers, cookie },
    payload: { name: 'bench', permissions: ['integrations.alerts'], communeId: lb },
  });
  const token = (tok.json() as { token: string }).token;
  const apps = await app.ctx.db.selectFrom('applications').select(['name']).where('communeId', '=', lb).execute();

  /** The notifications, alert by alert: firing repeats then resolved repeats, interleaved across alerts. */
  function notification(i: number, k: number): string {
    const status = k < FIRING ? 'firing' : 'resolved';
    const app = apps[i % apps.length]!.name;
    const startsAt = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    const alert = {
      status,
      labels: { alertname: 'ProbeFailed', application: app, instance: `probe-${i}`, severity: 'critical' },
      annotations: { summary: `${app} ne répond plus (sonde ${i})` },
      startsAt,
      endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : new Date(Date.parse(startsAt) + 1_800_000).toISOString(),
      generatorURL: 'http://127.0.0.1:9090/graph',
      fingerprint: `bench${i.toString(16).padStart(8, '0')}`,
    };
    return JSON.stringify({
      version: '4',
      status,
      receiver: 'mutualis',
      groupKey: `{}:{alertname="ProbeFailed",instance="probe-${i}"}`,
      truncatedAlerts: 0,
      groupLabels: { alertname: 'ProbeFailed' },
      commonLabels: alert.labels,
      commonAnnotations: alert.annotations,
      externalURL: 'http://127.0.0.1:9093',
      alerts: [alert],
    });
  }

  // Waves: notification k of every alert, k = 0 … 9, so repeats of one alert run concurrently with
  // other alerts' first firings (the dedup under concurrency is what is measured).
  const queue: string[] = [];
  for (let k = 0; k < FIRING + RESOLVED; k++) for (let i = 0; i < ALERTS; i++) queue.push(notification(i, k));

  // The load comes from a worker thread (its own event loop, on the other core), as a separate
  // load generator would: the server's thread only serves. Keep-alive sockets, CONCURRENCY at a time.
  const cpu0 = process.cpuUsage();
  const t0 = performance.timeOrigin + performance.now();
  const client = new Worker(CLIENT, {
    eval: true,
    workerData: { base, token, queue, concurrency: CONCURRENCY, alerts: ALERTS },
  });
  const { latencies, failures, waveEnds } = await new Promise<{
    latencies: number[];
    failures: number;
    waveEnds: number[];
  }>((resolve, reject) => {
    client.once('message', resolve);
    client.once('error', reject);
  });
  await client.terminate();
  const seconds = (performance.timeOrigin + performance.now() - t0) / 1000;
  // CPU of the whole process (server and client threads): on a busy machine it tells more than the clock.
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  /** Seconds per wave of ALERTS notifications: the first opens the outages and tickets. */
  const waves = waveEnds.map((e, i) => Math.round((e - (i === 0 ? t0 : waveEnds[i - 1]!)) / 10) / 100);

  const db = app.ctx.db;
  const count = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
  const outages = await count(
    db
      .selectFrom('outages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', 'alertmanager')
      .executeTakeFirstOrThrow(),
  );
  const distinct = await count(
    db
      .selectFrom('outages')
      .select((eb) => eb.fn.count<number>('alertKey').distinct().as('n'))
      .where('source', '=', 'alertmanager')
      .executeTakeFirstOrThrow(),
  );
  const restored = await count(
    db
      .selectFrom('outages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', 'alertmanager')
      .where('restoredAt', 'is not', null)
      .executeTakeFirstOrThrow(),
  );
  const tickets = await count(
    db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', '=', 'monitoring')
      .executeTakeFirstOrThrow(),
  );
  await app.close();
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]! * 10) / 10;
  return {
    bench: 'alerts',
    database: engine,
    notifications: queue.length,
    alerts: ALERTS,
    concurrency: CONCURRENCY,
    seconds: Math.round(seconds * 100) / 100,
    notificationsPerSecond: Math.round(queue.length / seconds),
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    notificationsPerCpuSecond: Math.round(queue.length / cpuSeconds),
    latencyMs: { p50: p(0.5), p95: p(0.95), p99: p(0.99) },
    waveSeconds: waves,
    failures,
    outages,
    duplicateOutages: outages - distinct,
    restored,
    tickets,
    ok: failures === 0 && outages === ALERTS && distinct === ALERTS && restored === ALERTS && tickets === ALERTS,
  };
}

const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const runs: Array<Awaited<ReturnType<typeof benchOne>>> = [];
if (engines.includes('sqlite')) runs.push(await benchOne('sqlite'));
if (engines.includes('postgres') && process.env.DATABASE_URL?.startsWith('postgres'))
  runs.push(await benchOne('postgres'));
for (const r of runs)
  console.log(
    `${r.database}: ${r.notifications} notifications in ${r.seconds} s: ${r.notificationsPerSecond}/s, ${r.outages} outages, ${r.tickets} tickets`,
  );
const result = {
  bench: 'alerts',
  ...(runs[0] ?? {}),
  runs,
  ok: runs.length > 0 && runs.every((r) => r.ok),
};
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
