import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { authorize, can, isProvider, type Actor } from '../../access/actor';
import { isProviderRole, type Role, localeOf } from '../../../shared/roles';
import { communeCondition, scoped, unscoped } from '../../db/scope';
import { conflict, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { checkGrant } from '../../access/grant';
import { hashPassword } from '../auth';
import type { UserTable } from '../../db/core-tables';
import type { userCreate, userPatch } from './schemas';

/** The signed-in user as /me shows it. */
export async function getMe(ctx: AppContext, actor: Actor) {
  const u = await unscoped(ctx.db, "the signed-in person's own row")
    .selectFrom('users')
    .selectAll()
    .where('id', '=', actor.id)
    .executeTakeFirst();
  const locale = localeOf(u?.locale);
  return {
    id: actor.id,
    email: u?.email ?? actor.label,
    name: u?.name ?? actor.label,
    roles: actor.roles,
    communeId: actor.communeId,
    entityId: actor.entityId,
    locale,
    permissions: [...actor.permissions],
    communeIds: actor.communes === 'all' ? ('all' as const) : [...actor.communes],
  };
}

export async function updateMe(ctx: AppContext, actor: Actor, input: { locale?: 'fr' | 'en'; name?: string }) {
  await ctx.db.transaction().execute(async (trx) => {
    await unscoped(trx, "the signed-in person's own row")
      .updateTable('users')
      .set({ ...input, updatedAt: ctx.now().toISOString() })
      .where('id', '=', actor.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'user.update_self',
      targetType: 'user',
      targetId: actor.id,
      communeId: actor.communeId,
      changes: input,
    });
  });
  return getMe(ctx, { ...actor, locale: input.locale ?? actor.locale });
}

/**
 * The users an actor may see: the users of the communes in scope; provider staff also see
 * their colleagues (rows without a commune).
 */
function visibleUsers(db: Kysely<DB> | Transaction<DB>, actor: Actor) {
  return unscoped(db, "people's visibility is written here: provider staff are in no commune")
    .selectFrom('users')
    .where((eb) =>
      isProvider(actor)
        ? eb.or([communeCondition(actor, 'users.communeId'), eb('users.communeId', 'is', null)])
        : communeCondition(actor, 'users.communeId'),
    );
}

async function present(ctx: AppContext, actor: Actor, rows: UserTable[]) {
  const ids = rows.map((r) => r.id);
  const assignments = ids.length
    ? await unscoped(ctx.db, 'assignments of people already read through visibleUsers')
        .selectFrom('assignments')
        .select(['userId', 'communeId'])
        .where('userId', 'in', ids)
        .execute()
    : [];
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: JSON.parse(u.roles) as Role[],
    communeId: u.communeId,
    entityId: u.entityId,
    phone: u.phone,
    locale: localeOf(u.locale),
    active: u.active === 1,
    assignedCommuneIds: assignments.filter((a) => a.userId === u.id).map((a) => a.communeId),
    createdAt: u.createdAt,
    abilities: { canEdit: can(actor, 'users.manage') },
  }));
}

export async function listUsers(
  ctx: AppContext,
  actor: Actor,
  q: { communeId?: string; q?: string; role?: string; limit: number; offset: number },
) {
  authorize(actor, 'users.read');
  let query = visibleUsers(ctx.db, actor);
  if (q.communeId) query = query.where('users.communeId', '=', q.communeId);
  if (q.q) {
    const like = `%${q.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['users.name']), 'like', like),
        eb('users.email', 'like', like),
        eb('users.phone', 'like', like),
      ]),
    );
  }
  if (q.role) query = query.where('users.roles', 'like', `%"${q.role}"%`);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('users.name').limit(q.limit).offset(q.offset).execute();
  return { items: await present(ctx, actor, rows), total: Number(total.n) };
}

export async function getUser(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'users.read');
  const u = await visibleUsers(ctx.db, actor).selectAll().where('users.id', '=', id).executeTakeFirst();
  if (!u) throw notFound('user');
  return (await present(ctx, actor, [u]))[0]!;
}

function checkRoles(roles: Role[], communeId: string | null | undefined) {
  const provider = roles.filter(isProviderRole);
  if (communeId && provider.length)
    throw invalid('roles', `A commune user cannot hold provider roles (${provider.join(', ')}).`);
  if (!communeId && provider.length !== roles.length)
    throw invalid('roles', 'Provider staff hold provider roles only; set communeId for commune users.');
}

export async function createUser(ctx: AppContext, actor: Actor, input: z.infer<typeof userCreate>) {
  authorize(actor, 'users.manage');
  checkRoles(input.roles, input.communeId);
  checkGrant(actor, input.roles, input.communeId ?? null);
  const id = newId();
  const now = ctx.now().toISOString();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  await ctx.db.transaction().execute(async (trx) => {
    const s = scoped(trx, actor);
    if (input.communeId) await s.assertCommune(input.communeId);
    if (input.entityId) {
      const e = await s
        .selectFrom('entities')
        .select('id')
        .where('id', '=', input.entityId)
        .where('communeId', '=', input.communeId ?? '')
        .executeTakeFirst();
      if (!e) throw invalid('entityId', 'The sub-entity must belong to the user’s commune.', 'unknown_reference');
    }
    const dup = await unscoped(trx, 'email addresses are unique across all communes')
      .selectFrom('users')
      .select('id')
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (dup)
      throw conflict('A user with this email already exists.', {
        fields: [{ field: 'email', message: 'Already used.' }],
      });
    await trx
      .insertInto('users')
      .values({
        id,
        email: input.email,
        name: input.name,
        passwordHash,
        communeId: input.communeId ?? null,
        entityId: input.entityId ?? null,
        roles: JSON.stringify(input.roles),
        phone: input.phone ?? null,
        locale: input.locale,
        active: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const { password: _omit, ...logged } = input;
    await recordAudit(trx, actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      communeId: input.communeId ?? null,
      changes: logged,
    });
  });
  return getUser(ctx, actor, id);
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof userPatch>) {
  authorize(actor, 'users.manage');
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await ctx.db.transaction().execute(async (trx) => {
    const u = await visibleUsers(trx, actor).selectAll().where('users.id', '=', id).executeTakeFirst();
    if (!u) throw notFound('user');
    // Whom the caller may change, and what it may give them: the same rule (access/grant.ts).
    checkGrant(actor, JSON.parse(u.roles) as Role[], u.communeId);
    if (input.roles) {
      checkRoles(input.roles, u.communeId);
      checkGrant(actor, input.roles, u.communeId);
    }
    if (input.entityId) {
      const e = await scoped(trx, actor)
        .selectFrom('entities')
        .select('id')
        .where('id', '=', input.entityId)
        .where('communeId', '=', u.communeId ?? '')
        .executeTakeFirst();
      if (!e) throw invalid('entityId', 'The sub-entity must belong to the user’s commune.', 'unknown_reference');
    }
    const { password: _omit, roles, active, ...rest } = input;
    await unscoped(trx, 'person checked visible above (provider staff are in no commune)')
      .updateTable('users')
      .set({
        ...rest,
        ...(roles ? { roles: JSON.stringify(roles) } : {}),
        ...(active === undefined ? {} : { active: active ? 1 : 0 }),
        ...(passwordHash ? { passwordHash } : {}),
        updatedAt: ctx.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    // Deactivating or changing a password ends the user's sessions.
    if (active === false || passwordHash) await trx.deleteFrom('sessions').where('userId', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      communeId: u.communeId,
      changes: { ...rest, roles, active, password: passwordHash ? 'changed' : undefined },
    });
  });
  return getUser(ctx, actor, id);
}

/** Replaces the communes a provider staff member is assigned to. */
export async function setAssignments(ctx: AppContext, actor: Actor, id: string, communeIds: string[]) {
  authorize(actor, 'users.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const u = await visibleUsers(trx, actor).selectAll().where('users.id', '=', id).executeTakeFirst();
    if (!u) throw notFound('user');
    checkGrant(actor, JSON.parse(u.roles) as Role[], u.communeId);
    if (u.communeId) throw invalid('communeIds', 'Only provider staff are assigned to communes.');
    const unique = [...new Set(communeIds)];
    const s = scoped(trx, actor);
    for (const c of unique) {
      if (!s.includes(c)) throw invalid('communeIds', `Unknown commune ${c}.`, 'unknown_reference');
    }
    const found = unique.length
      ? await scoped(trx, actor).selectFrom('communes').select('id').where('id', 'in', unique).execute()
      : [];
    if (found.length !== unique.length) throw invalid('communeIds', 'Unknown commune.', 'unknown_reference');
    await unscoped(trx, "the staff member's assignments, replaced as a whole")
      .deleteFrom('assignments')
      .where('userId', '=', id)
      .execute();
    const now = ctx.now().toISOString();
    if (unique.length)
      await trx
        .insertInto('assignments')
        .values(unique.map((communeId) => ({ userId: id, communeId, createdAt: now })))
        .execute();
    await recordAudit(trx, actor, {
      action: 'user.assignments',
      targetType: 'user',
      targetId: id,
      changes: { communeIds: unique },
    });
  });
  return getUser(ctx, actor, id);
}

/** Finds people by name, email or phone (the call centre's caller lookup). */
export async function findPeople(ctx: AppContext, actor: Actor, text: string, limit = 20) {
  authorize(actor, 'users.read');
  const digits = text.replace(/\D/g, '');
  const like = `%${text.toLowerCase()}%`;
  const rows = await scoped(ctx.db, actor)
    .selectFrom('users')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['users.name']), 'like', like),
        eb('users.email', 'like', like),
        ...(digits.length >= 4
          ? [
              eb(
                sql`replace(replace(replace(coalesce(users.phone, ''), ' ', ''), '.', ''), '-', '')`,
                'like',
                `%${digits}%`,
              ),
            ]
          : []),
      ]),
    )
    .where('users.communeId', 'is not', null)
    .orderBy('users.name')
    .limit(limit)
    .execute();
  return present(ctx, actor, rows);
}
