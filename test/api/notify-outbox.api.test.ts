import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import {
  deliverPendingNotifications,
  NOTIFY_MAX_FAILURES,
  sweepPendingNotifications,
  SWEEP_GRACE_MS,
} from '../../src/server/modules/notifications/listeners';
import { move } from './tickets-helpers';
import { incident, makeServiceDesk, openTicket, type ServiceDesk } from '../factories';

// The ticket history is the transactional outbox of ticket events: an email a change calls for is
// queued even when the process dies between the change's commit and its listener.
describeEachDb('notifications: history as transactional outbox', (dialect) => {
  let t: BareTestApp;
  let d: ServiceDesk;
  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
    d = await makeServiceDesk(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const mails = (ticketId: string) =>
    t.app.ctx.db
      .selectFrom('outbox')
      .select(['template', 'toAddress'])
      .where('ticketId', '=', ticketId)
      .orderBy('createdAt')
      .execute();
  const pending = (ticketId: string) =>
    t.app.ctx.db
      .selectFrom('ticketHistory')
      .select(['kind'])
      .where('ticketId', '=', ticketId)
      .where('notifyPending', '=', 1)
      .execute();

  it('delivers at once after the commit and leaves nothing pending', async () => {
    const x = await openTicket(t, d.requester.email, incident({ title: 'Imprimante du CCAS' }));
    await t.app.ctx.events.settle();
    expect((await mails(x.id)).map((m) => m.template)).toEqual(['ticket_created']);
    expect(await pending(x.id)).toEqual([]);
  });

  it('queues, through the sweep, what a crash between commit and listener left behind: once, after the grace period', async () => {
    const x = await openTicket(t, d.requester.email, incident({ title: 'Poste de l’accueil' }));
    await t.app.ctx.events.settle();
    // The process "dies" right after its commits: no listener runs for what follows.
    const events = t.app.ctx.events;
    await events.stop();
    await move(t, d.agent.email, x.id, 'acknowledged');
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/comments`,
      headers: await t.as(d.agent.email),
      payload: { body: 'Nous passons cet après-midi.', internal: false },
    });
    await t.app.ctx.events.settle();
    expect((await mails(x.id)).map((m) => m.template)).toEqual(['ticket_created']);
    expect((await pending(x.id)).map((p) => p.kind).sort()).toEqual(['comment', 'status']);

    // Within the grace period the sweep leaves them to their own process.
    expect(await sweepPendingNotifications(t.app.ctx, new Date(t.clock.now().getTime() + 1000))).toBe(0);
    const later = new Date(t.clock.now().getTime() + SWEEP_GRACE_MS + 1000);
    // Two processes sweeping at the same moment: each entry is claimed by one of them only.
    await Promise.all([
      sweepPendingNotifications(t.app.ctx, later),
      deliverPendingNotifications(t.app.ctx, x.id, later),
    ]);
    expect(await sweepPendingNotifications(t.app.ctx, later)).toBe(0);
    expect((await mails(x.id)).map((m) => m.template).sort()).toEqual([
      'reply_added',
      'status_changed',
      'ticket_created',
    ]);
    expect(await pending(x.id)).toEqual([]);
  });

  it('marks pending only what the requester hears about: no outbox entry for a move to "in progress"', async () => {
    // No listener from here on (stopped, as if the process had died): delivery is by hand.
    await t.app.ctx.events.stop();
    const x = await openTicket(t, d.requester.email, incident({ title: 'Scanner du service urbanisme' }));
    await deliverPendingNotifications(t.app.ctx, x.id);
    await move(t, d.agent.email, x.id, 'acknowledged');
    await move(t, d.technician.email, x.id, 'in_progress');
    await t.app.ctx.events.settle();
    expect((await pending(x.id)).map((p) => p.kind)).toEqual(['status']);
    const rows = await t.app.ctx.db
      .selectFrom('ticketHistory')
      .select(['data', 'notifyPending'])
      .where('ticketId', '=', x.id)
      .where('kind', '=', 'status')
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [JSON.parse(r.data).to, r.notifyPending]))).toEqual({
      acknowledged: 1,
      in_progress: 0,
    });
    await deliverPendingNotifications(t.app.ctx, x.id);
  });

  it('retries an entry whose delivery fails, then sets it aside after the limit instead of retrying forever', async () => {
    // No listener from here on (stopped, as if the process had died): delivery is by hand.
    await t.app.ctx.events.stop();
    const x = await openTicket(t, d.requester.email, incident({ title: 'Badgeuse de la médiathèque' }));
    await deliverPendingNotifications(t.app.ctx, x.id);
    await move(t, d.agent.email, x.id, 'acknowledged');
    await t.app.ctx.events.settle();
    const failures = () =>
      t.app.ctx.db
        .selectFrom('ticketHistory')
        .select(['notifyPending', 'notifyFailures'])
        .where('ticketId', '=', x.id)
        .where('kind', '=', 'status')
        .executeTakeFirstOrThrow();
    // An instant that cannot be written makes every attempt throw inside its transaction.
    const broken = new Date(Number.NaN);
    for (let i = 1; i < NOTIFY_MAX_FAILURES; i++) {
      expect(await deliverPendingNotifications(t.app.ctx, x.id, broken)).toBe(0);
      expect(await failures()).toEqual({ notifyPending: 1, notifyFailures: i });
    }
    expect(await deliverPendingNotifications(t.app.ctx, x.id, broken)).toBe(0);
    expect(await failures()).toEqual({ notifyPending: 0, notifyFailures: NOTIFY_MAX_FAILURES });
    // Nothing half-queued by the failed attempts, and the ticket's later news still goes out.
    expect((await mails(x.id)).map((m) => m.template)).toEqual(['ticket_created']);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/comments`,
      headers: await t.as(d.agent.email),
      payload: { body: 'Le technicien arrive.', internal: false },
    });
    expect(await deliverPendingNotifications(t.app.ctx, x.id)).toBe(1);
    expect((await mails(x.id)).map((m) => m.template)).toEqual(['ticket_created', 'reply_added']);
  });
});
