import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import { systemActor } from '../../access/actor';
import type { CompiledCalendar } from '../calendars';
import { loadCommuneCalendar } from '../calendars';
import { enqueueJob } from '../scheduler';
import type { JobHandler, JobRun } from '../scheduler';
import { getAlertSettings } from '../scheduler';
import { queueEmail, recipientsOf } from '../notifications';
import { ticketFacts } from '../notifications';
import type { TicketTable } from '../tickets';
import { appendHistory, getTicketForSystemChange } from '../tickets';
import { escalateInTransaction } from './escalate';
import { matrixInForce, nextLevel, rolesFor, type ReferralLevel } from './matrix';
import { parisDate, usersForRoles } from './directory';
import { warningInstant } from './thresholds';
import { unscoped } from '../../db/scope';
import { addInboxItems } from '../inbox';

type Clock = 'ack' | 'resolve';

const inactive = new Set(['resolved', 'closed', 'pending']);

/**
 * Schedules the warning and breach jobs of a ticket's open clocks. Keys carry the deadline, so a
 * recomputed deadline schedules anew while the jobs of the old one find it moved and do nothing;
 * the same deadline is never scheduled twice.
 */
export async function scheduleSlaAlerts(ctx: AppContext, ticketId: string, now: Date = ctx.now()): Promise<number> {
  const t = await unscoped(ctx.db, 'system job: SLA alerts of a ticket')
    .selectFrom('tickets')
    .selectAll()
    .where('id', '=', ticketId)
    .executeTakeFirst();
  if (!t || inactive.has(t.status)) return 0;
  let cal: CompiledCalendar;
  try {
    cal = (await loadCommuneCalendar(ctx.db, t.communeId)).compiled;
  } catch {
    return 0;
  }
  const { warningThreshold } = await getAlertSettings(ctx.db);
  const pct = Math.round(warningThreshold * 100);
  const created = Date.parse(t.createdAt);
  const clocks: Array<{ clock: Clock; due: string | null; open: boolean; paused: number }> = [
    { clock: 'ack', due: t.acknowledgeDueAt, open: !t.acknowledgedAt, paused: 0 },
    { clock: 'resolve', due: t.resolveDueAt, open: !t.resolvedAt, paused: t.pausedBusinessSeconds },
  ];
  let n = 0;
  // The (up to four) jobs of a ticket in one transaction: one commit, so one disk flush, per
  // ticket instead of one per job (a monitoring storm opens hundreds of tickets a second).
  await ctx.db.transaction().execute(async (trx) => {
    for (const c of clocks) {
      if (!c.open || !c.due) continue;
      const dueMs = Date.parse(c.due);
      // A reopened ticket's resolution clock runs again: its alerts are new ones, even for the same deadline.
      const round = c.clock === 'resolve' && t.reopenCount ? `:r${t.reopenCount}` : '';
      const payload = { ticketId, clock: c.clock, dueAt: c.due };
      const warnAt = warningInstant(cal, created, dueMs, c.paused, warningThreshold);
      if (warnAt !== null && warnAt < dueMs) {
        if (
          await enqueueJob(
            trx,
            {
              kind: 'sla.warn',
              runAt: new Date(warnAt),
              payload: { ...payload, threshold: pct },
              dedupeKey: `warn:${ticketId}:${c.clock}:${pct}:${c.due}${round}`,
              communeId: t.communeId,
            },
            now,
          )
        )
          n++;
      }
      if (
        await enqueueJob(
          trx,
          {
            kind: 'sla.breach',
            runAt: new Date(dueMs),
            payload,
            dedupeKey: `breach:${ticketId}:${c.clock}:${c.due}${round}`,
            communeId: t.communeId,
          },
          now,
        )
      )
        n++;
    }
  });
  return n;
}

/** True when the job's deadline is still the ticket's and its clock still runs. */
function stillDue(t: TicketTable | undefined, clock: Clock, dueAt: string): t is TicketTable {
  if (!t || inactive.has(t.status)) return false;
  return clock === 'ack'
    ? !t.acknowledgedAt && t.acknowledgeDueAt === dueAt
    : !t.resolvedAt && t.resolveDueAt === dueAt;
}

/** The assignee and the members of the ticket's group; the commune's call-centre staff when nobody is. */
async function alertRecipients(db: Executor, t: TicketTable): Promise<string[]> {
  const ids: string[] = [];
  if (t.assigneeId) ids.push(t.assigneeId);
  if (t.groupId) {
    const members = await db
      .selectFrom('supportGroupMembers')
      .select('userId')
      .where('groupId', '=', t.groupId)
      .execute();
    ids.push(...members.map((m) => m.userId));
  }
  if (ids.length) return [...new Set(ids)];
  const staff = await unscoped(db, 'system job: who is alerted')
    .selectFrom('assignments')
    .innerJoin('users', 'users.id', 'assignments.userId')
    .select(['users.id', 'users.roles'])
    .where('assignments.communeId', '=', t.communeId)
    .where('users.active', '=', 1)
    .execute();
  return staff.filter((u) => (JSON.parse(u.roles) as string[]).includes('call_centre_agent')).map((u) => u.id);
}

async function alert(ctx: AppContext, job: JobRun, now: Date, kind: 'warning' | 'breach'): Promise<void> {
  const { ticketId, clock, dueAt } = job.payload as { ticketId: string; clock: Clock; dueAt: string };
  await ctx.db.transaction().execute(async (trx) => {
    // Locked: a ticket resolved at this very moment is seen resolved (no alert), not before.
    const t = await getTicketForSystemChange(trx, ticketId);
    if (!stillDue(t, clock, dueAt)) return;
    const recipients = await recipientsOf(trx, await alertRecipients(trx, t));
    const threshold = Number(job.payload.threshold ?? 75);
    await appendHistory(trx, {
      ticketId,
      communeId: t.communeId,
      actor: systemActor,
      kind,
      data: { clock, dueAt, ...(kind === 'warning' ? { threshold } : {}), notified: recipients.map((r) => r.address) },
      internal: true,
      at: now.toISOString(),
    });
    // The bell of the person working on it (nobody's when unassigned: the emails above reach the group).
    await addInboxItems(
      trx,
      {
        kind: kind === 'warning' ? 'sla_warning' : 'sla_breach',
        ticket: t,
        userIds: [t.assigneeId],
        data: { clock, dueAt, ...(kind === 'warning' ? { threshold } : {}) },
      },
      now,
    );
    const facts = await ticketFacts(trx, ctx, t);
    const urgent = t.priority === 'P1' || t.priority === 'P2';
    for (const r of recipients) {
      const content =
        kind === 'warning'
          ? { template: 'warning' as const, ticket: facts, clock, dueAt, thresholdPercent: threshold }
          : { template: 'breach' as const, ticket: facts, clock, dueAt };
      await queueEmail(trx, ctx, { to: r, content, communeId: t.communeId, ticketId, urgent }, now);
    }
    if (kind === 'breach' && clock === 'resolve' && (await getAlertSettings(trx)).autoEscalateOnBreach) {
      const escalate = nextLevel(t.referralLevel);
      // Only a signed or agreed target is a promise to the commune: its breach goes up the commune's
      // matrix. An operating target (objectif de service interne) escalates inside the provider.
      const contractual = t.resolveTargetOrigin === 'contract' || t.resolveTargetOrigin === 'agreed';
      // One job per target level: a level is reached automatically once, whatever happens next (glpi#1996).
      if (escalate && contractual)
        await enqueueJob(
          trx,
          {
            kind: 'sla.escalate',
            runAt: now,
            payload: { ticketId, level: escalate, dueAt },
            dedupeKey: `escalate:${ticketId}:${escalate}`,
            communeId: t.communeId,
          },
          now,
        );
      if (!contractual)
        await enqueueJob(
          trx,
          {
            kind: 'sla.escalate_internal',
            runAt: now,
            payload: { ticketId, dueAt },
            dedupeKey: `escalate-internal:${ticketId}:${dueAt}${t.reopenCount ? `:r${t.reopenCount}` : ''}`,
            communeId: t.communeId,
          },
          now,
        );
    }
  });
}

/** The "breach soon" warning of a clock (`sla.warn`). */
export const slaWarnJob: JobHandler = (ctx, job, now) => alert(ctx, job, now, 'warning');
/** The breach of a clock (`sla.breach`): alert, and automatic escalation when configured. */
export const slaBreachJob: JobHandler = (ctx, job, now) => alert(ctx, job, now, 'breach');

/** One automatic escalation after a breach (`sla.escalate`). */
export const slaEscalateJob: JobHandler = async (ctx, job, now) => {
  const { ticketId, level } = job.payload as { ticketId: string; level: ReferralLevel };
  const done = await ctx.db.transaction().execute(async (trx) => {
    const t = await getTicketForSystemChange(trx, ticketId);
    if (!t || t.status === 'resolved' || t.status === 'closed') return null;
    // Stored in the desk's language (the web app words automatic escalations from its catalogue).
    const reason = 'Délai de résolution dépassé (escalade automatique).';
    const view = await escalateInTransaction(trx, ctx, systemActor, t, { reason, level, automatic: true }, now);
    return view ? { communeId: t.communeId, to: view.to } : null;
  });
  if (done)
    ctx.events.emit('escalated', {
      ticketId,
      communeId: done.communeId,
      level: done.to,
      automatic: true,
      actorId: null,
    });
};

/**
 * An internal escalation after the breach of an operating target (`sla.escalate_internal`): the
 * provider-side holders of the matrix roles of the next level are told, the ticket's referral
 * level (the commune's escalation) does not move, and nobody on the commune's side is contacted —
 * the delay was the provider's own objective, not a term of the contract.
 */
export const slaEscalateInternalJob: JobHandler = async (ctx, job, now) => {
  const { ticketId, dueAt } = job.payload as { ticketId: string; dueAt: string };
  await ctx.db.transaction().execute(async (trx) => {
    const t = await getTicketForSystemChange(trx, ticketId);
    if (!t || t.resolvedAt || t.status === 'closed' || t.resolveDueAt !== dueAt) return;
    const level = nextLevel(t.referralLevel) ?? t.referralLevel;
    const { cells } = await matrixInForce(trx, t.communeId, parisDate(now));
    const roles = rolesFor(cells, level, t.subdomain).filter((r) => r.side === 'provider');
    const holders = await usersForRoles(trx, t.communeId, roles);
    const people = await recipientsOf(
      trx,
      holders.map((h) => h.userId),
    );
    await appendHistory(trx, {
      ticketId,
      communeId: t.communeId,
      actor: systemActor,
      kind: 'internal_escalation',
      data: { dueAt, level, targetOrigin: t.resolveTargetOrigin, notified: people.map((p) => p.address) },
      internal: true,
      at: now.toISOString(),
    });
    await addInboxItems(
      trx,
      {
        kind: 'escalation',
        ticket: t,
        userIds: people.map((p) => p.userId),
        data: { level, automatic: true, internal: true },
      },
      now,
    );
    const facts = await ticketFacts(trx, ctx, t);
    for (const p of people) {
      const theirRoles = holders.filter((h) => h.userId === p.userId).map((h) => h.role);
      await queueEmail(
        trx,
        ctx,
        {
          to: p,
          content: { template: 'internal_escalation', ticket: facts, dueAt, roles: theirRoles },
          communeId: t.communeId,
          ticketId,
          urgent: true,
        },
        now,
      );
    }
  });
};

/** Minutes between two reconciliation sweeps, and how far back a sweep looks. */
const SWEEP_EVERY_MS = 5 * 60_000;
const SWEEP_LOOKBACK_MS = 30 * 60_000;

/**
 * Listeners run after the ticket's commit; a process that dies in between would leave a ticket
 * without its alert jobs. The sweep re-schedules the alerts of recently changed open tickets —
 * harmless when they exist, since the keys dedupe.
 */
export async function sweepSlaAlerts(ctx: AppContext, now: Date): Promise<number> {
  const since = new Date(now.getTime() - SWEEP_LOOKBACK_MS).toISOString();
  const rows = await unscoped(ctx.db, 'system job: reconciliation sweep over all communes')
    .selectFrom('tickets')
    .select('id')
    .where('status', 'in', ['new', 'acknowledged', 'in_progress', 'reopened'])
    .where('updatedAt', '>=', since)
    .execute();
  let n = 0;
  for (const r of rows) n += await scheduleSlaAlerts(ctx, r.id, now);
  return n;
}

/** Makes sure the recurring sweep exists (one row whatever the number of processes). */
export async function ensureSlaSweep(ctx: AppContext): Promise<void> {
  const now = ctx.now();
  await enqueueJob(
    ctx.db,
    { kind: 'sla.sweep', runAt: now, dedupeKey: 'recurring:sla.sweep', maxAttempts: 1_000_000 },
    now,
  );
}

/** The recurring reconciliation sweep (`sla.sweep`). */
export const slaSweepJob: JobHandler = async (ctx, _job, now) => {
  await sweepSlaAlerts(ctx, now);
  return { rescheduleAt: new Date(now.getTime() + SWEEP_EVERY_MS) };
};

/** Warnings and breaches follow the ticket's deadlines (jobs keyed by due time). */
export function subscribeSlaAlerts(ctx: AppContext): void {
  const schedule = async (e: { ticketId: string }): Promise<void> => {
    await scheduleSlaAlerts(ctx, e.ticketId);
  };
  ctx.events.on('created', schedule);
  ctx.events.on('deadlinesChanged', schedule);
  ctx.events.on('assigned', schedule);
  ctx.events.on('transitioned', schedule);
}
