import type { AppContext } from '../../context';
import { authorize, can, type Actor } from '../../access/actor';
import { scoped, unscoped } from '../../db/scope';
import { conflict, notFound, invalid } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import type { z } from 'zod';
import type { communeCreate, communePatch, entityCreate, entityPatch, entityKinds } from './schemas';
import type { CommuneTable, EntityTable } from '../../db/core-tables';

/** URL-safe slug of a French name ("Le Bouscat" → "le-bouscat"). */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function presentCommune(actor: Actor, c: CommuneTable, entityCount: number) {
  return {
    id: c.id,
    name: c.name,
    slug: c.slug,
    inseeCode: c.inseeCode,
    entityCount,
    createdAt: c.createdAt,
    abilities: { canEdit: can(actor, 'communes.manage') },
  };
}

/** The communes the actor may see, by name. */
export async function listCommunes(ctx: AppContext, actor: Actor) {
  authorize(actor, 'communes.read');
  const rows = await scoped(ctx.db, actor).selectFrom('communes').selectAll().orderBy('name').execute();
  const counts = await scoped(ctx.db, actor)
    .selectFrom('entities')
    .select(['communeId', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('communeId')
    .execute();
  const byCommune = new Map(counts.map((r) => [r.communeId, Number(r.n)]));
  return { items: rows.map((c) => presentCommune(actor, c, byCommune.get(c.id) ?? 0)), total: rows.length };
}

export async function getCommune(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'communes.read');
  const c = await scoped(ctx.db, actor).selectFrom('communes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('commune');
  const n = await scoped(ctx.db, actor)
    .selectFrom('entities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('communeId', '=', id)
    .executeTakeFirstOrThrow();
  return presentCommune(actor, c, Number(n.n));
}

export async function createCommune(ctx: AppContext, actor: Actor, input: z.infer<typeof communeCreate>) {
  authorize(actor, 'communes.manage');
  const now = ctx.now().toISOString();
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw invalid('name', 'The name must contain letters or digits.');
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const dup = await unscoped(trx, 'slugs are unique across all communes')
      .selectFrom('communes')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (dup)
      throw conflict(`A commune with slug ${slug} already exists.`, {
        fields: [{ field: 'slug', message: 'Already used.' }],
      });
    await trx
      .insertInto('communes')
      .values({ id, name: input.name, slug, inseeCode: input.inseeCode ?? null, createdAt: now, updatedAt: now })
      .execute();
    await recordAudit(trx, actor, {
      action: 'commune.create',
      targetType: 'commune',
      targetId: id,
      communeId: id,
      changes: input,
    });
  });
  return getCommune(ctx, actor, id);
}

export async function updateCommune(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof communePatch>) {
  authorize(actor, 'communes.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const s = scoped(trx, actor);
    const c = await s.selectFrom('communes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c) throw notFound('commune');
    if (input.slug && input.slug !== c.slug) {
      const dup = await unscoped(trx, 'slugs are unique across all communes')
        .selectFrom('communes')
        .select('id')
        .where('slug', '=', input.slug)
        .executeTakeFirst();
      if (dup)
        throw conflict(`A commune with slug ${input.slug} already exists.`, {
          fields: [{ field: 'slug', message: 'Already used.' }],
        });
    }
    await s
      .updateTable('communes')
      .set({ ...input, updatedAt: ctx.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'commune.update',
      targetType: 'commune',
      targetId: id,
      communeId: id,
      changes: input,
    });
  });
  return getCommune(ctx, actor, id);
}

type EntityKind = (typeof entityKinds)[number];
const presentEntity = (e: EntityTable) => ({ ...e, kind: e.kind as EntityKind });

export async function listEntities(ctx: AppContext, actor: Actor, communeId: string) {
  authorize(actor, 'communes.read');
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  const rows = await s.selectFrom('entities').selectAll().where('communeId', '=', communeId).orderBy('name').execute();
  return { items: rows.map(presentEntity), total: rows.length };
}

export async function createEntity(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: z.infer<typeof entityCreate>,
) {
  authorize(actor, 'communes.manage');
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const s = scoped(trx, actor);
    await s.assertCommune(communeId);
    if (input.parentId) {
      const p = await s
        .selectFrom('entities')
        .select('id')
        .where('id', '=', input.parentId)
        .where('communeId', '=', communeId)
        .executeTakeFirst();
      if (!p) throw invalid('parentId', 'The parent must be a sub-entity of the same commune.', 'unknown_reference');
    }
    await trx
      .insertInto('entities')
      .values({
        id,
        communeId,
        parentId: input.parentId ?? null,
        name: input.name,
        kind: input.kind,
        createdAt: ctx.now().toISOString(),
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'entity.create',
      targetType: 'entity',
      targetId: id,
      communeId,
      changes: input,
    });
  });
  const e = await scoped(ctx.db, actor)
    .selectFrom('entities')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return presentEntity(e);
}

export async function updateEntity(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof entityPatch>) {
  authorize(actor, 'communes.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const s = scoped(trx, actor);
    const e = await s.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
    if (!e) throw notFound('entity');
    if (input.parentId) {
      if (input.parentId === id) throw invalid('parentId', 'An entity cannot be its own parent.', 'unknown_reference');
      const p = await s
        .selectFrom('entities')
        .select('id')
        .where('id', '=', input.parentId)
        .where('communeId', '=', e.communeId)
        .executeTakeFirst();
      if (!p) throw invalid('parentId', 'The parent must be a sub-entity of the same commune.', 'unknown_reference');
    }
    // Nothing to change (an empty body, or only unknown keys): the entity as it is, nothing written.
    if (Object.values(input).every((v) => v === undefined)) return presentEntity(e);
    await s.updateTable('entities').set(input).where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'entity.update',
      targetType: 'entity',
      targetId: id,
      communeId: e.communeId,
      changes: input,
    });
    return presentEntity(
      await scoped(trx, actor).selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  });
}

export async function deleteEntity(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'communes.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const s = scoped(trx, actor);
    const e = await s.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
    if (!e) throw notFound('entity');
    await s.deleteFrom('entities').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'entity.delete',
      targetType: 'entity',
      targetId: id,
      communeId: e.communeId,
      changes: e,
    });
  });
}
