import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { checkProviderActor } from '../../access/grant';

/**
 * How timely the background work is (zammad#1631): jobs due and not yet run, the oldest one's
 * lag, failures, per kind. For the director and the administrator.
 */
export async function schedulerStatus(ctx: AppContext, actor: Actor) {
  authorize(actor, 'audit.read');
  checkProviderActor(actor);
  const now = ctx.now();
  const at = now.toISOString();
  const rows = await ctx.db
    .selectFrom('jobs')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'running', 'failed'])
    .groupBy(['kind', 'status'])
    .execute();
  const oldest = await ctx.db
    .selectFrom('jobs')
    .select('runAt')
    .where('status', '=', 'pending')
    .where('runAt', '<=', at)
    .orderBy('runAt')
    .limit(1)
    .executeTakeFirst();
  const due = await ctx.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .where('runAt', '<=', at)
    .executeTakeFirstOrThrow();
  const kinds = new Map<string, { kind: string; pending: number; running: number; failed: number }>();
  for (const r of rows) {
    const k = kinds.get(r.kind) ?? { kind: r.kind, pending: 0, running: 0, failed: 0 };
    k[r.status as 'pending' | 'running' | 'failed'] += Number(r.n);
    kinds.set(r.kind, k);
  }
  const byKind = [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  const sum = (f: 'pending' | 'running' | 'failed') => byKind.reduce((s, k) => s + k[f], 0);
  return {
    runsHere: ctx.scheduler.runsHere,
    pending: sum('pending'),
    running: sum('running'),
    failed: sum('failed'),
    dueNow: Number(due.n),
    lagSeconds: oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest.runAt)) / 1000)) : 0,
    byKind,
  };
}
