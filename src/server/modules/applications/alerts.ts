import { createHash } from 'node:crypto';
import type { AppContext } from '../../context';
import { authorize, systemActor, type Actor } from '../../access/actor';
import { newId } from '../../lib/ids';
import { groupCommit } from './group-commit';
import { createTicket } from '../tickets';
import type { AlertInput } from './schemas';
import type { ApplicationTable, OutageSource } from './tables';
import {
  alertOutage,
  insertAlertOutage,
  linkOutageTicket,
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

async function openTicket(ctx: AppContext, app: ApplicationTable, outageId: string, alert: AlertInput) {
  const name = alert.labels.alertname ?? 'alerte';
  const summary = alert.annotations?.summary ?? alert.annotations?.description ?? '';
  const actor: Actor = { ...systemActor, label: 'supervision', communes: [app.communeId] };
  const ticket = await createTicket(
    ctx,
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
  await groupCommit(ctx).run((trx) => linkOutageTicket(trx, outageId, ticket.id));
}

/** Processes one webhook's alerts, in order; answers what became of each. */
export async function receiveAlerts(
  ctx: AppContext,
  actor: Actor,
  alerts: readonly AlertInput[],
  source: Extract<OutageSource, 'alertmanager' | 'grafana'>,
) {
  authorize(actor, 'integrations.alerts');
  const results: AlertOutcome[] = [];
  for (const alert of alerts) results.push(await receiveAlert(ctx, actor, alert, source));
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
  const app = await resolveAlertApplication(ctx.db, actor, alert.labels);
  if (!app) return { fingerprint, outcome: 'unmapped', outageId: null };
  const now = ctx.now();
  const startedAt = new Date(alert.startsAt).toISOString();
  const key = `${fingerprint}@${startedAt}`;
  const restoredAt = alert.status === 'resolved' ? endOf(alert, now) : null;
  const id = newId(now.getTime());
  const restoration = restoredAt && restoredAt < startedAt ? startedAt : restoredAt;
  // One step of a group commit (group-commit.ts): a repeat finds the outage and counts the
  // notification; the first inserts it, and a concurrent first loses on the unique key.
  const outage = await groupCommit(ctx).run(async (trx) => {
    const found = await alertOutage(trx, app.communeId, key);
    if (found) {
      await noteAlertNotification(trx, found.id, now.toISOString(), restoration);
      return { ...found, inserted: false };
    }
    const inserted = await insertAlertOutage(trx, {
      id,
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
      lastNotifiedAt: now.toISOString(),
      reconstructed: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    if (inserted) return { id, ticketId: null, inserted: true };
    const winner = await alertOutage(trx, app.communeId, key);
    if (winner) await noteAlertNotification(trx, winner.id, now.toISOString(), restoration);
    return winner ? { ...winner, inserted: false } : undefined;
  });
  if (!outage) return { fingerprint, outcome: 'unmapped', outageId: null };
  const inserted = outage.inserted;
  // The ticket: made once per outage (idempotent by the outage's id, so a retry after a failure
  // between the two writes makes it then, never twice).
  if (!outage.ticketId) await openTicket(ctx, app, outage.id, alert);
  return {
    fingerprint,
    outcome: restoredAt ? 'resolved' : inserted ? 'opened' : 'updated',
    outageId: outage.id,
  };
}
