import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { compileCalendar } from '../modules/calendars';
import { computeClocks } from '../modules/tickets';
import { generateTickets, prng, type GeneratedBatch, type GeneratorOptions } from './ticket-generator';

const day: Array<[string, string]> = [
  ['08:30', '12:00'],
  ['13:00', '17:00'],
];
const cal = compileCalendar({
  name: 'Mairie',
  timezone: 'Europe/Paris',
  weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  holidays: 'FR',
  closures: [],
  workedDates: [],
});
const rules2016 = {
  acknowledgement: 'next-business-day-end' as const,
  resolutionSeconds: { P1: 8 * 3600, P2: 16 * 3600, P3: 32 * 3600, P4: 48 * 3600 },
  resolutionOrigin: 'contract' as const,
};
const rules2018 = {
  acknowledgement: 'next-business-day-end' as const,
  resolutionSeconds: { P1: 4 * 3600, P2: 8 * 3600, P3: 24 * 3600, P4: 40 * 3600 },
  resolutionOrigin: 'operating' as const,
};

function options(over: Partial<GeneratorOptions> = {}): GeneratorOptions {
  return {
    communes: [
      {
        id: 'lb',
        slug: 'le-bouscat',
        calendar: { id: 'cal', version: 1, compiled: cal },
        contracts: [
          { from: '2016-02-15', to: '2018-01-01', annexVersionId: 'annex-2016', rules: rules2016 },
          { from: '2018-01-01', to: '2100-01-01', annexVersionId: 'annex-2018', rules: rules2018 },
        ],
        requesterIds: ['u1', 'u2', 'u3'],
        entityIds: ['e1'],
      },
    ],
    from: new Date('2017-01-01T00:00:00+01:00'),
    to: new Date('2019-01-01T00:00:00+01:00'),
    now: new Date('2018-12-20T10:00:00+01:00'),
    seed: 7,
    perCommunePerYear: 1500,
    categories: [
      { id: 'c-print', code: 'printing', subdomain: 'C', defaultType: 'incident', defaultGroupId: 'g2' },
      { id: 'c-server', code: 'server', subdomain: 'D', defaultType: 'incident', defaultGroupId: 'g3' },
      { id: 'c-account', code: 'account', subdomain: 'C', defaultType: 'request', defaultGroupId: 'g1' },
    ],
    levelOneGroupId: 'g1',
    levelOneAgents: ['agent1'],
    staffByGroup: { g1: ['agent1'], g2: ['tech1'], g3: ['tech1', 'tech2'] },
    ...over,
  };
}

function collect(opts: GeneratorOptions): GeneratedBatch {
  const all: GeneratedBatch = { tickets: [], pauses: [], history: [], surveys: [] };
  for (const b of generateTickets(opts)) {
    // Batches end on a day boundary once they hold batchSize tickets (a day adds at most a day's worth).
    expect(b.tickets.length).toBeLessThanOrEqual((opts.batchSize ?? 500) + 200);
    all.tickets.push(...b.tickets);
    all.pauses.push(...b.pauses);
    all.history.push(...b.history);
    all.surveys.push(...b.surveys);
  }
  return all;
}

describe('demo ticket generator', () => {
  const data = collect(options());
  const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' });

  it('yields tickets in creation order, so their rowids follow creation as live ones do', () => {
    const created = data.tickets.map((t) => t.createdAt);
    expect(created).toEqual([...created].sort());
  });

  it('is deterministic for a seed (ids included) and differs with another seed', () => {
    const again = collect(options());
    expect(again.tickets.map((t) => [t.id, t.createdAt, t.priority])).toEqual(
      data.tickets.map((t) => [t.id, t.createdAt, t.priority]),
    );
    const other = collect(options({ seed: 8 }));
    expect(other.tickets.map((t) => t.id)).not.toEqual(data.tickets.map((t) => t.id));
    const r = prng(1);
    expect(Array.from({ length: 1000 }, r).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('produces about the yearly volume asked, with Monday peaks, quiet weekends and a quiet August', () => {
    expect(data.tickets.length).toBeGreaterThan(2 * 1500 * 0.85);
    expect(data.tickets.length).toBeLessThan(2 * 1500 * 1.15);
    const byWeekday: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
    const byMonth: number[] = new Array<number>(13).fill(0);
    for (const t of data.tickets) {
      const d = local(t.createdAt);
      byWeekday[d.weekday] = byWeekday[d.weekday]! + 1;
      byMonth[d.month] = byMonth[d.month]! + 1;
    }
    expect(byWeekday[1]).toBeGreaterThan(byWeekday[5]!);
    expect(byWeekday[5]).toBeGreaterThan(10 * byWeekday[6]!);
    expect(byMonth[8]).toBeLessThan(byMonth[3]! * 0.7);
  });

  it('keeps priorities mostly P3/P4 and references unique per year', () => {
    const low = data.tickets.filter((t) => t.priority === 'P3' || t.priority === 'P4').length;
    expect(low / data.tickets.length).toBeGreaterThan(0.6);
    expect(data.tickets.some((t) => t.priority === 'P1')).toBe(true);
    expect(new Set(data.tickets.map((t) => t.reference)).size).toBe(data.tickets.length);
    expect(data.tickets[0]!.reference).toMatch(/^BOU-2017-000001$/);
  });

  it('stores the clock fields live tickets would have: computeClocks over the same timeline, contract in force on the creation date', () => {
    const pausesOf = new Map<string, Array<{ startedAt: string; endedAt: string | null }>>();
    for (const p of data.pauses) pausesOf.set(p.ticketId, [...(pausesOf.get(p.ticketId) ?? []), p]);
    for (const t of data.tickets) {
      const date = local(t.createdAt).toISODate()!;
      const annex = date < '2018-01-01' ? 'annex-2016' : 'annex-2018';
      expect(t.annexVersionId).toBe(annex);
      const basis = {
        calendar: cal,
        rules: annex === 'annex-2016' ? rules2016 : rules2018,
        calendarId: 'cal',
        calendarVersion: 1,
        annexVersionId: annex,
        issue: null,
      };
      const expected = computeClocks(
        basis,
        {
          createdAt: t.createdAt,
          priority: t.priority,
          acknowledgedAt: t.acknowledgedAt,
          resolvedAt: t.resolvedAt,
          pauses: pausesOf.get(t.id) ?? [],
        },
        Date.parse('2018-12-20T09:00:00Z'),
      );
      expect({ ...t, ...expected }).toEqual(t);
    }
  });

  it('meets the resolution target for most tickets, with some breaches, pauses, reopenings, escalations and answers', () => {
    const resolved = data.tickets.filter((t) => t.resolvedAt);
    const within = resolved.filter((t) => t.resolveBreached === 0).length / resolved.length;
    expect(within).toBeGreaterThan(0.8);
    expect(within).toBeLessThan(0.97);
    const acked = data.tickets.filter((t) => t.ackBreached === 0).length / data.tickets.length;
    expect(acked).toBeGreaterThan(0.88);
    expect(data.pauses.length).toBeGreaterThan(data.tickets.length * 0.05);
    expect(data.tickets.filter((t) => t.reopenCount > 0).length).toBeGreaterThan(10);
    expect(data.tickets.filter((t) => t.referralLevel !== 'ordinary').length).toBeGreaterThan(10);
    expect(data.history.filter((h) => h.kind === 'escalated').length).toBe(
      data.tickets.filter((t) => t.referralLevel !== 'ordinary').length,
    );
    expect(data.tickets.filter((t) => t.satisfaction !== null).length).toBeGreaterThan(resolved.length * 0.2);
    expect(data.tickets.filter((t) => t.receivedOutsideHours === 1).length).toBeGreaterThan(0);
  });

  it('leaves open only tickets whose life reaches past now, in a status consistent with their timestamps', () => {
    const now = '2018-12-20T09:00:00.000Z';
    for (const t of data.tickets) {
      const done = t.status === 'resolved' || t.status === 'closed';
      expect(Boolean(t.resolvedAt), t.reference).toBe(done);
      expect(t.status === 'new', t.reference).toBe(t.acknowledgedAt === null);
      expect(Boolean(t.pausedSince), t.reference).toBe(t.status === 'pending');
      if (!done) expect(t.createdAt > '2018-10-01').toBe(true);
      for (const at of [t.acknowledgedAt, t.resolvedAt, t.closedAt])
        if (at) expect(at <= now && at >= t.createdAt).toBe(true);
    }
    const open = new Set(data.tickets.filter((t) => !t.resolvedAt).map((t) => t.status));
    expect(open.size).toBeGreaterThanOrEqual(3);
  });
});
