import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { scoped } from '../../db/scope';
import { openStatuses } from './lifecycle';
import { visibleTickets } from './repo';
import { slaConditions } from './sla-state';

const zone = 'Europe/Paris';

export interface DeskCounts {
  open: number;
  breached: number;
  atRisk: number;
  unassigned: number;
}

/** The Monday (Paris) of the week an instant falls in, as `YYYY-MM-DD`. */
export function weekOf(instant: DateTime): string {
  return instant.setZone(zone).startOf('week').toISODate()!;
}

/**
 * Weekly buckets from counts per UTC hour (`YYYY-MM-DDTHH`): an hour belongs to one Paris day, so
 * summing hours gives exact Paris weeks on both engines without date functions of either.
 */
export function bucketWeeks(
  weekStarts: readonly string[],
  opened: ReadonlyArray<{ hour: string; n: number }>,
  resolved: ReadonlyArray<{ hour: string; n: number }>,
) {
  const weeks = new Map(weekStarts.map((w) => [w, { weekStart: w, opened: 0, resolved: 0 }]));
  const add = (rows: ReadonlyArray<{ hour: string; n: number }>, key: 'opened' | 'resolved') => {
    for (const r of rows) {
      const w = weeks.get(weekOf(DateTime.fromISO(`${r.hour}:00:00Z`)));
      if (w) w[key] += r.n;
    }
  };
  add(opened, 'opened');
  add(resolved, 'resolved');
  return [...weeks.values()];
}

/**
 * The service desk by commune for a director or contract manager's home: each visible commune's
 * backlog (open tickets), how many of them missed a deadline, are at risk (a deadline within the
 * "breaching soon" window) or have nobody on them; and the last `weeks` weeks (Paris, Monday first,
 * this week last) of tickets opened and resolved.
 */
export async function deskSummary(ctx: AppContext, actor: Actor, weeks: number) {
  authorize(actor, 'tickets.read');
  const now = ctx.now();
  const communes = await scoped(ctx.db, actor).selectFrom('communes').select(['id', 'name']).orderBy('name').execute();
  const counts = await visibleTickets(ctx.db, actor)
    .where('t.status', 'in', [...openStatuses])
    .select((eb) => {
      const c = slaConditions(eb, now);
      const one = (cond: Parameters<typeof eb.case>[0]) =>
        eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end());
      return [
        't.communeId',
        eb.fn.countAll<number>().as('open'),
        one(c.breached).as('breached'),
        one(c.atRisk).as('atRisk'),
        one(eb('t.assigneeId', 'is', null)).as('unassigned'),
      ];
    })
    .groupBy('t.communeId')
    .execute();
  const byCommune = new Map(counts.map((r) => [r.communeId, r]));
  const totals: DeskCounts = { open: 0, breached: 0, atRisk: 0, unassigned: 0 };
  const items = communes.map((c) => {
    const r = byCommune.get(c.id);
    const row: DeskCounts = {
      open: Number(r?.open ?? 0),
      breached: Number(r?.breached ?? 0),
      atRisk: Number(r?.atRisk ?? 0),
      unassigned: Number(r?.unassigned ?? 0),
    };
    for (const k of Object.keys(totals) as Array<keyof DeskCounts>) totals[k] += row[k];
    return { communeId: c.id, communeName: c.name, ...row };
  });

  const thisWeek = DateTime.fromJSDate(now).setZone(zone).startOf('week');
  const weekStarts = Array.from({ length: weeks }, (_, i) => thisWeek.minus({ weeks: weeks - 1 - i }).toISODate()!);
  const from = thisWeek
    .minus({ weeks: weeks - 1 })
    .toUTC()
    .toISO()!;
  const perHour = (column: 't.createdAt' | 't.resolvedAt') => {
    const hour = sql<string>`substr(${sql.ref(column)}, 1, 13)`;
    return visibleTickets(ctx.db, actor)
      .where(column, '>=', from)
      .select((eb) => [hour.as('hour'), eb.fn.countAll<number>().as('n')])
      .groupBy(hour)
      .execute();
  };
  const [opened, resolved] = await Promise.all([perHour('t.createdAt'), perHour('t.resolvedAt')]);
  const num = (rows: Array<{ hour: string; n: number | string | bigint }>) =>
    rows.map((r) => ({ hour: r.hour, n: Number(r.n) }));
  return {
    items,
    total: items.length,
    totals,
    trend: bucketWeeks(weekStarts, num(opened), num(resolved)),
    at: now.toISOString(),
  };
}
