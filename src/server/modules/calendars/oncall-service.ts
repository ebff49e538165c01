import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/schema';
import { authorize, can, type Actor } from '../../access/actor';
import { staffOfCommunes } from '../../access/staff';
import { scoped, unscoped } from '../../db/scope';
import { invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import type { OncallPeriodTable } from './tables';
import { annexInForce, localDateOf } from '../contracts';

import type { oncallCreate, oncallPatch, oncallQuery } from './oncall-schemas';

const iso = (s: string) => new Date(Date.parse(s)).toISOString();

async function agentsOf(db: Executor, periodIds: string[]) {
  if (periodIds.length === 0)
    return new Map<string, Array<{ id: string; name: string; email: string; phone: string | null }>>();
  const rows = await unscoped(db, 'agents of periods already read through the scope')
    .selectFrom('oncallAgents')
    .innerJoin('users', 'users.id', 'oncallAgents.userId')
    .select(['oncallAgents.periodId', 'users.id', 'users.name', 'users.email', 'users.phone'])
    .where('oncallAgents.periodId', 'in', periodIds)
    .orderBy('users.name')
    .execute();
  const map = new Map<string, Array<{ id: string; name: string; email: string; phone: string | null }>>();
  for (const r of rows)
    map.set(r.periodId, [...(map.get(r.periodId) ?? []), { id: r.id, name: r.name, email: r.email, phone: r.phone }]);
  return map;
}

/**
 * The on-call minimum of the annex in force on the period's first day (IV-a: "Maintenir les
 * astreintes existantes (2 agents aujourd'hui)"), for the communes whose contract states one.
 */
async function minimumOf(db: Executor, communeId: string, startsAt: string, cache: Map<string, number | null>) {
  const day = localDateOf(new Date(startsAt));
  const key = `${communeId}@${day}`;
  if (!cache.has(key)) cache.set(key, (await annexInForce(db, communeId, day))?.oncall?.minAgents ?? null);
  return cache.get(key)!;
}

/** A roster slot below the annex's minimum is flagged (pure). */
export function oncallCheck(agentCount: number, minimumAgents: number | null) {
  return { minimumAgents, belowMinimum: minimumAgents !== null && agentCount < minimumAgents };
}

async function present(db: Executor, actor: Actor, rows: OncallPeriodTable[]) {
  const agents = await agentsOf(
    db,
    rows.map((r) => r.id),
  );
  const cache = new Map<string, number | null>();
  const out = [];
  for (const r of rows) {
    const list = agents.get(r.id) ?? [];
    out.push({
      ...r,
      agents: list,
      ...oncallCheck(list.length, await minimumOf(db, r.communeId, r.startsAt, cache)),
      abilities: { canEdit: can(actor, 'oncall.manage') },
    });
  }
  return out;
}

/** On-call periods in scope, optionally of one commune and overlapping `[from, to)`, by start. */
export async function listOncall(ctx: AppContext, actor: Actor, q: z.infer<typeof oncallQuery>) {
  authorize(actor, 'calendars.read');
  const s = scoped(ctx.db, actor);
  if (q.communeId) await s.assertCommune(q.communeId);
  let query = s.selectFrom('oncallPeriods');
  if (q.communeId) query = query.where('communeId', '=', q.communeId);
  if (q.from) query = query.where('endsAt', '>', iso(q.from));
  if (q.to) query = query.where('startsAt', '<', iso(q.to));
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('startsAt').orderBy('id').limit(q.limit).offset(q.offset).execute();
  return { items: await present(ctx.db, actor, rows), total: Number(total.n) };
}

async function findPeriod(db: Executor, actor: Actor, id: string): Promise<OncallPeriodTable> {
  const row = await scoped(db, actor).selectFrom('oncallPeriods').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('on-call period');
  return row;
}

export async function getOncall(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'calendars.read');
  const [p] = await present(ctx.db, actor, [await findPeriod(ctx.db, actor, id)]);
  return p!;
}

/** Checks that every agent is active provider staff assigned to the commune (or seeing every commune). */
async function checkAgents(db: Executor, communeId: string, agentIds: string[]): Promise<string[]> {
  const ids = [...new Set(agentIds)];
  const ok = new Set((await staffOfCommunes(db, [communeId], { ids })).map((u) => u.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length > 0)
    throw invalid(
      'agentIds',
      `Agents must be active provider staff assigned to the commune; not so: ${bad.join(', ')}.`,
    );
  return ids;
}

export async function createOncall(ctx: AppContext, actor: Actor, input: z.infer<typeof oncallCreate>) {
  await scoped(ctx.db, actor).assertCommune(input.communeId);
  authorize(actor, 'oncall.manage');
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const agentIds = await checkAgents(trx, input.communeId, input.agentIds);
    await trx
      .insertInto('oncallPeriods')
      .values({
        id,
        communeId: input.communeId,
        name: input.name,
        startsAt: iso(input.startsAt),
        endsAt: iso(input.endsAt),
        notes: input.notes ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto('oncallAgents')
      .values(agentIds.map((userId) => ({ periodId: id, userId, communeId: input.communeId })))
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'oncall.create',
        targetType: 'oncall_period',
        targetId: id,
        communeId: input.communeId,
        changes: input,
      },
      ctx.now(),
    );
  });
  return getOncall(ctx, actor, id);
}

export async function updateOncall(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof oncallPatch>) {
  await ctx.db.transaction().execute(async (trx) => {
    const p = await findPeriod(trx, actor, id);
    authorize(actor, 'oncall.manage');
    const startsAt = input.startsAt ? iso(input.startsAt) : p.startsAt;
    const endsAt = input.endsAt ? iso(input.endsAt) : p.endsAt;
    if (!(Date.parse(endsAt) > Date.parse(startsAt)))
      throw invalid(input.endsAt ? 'endsAt' : 'startsAt', 'The end must be after the start.');
    await scoped(trx, actor)
      .updateTable('oncallPeriods')
      .set({
        name: input.name ?? p.name,
        startsAt,
        endsAt,
        notes: input.notes === undefined ? p.notes : input.notes,
        updatedAt: ctx.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    if (input.agentIds) {
      const agentIds = await checkAgents(trx, p.communeId, input.agentIds);
      await scoped(trx, actor).deleteFrom('oncallAgents').where('periodId', '=', id).execute();
      await trx
        .insertInto('oncallAgents')
        .values(agentIds.map((userId) => ({ periodId: id, userId, communeId: p.communeId })))
        .execute();
    }
    await recordAudit(
      trx,
      actor,
      { action: 'oncall.update', targetType: 'oncall_period', targetId: id, communeId: p.communeId, changes: input },
      ctx.now(),
    );
  });
  return getOncall(ctx, actor, id);
}

export async function deleteOncall(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const p = await findPeriod(trx, actor, id);
    authorize(actor, 'oncall.manage');
    await scoped(trx, actor).deleteFrom('oncallAgents').where('periodId', '=', id).execute();
    await scoped(trx, actor).deleteFrom('oncallPeriods').where('id', '=', id).execute();
    await recordAudit(
      trx,
      actor,
      { action: 'oncall.delete', targetType: 'oncall_period', targetId: id, communeId: p.communeId, changes: p },
      ctx.now(),
    );
  });
}
