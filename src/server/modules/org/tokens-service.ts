import type { z } from 'zod';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import type { Permission } from '../../../shared/roles';
import { communeCondition, scoped } from '../../db/scope';
import { forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { hashSecret, newSecret } from '../auth';
import type { ApiTokenTable } from '../../db/core-tables';
import type { tokenCreate } from './schemas';

const present = (t: ApiTokenTable) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  communeId: t.communeId,
  permissions: JSON.parse(t.permissions) as Permission[],
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

export async function listTokens(ctx: AppContext, actor: Actor) {
  authorize(actor, 'tokens.manage');
  // A commune-limited caller sees its commune's tokens; provider tokens (no commune) are the
  // provider's own. Filtered in the query, so the total counts what the caller may see.
  let q = ctx.db.selectFrom('apiTokens').selectAll();
  q = q.where((eb) =>
    actor.communeId === null
      ? eb.or([eb('communeId', 'is', null), communeCondition(actor, 'apiTokens.communeId')])
      : communeCondition(actor, 'apiTokens.communeId'),
  );
  const rows = await q.orderBy('createdAt', 'desc').execute();
  return { items: rows.map(present), total: rows.length };
}

/** Creates a token; its secret is returned once, never stored in clear. */
export async function createToken(ctx: AppContext, actor: Actor, input: z.infer<typeof tokenCreate>) {
  authorize(actor, 'tokens.manage');
  // A token acts for the person who made it (their permissions are its ceiling): people make tokens.
  if (actor.kind !== 'user') throw forbidden('API tokens are created by people, not by other tokens.');
  if (actor.communeId !== null && input.communeId !== actor.communeId)
    throw invalid('communeId', 'Your tokens are limited to your commune.');
  const missing = input.permissions.filter((p) => !actor.permissions.has(p));
  if (missing.length)
    throw invalid('permissions', `You cannot grant permissions you do not hold: ${missing.join(', ')}.`);
  if (input.communeId) await scoped(ctx.db, actor).assertCommune(input.communeId);
  const secret = `mut_${newSecret()}`;
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('apiTokens')
      .values({
        id,
        name: input.name,
        tokenHash: hashSecret(secret),
        prefix: secret.slice(0, 10),
        createdBy: actor.id,
        communeId: input.communeId ?? null,
        permissions: JSON.stringify([...new Set(input.permissions)]),
        createdAt: now,
        expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
        lastUsedAt: null,
        revokedAt: null,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'token.create',
      targetType: 'api_token',
      targetId: id,
      communeId: input.communeId ?? null,
      changes: { name: input.name, permissions: input.permissions },
    });
  });
  const row = await ctx.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { ...present(row), token: secret };
}

export async function revokeToken(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'tokens.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst();
    const visible = t && (t.communeId ? scoped(trx, actor).includes(t.communeId) : actor.communeId === null);
    if (!t || !visible) throw notFound('token');
    if (!t.revokedAt)
      await trx.updateTable('apiTokens').set({ revokedAt: ctx.now().toISOString() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: id,
      communeId: t.communeId,
    });
  });
  return present(await ctx.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}
