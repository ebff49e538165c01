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
 * The app's job handlers, by kind, and the in-process runner that polls for due jobs. Modules
 * declare their handlers (`AppModule.jobs`); `buildApp` registers them here. The runner is
 * started only in a process configured to run scheduled work (`MUTUALIS_SCHEDULER`).
 */
export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;

  /** Declares the handler of a job kind; a kind has one owner. */
  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`Job kind ${kind} has two handlers.`);
    this.handlers.set(kind, handler);
  }

  /** The handler of a job kind, if any module declared one. */
  handlerOf(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }

  /** True while this process polls for due jobs. */
  get runsHere(): boolean {
    return this.timer !== null;
  }

  /** Polls every few seconds, one run at a time, until `stop()`. */
  start(ctx: AppContext, log: FastifyBaseLogger, intervalMs = 2_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.current) return;
      this.current = runDueJobs(ctx, ctx.now())
        .then((s) => {
          if (s.failed) log.warn({ failed: s.failed }, 'scheduled jobs failed (will retry)');
        })
        .catch((err: unknown) => log.error({ err }, 'scheduler run failed'))
        .finally(() => {
          this.current = null;
        });
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops polling and waits for the run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.current) await this.current;
  }
}

/**
 * Runs every job due at `now`: claims them in batches, runs their handlers, marks them done or
 * failed with a retry backoff. Tests call it with the controllable clock instead of timers.
 * Listener work still running (started by events after a commit) is waited for first, so tests
 * driving the clock are deterministic.
 */
export async function runDueJobs(ctx: AppContext, now: Date = ctx.now(), opts: RunOptions = {}): Promise<RunSummary> {
  const runnerId = opts.runnerId ?? defaultRunner;
  const summary: RunSummary = { done: 0, failed: 0, kinds: [] };
  await ctx.events.settle();
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
      const handler = ctx.scheduler.handlerOf(job.kind);
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
    await ctx.events.settle();
  }
  return summary;
}
