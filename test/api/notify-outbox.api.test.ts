import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';
import { settleListeners } from '../../src/server/modules/scheduler/runner';
import { ticketEvents } from '../../src/server/modules/tickets/service';
import { deliverPendingNotifications, sweepPendingNotifications, SWEEP_GRACE_MS } from '../../src/server/modules/notifications/listeners';
import { as, ensureCalendar, incident, move, openTicket } from './tickets-helpers';

// The ticket history is the transactional outbox of ticket events: an email a change calls for is
// queued even when the process dies between the change's commit and its listener.
describeEachDb('notifications: history as transactional outbox', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
    await ensureCalendar(t, t.org.communes.leBouscat);
  });
  afterAll(async () => { await t.close(); });

  const mails = (ticketId: string) => t.app.ctx.db.selectFrom('outbox').select(['template', 'toAddress']).where('ticketId', '=', ticketId).orderBy('createdAt').execute();
  const pending = (ticketId: string) => t.app.ctx.db.selectFrom('ticketHistory').select(['kind']).where('ticketId', '=', ticketId).where('notifyPending', '=', 1).execute();

  it('delivers at once after the commit and leaves nothing pending', async () => {
    const x = await openTicket(t, 'agent@le-bouscat.test', incident({ title: 'Imprimante du CCAS' }));
    await settleListeners();
    expect((await mails(x.id)).map((m) => m.template)).toEqual(['ticket_created']);
    expect(await pending(x.id)).toEqual([]);
  });

  it('queues, through the sweep, what a crash between commit and listener left behind: once, after the grace period', async () => {
    const x = await openTicket(t, 'agent@le-bouscat.test', incident({ title: 'Poste de l’accueil' }));
    await settleListeners();
    // The process "dies" right after its commits: no listener runs for what follows.
    const events = ticketEvents(t.app.ctx);
    await events.stop();
    await move(t, 'accueil@mutualis.test', x.id, 'acknowledged');
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${x.id}/comments`, headers: await as(t, 'accueil@mutualis.test'), payload: { body: 'Nous passons cet après-midi.', internal: false } });
    await settleListeners();
    expect((await mails(x.id)).map((m) => m.template)).toEqual(['ticket_created']);
    expect((await pending(x.id)).map((p) => p.kind).sort()).toEqual(['comment', 'status']);

    // Within the grace period the sweep leaves them to their own process.
    expect(await sweepPendingNotifications(t.app.ctx, new Date(t.clock.now().getTime() + 1000))).toBe(0);
    const later = new Date(t.clock.now().getTime() + SWEEP_GRACE_MS + 1000);
    // Two processes sweeping at the same moment: each entry is claimed by one of them only.
    await Promise.all([sweepPendingNotifications(t.app.ctx, later), deliverPendingNotifications(t.app.ctx, x.id, later)]);
    expect(await sweepPendingNotifications(t.app.ctx, later)).toBe(0);
    expect((await mails(x.id)).map((m) => m.template).sort()).toEqual(['reply_added', 'status_changed', 'ticket_created']);
    expect(await pending(x.id)).toEqual([]);
  });
});
