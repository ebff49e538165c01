import { sql, type Kysely } from 'kysely';
import type { DB, Executor } from '../../db/schema';
import type { DialectName } from '../../db/database';
import { newId } from '../../lib/ids';
import type { JobTable } from './tables';

export interface EnqueueInput {
  kind: string;
  runAt: Date;
  payload?: unknown;
  /**
   * Unique key of the logical job: enqueueing the same key again does nothing, so a warning,
   * a breach or an escalation level fires once however often it is scheduled (glpi#1996).
   */
  dedupeKey: string;
  communeId?: string | null;
  maxAttempts?: number;
}

/** Enqueues a job unless one with the same dedupe key exists; true when it was inserted. */
export async function enqueueJob(db: Executor, input: EnqueueInput, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const res = await db
    .insertInto('jobs')
    .values({
      id: newId(now.getTime()),
      kind: input.kind,
      runAt: input.runAt.toISOString(),
      payload: JSON.stringify(input.payload ?? {}),
      dedupeKey: input.dedupeKey,
      status: 'pending',
      attempts: 0,
      maxAttempts: input.maxAttempts ?? 8,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      communeId: input.communeId ?? null,
      createdAt: at,
      updatedAt: at,
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims up to `limit` due jobs for one runner in a single statement: pending jobs whose time
 * has come, and running jobs whose claim expired (their runner died). On PostgreSQL the inner
 * select takes row locks with SKIP LOCKED, so concurrent runners in several app processes split
 * the work and never claim the same job; on SQLite the single writer serialises the statement.
 */
export async function claimDueJobs(
  db: Kysely<DB>,
  dialect: DialectName,
  runnerId: string,
  now: Date,
  limit: number,
  lockMs: number,
): Promise<JobTable[]> {
  const at = now.toISOString();
  const lockedUntil = new Date(now.getTime() + lockMs).toISOString();
  const due = (trx: Executor) => {
    const q = trx
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('runAt', '<=', at)]),
          eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<', at)]),
        ]),
      )
      .orderBy('runAt')
      .orderBy('id')
      .limit(limit);
    return dialect === 'postgres' ? q.forUpdate().skipLocked() : q;
  };
  const claim = (trx: Executor) =>
    trx
      .updateTable('jobs')
      .set({ status: 'running', lockedBy: runnerId, lockedUntil, attempts: sql<number>`attempts + 1`, updatedAt: at })
      .where('id', 'in', due(trx))
      .returningAll()
      .execute();
  // SQLite: BEGIN IMMEDIATE semantics come from the write; the transaction keeps select+update atomic.
  return dialect === 'postgres' ? claim(db) : db.transaction().execute(claim);
}

/** Marks a claimed job done, unless another runner reclaimed it meanwhile. */
export async function completeJob(
  db: Executor,
  job: JobTable,
  runnerId: string,
  now: Date,
  rescheduleAt?: Date,
): Promise<void> {
  const at = now.toISOString();
  const upd = db.updateTable('jobs').where('id', '=', job.id).where('lockedBy', '=', runnerId);
  if (rescheduleAt) {
    // Recurring job (mail polling): the same row waits for its next turn.
    await upd
      .set({
        status: 'pending',
        runAt: rescheduleAt.toISOString(),
        attempts: 0,
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        updatedAt: at,
      })
      .execute();
  } else {
    await upd.set({ status: 'done', lockedBy: null, lockedUntil: null, updatedAt: at }).execute();
  }
}

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** Records a failure: back to pending with a backoff, or failed after the last attempt. */
export async function failJob(db: Executor, job: JobTable, runnerId: string, now: Date, error: string): Promise<void> {
  const at = now.toISOString();
  const last = job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .where('id', '=', job.id)
    .where('lockedBy', '=', runnerId)
    .set({
      status: last ? 'failed' : 'pending',
      runAt: last ? job.runAt : new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString(),
      lockedBy: null,
      lockedUntil: null,
      lastError: error.slice(0, 2000),
      updatedAt: at,
    })
    .execute();
}
