import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { makeServiceDesk, type ServiceDesk } from '../factories';
import { enqueueJob, retryDelayMs } from '../../src/server/modules/scheduler/jobs';
import { runDueJobs, type JobHandler } from '../../src/server/modules/scheduler/runner';

// Test handlers: count runs per job, fail on demand, recur.
const runs = new Map<string, number>();
let failing = new Set<string>();
const countJob: JobHandler = async (_ctx, job) => {
  const key = String(job.payload.key);
  runs.set(key, (runs.get(key) ?? 0) + 1);
  // Keep the job busy a little so concurrent runners overlap.
  await new Promise((r) => setTimeout(r, 1));
  if (failing.has(key)) throw new Error(`boom ${key}`);
};
const recurringJob: JobHandler = async (_ctx, job, now) => {
  const key = String(job.payload.key);
  runs.set(key, (runs.get(key) ?? 0) + 1);
  return { rescheduleAt: new Date(now.getTime() + 60_000) };
};

describeEachDb('scheduler: durable jobs', (dialect) => {
  let t: BareTestApp;
  let d: ServiceDesk;
  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    d = await makeServiceDesk(t);
    t.app.ctx.scheduler.register('test.count', countJob);
    t.app.ctx.scheduler.register('test.recurring', recurringJob);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    runs.clear();
    failing = new Set();
    await t.app.ctx.db.deleteFrom('jobs').execute();
  });

  it('never enqueues the same dedupe key twice (glpi#1996: an escalation fires once per level)', async () => {
    const ctx = t.app.ctx;
    const now = ctx.now();
    expect(
      await enqueueJob(
        ctx.db,
        { kind: 'test.count', runAt: now, payload: { key: 'a' }, dedupeKey: 'escalate:T1:urgent' },
        now,
      ),
    ).toBe(true);
    expect(
      await enqueueJob(
        ctx.db,
        { kind: 'test.count', runAt: now, payload: { key: 'a' }, dedupeKey: 'escalate:T1:urgent' },
        now,
      ),
    ).toBe(false);
    await runDueJobs(ctx, now);
    await runDueJobs(ctx, now);
    // Even after the job is done, the key stays taken.
    expect(
      await enqueueJob(
        ctx.db,
        { kind: 'test.count', runAt: now, payload: { key: 'a' }, dedupeKey: 'escalate:T1:urgent' },
        now,
      ),
    ).toBe(false);
    await runDueJobs(ctx, now);
    expect(runs.get('a')).toBe(1);
  });

  it('runs a job only once its time has come, with the controllable clock', async () => {
    const ctx = t.app.ctx;
    const now = ctx.now();
    await enqueueJob(
      ctx.db,
      { kind: 'test.count', runAt: new Date(now.getTime() + 3_600_000), payload: { key: 'later' }, dedupeKey: 'later' },
      now,
    );
    expect((await runDueJobs(ctx, now)).done).toBe(0);
    expect(runs.get('later')).toBeUndefined();
    expect((await runDueJobs(ctx, new Date(now.getTime() + 3_600_000))).done).toBe(1);
    expect(runs.get('later')).toBe(1);
    const row = await ctx.db.selectFrom('jobs').selectAll().where('dedupeKey', '=', 'later').executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
  });

  it('retries a failing job with backoff, then marks it failed after its last attempt', async () => {
    const ctx = t.app.ctx;
    let now = ctx.now();
    failing.add('flaky');
    await enqueueJob(
      ctx.db,
      { kind: 'test.count', runAt: now, payload: { key: 'flaky' }, dedupeKey: 'flaky', maxAttempts: 3 },
      now,
    );
    expect((await runDueJobs(ctx, now)).failed).toBe(1);
    let row = await ctx.db.selectFrom('jobs').selectAll().where('dedupeKey', '=', 'flaky').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'boom flaky' });
    expect(Date.parse(row.runAt) - now.getTime()).toBe(retryDelayMs(1));
    // Not before the backoff.
    expect((await runDueJobs(ctx, new Date(now.getTime() + 1000))).failed).toBe(0);
    now = new Date(row.runAt);
    await runDueJobs(ctx, now);
    row = await ctx.db.selectFrom('jobs').selectAll().where('dedupeKey', '=', 'flaky').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    await runDueJobs(ctx, new Date(row.runAt));
    row = await ctx.db.selectFrom('jobs').selectAll().where('dedupeKey', '=', 'flaky').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(runs.get('flaky')).toBe(3);
  });

  it('reclaims a job whose runner died (expired lock) and survives a restart: state is in the database', async () => {
    const ctx = t.app.ctx;
    const now = ctx.now();
    await enqueueJob(ctx.db, { kind: 'test.count', runAt: now, payload: { key: 'orphan' }, dedupeKey: 'orphan' }, now);
    // A runner claimed it then vanished.
    await ctx.db
      .updateTable('jobs')
      .set({
        status: 'running',
        lockedBy: 'dead-runner',
        lockedUntil: new Date(now.getTime() + 60_000).toISOString(),
        attempts: 1,
      })
      .where('dedupeKey', '=', 'orphan')
      .execute();
    expect((await runDueJobs(ctx, now)).done).toBe(0);
    expect((await runDueJobs(ctx, new Date(now.getTime() + 61_000))).done).toBe(1);
    expect(runs.get('orphan')).toBe(1);
  });

  it('keeps a recurring job as one row that waits for its next turn', async () => {
    const ctx = t.app.ctx;
    const now = ctx.now();
    await enqueueJob(
      ctx.db,
      { kind: 'test.recurring', runAt: now, payload: { key: 'poll' }, dedupeKey: 'recurring:poll' },
      now,
    );
    await runDueJobs(ctx, now);
    await runDueJobs(ctx, new Date(now.getTime() + 30_000));
    expect(runs.get('poll')).toBe(1);
    await runDueJobs(ctx, new Date(now.getTime() + 60_000));
    expect(runs.get('poll')).toBe(2);
    const rows = await ctx.db.selectFrom('jobs').selectAll().where('dedupeKey', '=', 'recurring:poll').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('pending');
  });

  it('never runs the same job twice when several runners claim at once (SKIP LOCKED on PostgreSQL)', async () => {
    const ctx = t.app.ctx;
    const now = ctx.now();
    const n = 120;
    for (let i = 0; i < n; i++)
      await enqueueJob(ctx.db, { kind: 'test.count', runAt: now, payload: { key: `c${i}` }, dedupeKey: `c${i}` }, now);
    // Four runners at once: on PostgreSQL each uses its own pooled connection (a separate session).
    const results = await Promise.all(
      [1, 2, 3, 4].map((r) => runDueJobs(ctx, now, { runnerId: `runner-${r}`, batchSize: 7 })),
    );
    expect(results.reduce((s, r) => s + r.done, 0)).toBe(n);
    for (let i = 0; i < n; i++) expect(runs.get(`c${i}`)).toBe(1);
    if (dialect === 'postgres') expect(results.filter((r) => r.done > 0).length).toBeGreaterThan(1);
    const left = await ctx.db.selectFrom('jobs').select('status').where('status', '!=', 'done').execute();
    expect(left).toHaveLength(0);
  });
  it('reports the backlog, the lag of the oldest due job and failures (director/administrator only)', async () => {
    const ctx = t.app.ctx;
    const now = ctx.now();
    failing.add('bad');
    await enqueueJob(
      ctx.db,
      { kind: 'test.count', runAt: new Date(now.getTime() - 90_000), payload: { key: 'late' }, dedupeKey: 'late' },
      now,
    );
    await enqueueJob(
      ctx.db,
      { kind: 'test.count', runAt: now, payload: { key: 'bad' }, dedupeKey: 'bad', maxAttempts: 1 },
      now,
    );
    await enqueueJob(
      ctx.db,
      { kind: 'test.recurring', runAt: new Date(now.getTime() + 60_000), payload: { key: 'r' }, dedupeKey: 'future' },
      now,
    );
    const url = '/api/v1/scheduler/status';
    const before = await t.app.inject({ url, headers: await t.as(d.admin.email) });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ runsHere: false, pending: 3, dueNow: 2, lagSeconds: 90, failed: 0 });
    await runDueJobs(ctx, now);
    const after = (await t.app.inject({ url, headers: await t.as(d.admin.email) })).json();
    expect(after).toMatchObject({ pending: 1, dueNow: 0, lagSeconds: 0, failed: 1 });
    expect(after.byKind).toEqual([
      { kind: 'test.count', pending: 0, running: 0, failed: 1 },
      { kind: 'test.recurring', pending: 1, running: 0, failed: 0 },
    ]);
    expect((await t.app.inject({ url, headers: ANON })).statusCode).toBe(401);
    expect((await t.app.inject({ url, headers: await t.as(d.referent.email) })).statusCode).toBe(403);
  });
});
