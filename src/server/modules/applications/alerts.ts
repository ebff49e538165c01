import { createHash } from 'node:crypto';
import type { AppContext } from '../../context';
import { authorize, systemActor, type Actor } from '../../access/actor';
import { newId } from '../../lib/ids';
import { groupCommit } from '../../lib/group-commit';
import { createTicketInTransaction } from '../tickets';
import type { Executor } from '../../db/schema';
import type { AlertInput } from './schemas';
import type { ApplicationTable, OutageSource } from './tables';
import {
  alertOutage,
  insertAlertOutage,
  noteKnownAlert,
  linkOutageTicket,
  type AlertApplication,
  noteAlertNotification,
  resolveAlertApplication,
} from './alerts-repo';

/**
 * Monitoring alerts → outages. Prometheus Alertmanager (webhook v4) and Grafana alerting post the
 * same shape: a list of alerts with labels, `startsAt`/`endsAt`, a fingerprint and a status. One
 * alert firing (fingerprint + startsAt) is one outage and one incident ticket: a repeat or a retry
 * finds the outage (unique key) and only counts the notification; `resolved` records the
 * restoration time, the ticket stays for the technician to close.
 *
 * Mapping: the label `mutualis_application_id`, else `application`, holds the application's id or
 * its exact name (case-insensitive), looked up in the token's communes only.
 */

export interface AlertOutcome {
  fingerprint: string;
  outcome: 'opened' | 'updated' | 'resolved' | 'unmapped';
  outageId: string | null;
}

/** A stable fingerprint when the sender gives none: the hash of the sorted labels. */
export function fingerprintOf(alert: Pick<AlertInput, 'fingerprint' | 'labels'>): string {
  if (alert.fingerprint) return alert.fingerprint;
  const labels = Object.keys(alert.labels)
    .sort()
    .map((k) => `${k}=${alert.labels[k]}`)
    .join('\u0000');
  return createHash('sha256').update(labels).digest('hex').slice(0, 16);
}

/** The restoration instant of a resolved alert: its `endsAt`, else now (Alertmanager's zero time means unset). */
export function endOf(alert: Pick<AlertInput, 'endsAt'>, now: Date): string {
  const t = alert.endsAt ? Date.parse(alert.endsAt) : NaN;
  if (!Number.isFinite(t) || new Date(t).getUTCFullYear() < 1971) return now.toISOString();
  return new Date(t).toISOString();
}

function ticketLevels(c: ApplicationTable['criticality']) {
  return c === 'critical'
    ? ({ impact: 'high', urgency: 'critical' } as const)
    : c === 'important'
      ? ({ impact: 'high', urgency: 'high' } as const)
      : ({ impact: 'medium', urgency: 'high' } as const);
}

/** The incident ticket of an alert's outage, written in the outage's transaction. */
async function openTicket(
  ctx: AppContext,
  trx: Executor,
  app: AlertApplication,
  outageId: string,
  alert: AlertInput,
): Promise<() => void> {
  const name = alert.labels.alertname ?? 'alerte';
  const summary = alert.annotations?.summary ?? alert.annotations?.description ?? '';
  const actor: Actor = { ...systemActor, label: 'supervision', communes: [app.communeId] };
  const ticket = await createTicketInTransaction(
    ctx,
    trx,
    actor,
    {
      type: 'incident',
      title: `Panne ${app.name} : ${name}`.slice(0, 200),
      description: [
        `Alerte de supervision « ${name} » sur l'application ${app.name}, depuis ${alert.startsAt}.`,
        summary,
        alert.generatorURL ? `Source : ${alert.generatorURL}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      channel: 'monitoring',
      communeId: app.communeId,
      ...ticketLevels(app.criticality),
    },
    { idempotencyKey: `outage:${outageId}` },
  );
  await linkOutageTicket(trx, outageId, ticket.id);
  return () => ticket.announce();
}

/** Processes one webhook's alerts, in order; answers what became of each. */
export async function receiveAlerts(
  ctx: AppContext,
  actor: Actor,
  alerts: readonly AlertInput[],
  source: Extract<OutageSource, 'alertmanager' | 'grafana'>,
) {
  authorize(actor, 'integrations.alerts');
  // Every alert of the payload joins the group commit at once (the queue keeps their order).
  const results = await Promise.all(alerts.map((alert) => receiveAlert(ctx, actor, alert, source)));
  const count = (o: AlertOutcome['outcome']) => results.filter((r) => r.outcome === o).length;
  return {
    received: alerts.length,
    opened: count('opened'),
    updated: count('updated'),
    resolved: count('resolved'),
    unmapped: count('unmapped'),
    results,
  };
}

async function receiveAlert(
  ctx: AppContext,
  actor: Actor,
  alert: AlertInput,
  source: 'alertmanager' | 'grafana',
): Promise<AlertOutcome> {
  const fingerprint = fingerprintOf(alert);
  const now = ctx.now();
  const at = now.toISOString();
  const startedAt = new Date(alert.startsAt).toISOString();
  const key = `${fingerprint}@${startedAt}`;
  const restoredAt = alert.status === 'resolved' ? endOf(alert, now) : null;
  const restoration = restoredAt && restoredAt < startedAt ? startedAt : restoredAt;
  // Most notifications of a storm are repeats: one statement counts them on their outage. On
  // PostgreSQL it runs on its own (one round trip); on SQLite it joins the group commit below.
  if (ctx.dialect !== 'sqlite') {
    const known = await noteKnownAlert(ctx.db, actor, key, at, restoration);
    if (known) return { fingerprint, outcome: restoredAt ? 'resolved' : 'updated', outageId: known };
  }
  // One step of a group commit (lib/group-commit.ts): the mapping, the outage and its incident
  // ticket are written in one transaction shared with the other notifications of the moment, so an
  // outage never exists without its ticket and a storm pays one disk flush per batch, not per alert.
  const step = await groupCommit(ctx).run(async (trx) => {
    const known = ctx.dialect === 'sqlite' ? await noteKnownAlert(trx, actor, key, at, restoration) : undefined;
    if (known) return { outageId: known, inserted: false, announce: undefined };
    const app = await resolveAlertApplication(trx, actor, alert.labels);
    if (!app) return undefined;
    // A repeat (or a retry, or the loser of a race on the unique key) finds the outage and counts
    // the notification; the first inserts it with its ticket.
    const found = await alertOutage(trx, app.communeId, key);
    const inserted = found
      ? undefined
      : await insertAlertOutage(trx, {
          id: newId(now.getTime()),
          communeId: app.communeId,
          applicationId: app.id,
          startedAt,
          intervenedAt: null,
          restoredAt: restoration,
          cause: '',
          summary: (alert.annotations?.summary ?? alert.labels.alertname ?? '').slice(0, 500),
          ticketId: null,
          source,
          alertKey: key,
          alertName: alert.labels.alertname ?? null,
          notifications: 1,
          lastNotifiedAt: at,
          reconstructed: 0,
          createdAt: at,
          updatedAt: at,
        });
    const outage = found ?? inserted ?? (await alertOutage(trx, app.communeId, key));
    if (!outage) return undefined;
    if (!inserted) await noteAlertNotification(trx, outage.id, at, restoration);
    // An outage recorded without its ticket (by an earlier version) gets it now, once.
    const announce = outage.ticketId ? undefined : await openTicket(ctx, trx, app, outage.id, alert);
    return { outageId: outage.id, inserted: inserted !== undefined, announce };
  });
  if (!step) return { fingerprint, outcome: 'unmapped', outageId: null };
  step.announce?.();
  return {
    fingerprint,
    outcome: restoredAt ? 'resolved' : step.inserted ? 'opened' : 'updated',
    outageId: step.outageId,
  };
}
