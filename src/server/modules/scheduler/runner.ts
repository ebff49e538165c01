import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context';
import { newId } from '../../lib/ids';
import { claimDueJobs, completeJob, failJob } from './jobs';
import type { JobTable } from './tables';

/** What a handler sees of its job. */
export interface JobRun {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  communeId: string | null;
  runAt: string;
}

/** A handler may ask to run again later (recurring work such as mailbox polling). */
export type JobHandler = (ctx: AppContext, job: JobRun, now: Date) => Promise<void | { rescheduleAt: Date }>;

const handlers = new Map<string, JobHandler>();

/** Declares the handler of a job kind (called once by the owning module at import time). */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

/**
 * Work started by domain-event listeners that has not finished yet (they run after the
 * cause's commit). `runDueJobs` waits for it first, so tests driving the clock are deterministic.
 */
const inFlight = new Set<Promise<unknown>>();

/** Tracks an asynchronous listener's work until it settles. */
export function track<T>(p: Promise<T>): Promise<T> {
  inFlight.add(p);
  void p.finally(() => inFlight.delete(p)).catch(() => undefined);
  return p;
}

/** Waits until every tracked listener has finished (including work they started meanwhile). */
export async function settleListeners(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

export interface RunOptions {
  runnerId?: string;
  /** Jobs claimed per statement (zammad#1631: batches keep background work timely under load). */
  batchSize?: number;
  /** Batches per call at most: follow-up jobs due now (breach → escalation → mail) run in the same call. */
  maxBatches?: number;
  lockMs?: number;
}

export interface RunSummary {
  done: number;
  failed: number;
  kinds: string[];
}

const defaultRunner = `${os.hostname()}:${process.pid}:${newId().slice(-8)}`;

function toRun(j: JobTable): JobRun {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(j.payload) as Record<string, unknown>;
  } catch {
    payload = {};
  }
  return { id: j.id, kind: j.kind, payload, attempts: j.attempts, communeId: j.communeId, runAt: j.runAt };
}

/**
 * Runs every job due at `now`: claims them in batches, runs their handlers, marks them done or
 * failed with a retry backoff. Tests call it with the controllable clock instead of timers.
 */
export async function runDueJobs(ctx: AppContext, now: Date = ctx.now(), opts: RunOptions = {}): Promise<RunSummary> {
  const runnerId = opts.runnerId ?? defaultRunner;
  const summary: RunSummary = { done: 0, failed: 0, kinds: [] };
  await settleListeners();
  for (let batch = 0; batch < (opts.maxBatches ?? 20); batch++) {
    const jobs = await claimDueJobs(
      ctx.db,
      ctx.dialect,
      runnerId,
      now,
      opts.batchSize ?? 50,
      opts.lockMs ?? 5 * 60_000,
    );
    if (!jobs.length) break;
    for (const job of jobs) {
      const handler = handlers.get(job.kind);
      try {
        if (!handler) throw new Error(`No handler for job kind ${job.kind}.`);
        const res = await handler(ctx, toRun(job), now);
        await completeJob(ctx.db, job, runnerId, now, res ? res.rescheduleAt : undefined);
        summary.done++;
        summary.kinds.push(job.kind);
      } catch (err) {
        summary.failed++;
        await failJob(ctx.db, job, runnerId, now, err instanceof Error ? err.message : String(err));
      }
    }
    await settleListeners();
  }
  return summary;
}

/** The in-process scheduler: polls every few seconds, one run at a time; `stop()` on app close. */
export class SchedulerRunner {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs = 2_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  private tick(): void {
    if (this.current) return;
    this.current = runDueJobs(this.ctx, this.ctx.now())
      .then((s) => {
        if (s.failed) this.log.warn({ failed: s.failed }, 'scheduled jobs failed (will retry)');
      })
      .catch((err: unknown) => this.log.error({ err }, 'scheduler run failed'))
      .finally(() => {
        this.current = null;
      });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.current) await this.current;
  }
}
