import type { z } from 'zod';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import { authorize, can, type Actor } from '../../access/actor';
import { scoped, unscoped } from '../../db/scope';
import { invalid } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { matrixInForce, matrixRoles, type Side } from './matrix';
import type { directoryPut } from './schemas';

/** The local date in Paris of an instant (the matrix in force is chosen by local date). */
export function parisDate(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).toISODate()!;
}

/** Users mapped to a role of a commune's directory. */
export async function usersForRoles(
  db: Executor,
  communeId: string,
  roles: ReadonlyArray<{ side: Side; role: string }>,
): Promise<Array<{ userId: string; side: Side; role: string }>> {
  if (!roles.length) return [];
  const rows = await unscoped(db, "the directory of the ticket's commune, for an escalation already allowed")
    .selectFrom('escalationDirectory')
    .select(['userId', 'side', 'role'])
    .where('communeId', '=', communeId)
    .where((eb) => eb.or(roles.map((r) => eb.and([eb('side', '=', r.side), eb('role', '=', r.role)]))))
    .orderBy('createdAt')
    .execute();
  return rows.map((r) => ({ userId: r.userId, side: r.side, role: r.role }));
}

/** The escalation directory of a commune: every role of the matrix in force and who holds it. */
export async function getDirectory(ctx: AppContext, actor: Actor, communeId: string) {
  // Scope first: another commune's directory does not exist for the caller (404, never 403).
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'escalation_directory.read');
  const { annexVersionId, cells } = await matrixInForce(ctx.db, communeId, parisDate(ctx.now()));
  const rows = await s
    .selectFrom('escalationDirectory')
    .innerJoin('users', 'users.id', 'escalationDirectory.userId')
    .select(['escalationDirectory.side', 'escalationDirectory.role', 'users.id', 'users.name', 'users.email'])
    .where('escalationDirectory.communeId', '=', communeId)
    .orderBy('users.name')
    .execute();
  const roles = matrixRoles(cells).map((r) => ({ ...r, inMatrix: true }));
  for (const r of rows) {
    if (!roles.some((x) => x.side === r.side && x.role === r.role))
      roles.push({ side: r.side, role: r.role, cells: [], inMatrix: false });
  }
  return {
    communeId,
    annexVersionId,
    roles: roles.map((r) => ({
      side: r.side,
      role: r.role,
      inMatrix: r.inMatrix,
      cells: r.cells,
      users: rows
        .filter((u) => u.side === r.side && u.role === r.role)
        .map((u) => ({ id: u.id, name: u.name, email: u.email })),
    })),
    abilities: { canEdit: can(actor, 'escalation_directory.manage') },
  };
}

/**
 * Replaces a commune's directory. Commune-side roles are held by the commune's own users,
 * provider-side roles by provider staff; a role must be one the matrix in force names (when
 * the commune has a contract in force).
 */
export async function putDirectory(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: z.infer<typeof directoryPut>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'escalation_directory.manage');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const s = scoped(trx, actor);
    const { annexVersionId, cells } = await matrixInForce(trx, communeId, parisDate(now));
    const known = matrixRoles(cells);
    const userIds = [...new Set(input.entries.flatMap((e) => e.userIds))];
    const users = userIds.length
      ? await unscoped(trx, 'validates people of both sides: provider staff are in no commune')
          .selectFrom('users')
          .select(['id', 'communeId', 'active'])
          .where('id', 'in', userIds)
          .execute()
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    const problems: Array<{ field: string; message: string }> = [];
    const seen = new Set<string>();
    input.entries.forEach((e, i) => {
      const key = `${e.side}\u0000${e.role}`;
      if (seen.has(key)) problems.push({ field: `entries.${i}.role`, message: 'This role appears twice.' });
      seen.add(key);
      if (annexVersionId && !known.some((k) => k.side === e.side && k.role === e.role)) {
        problems.push({
          field: `entries.${i}.role`,
          message: `The escalation matrix in force names no ${e.side} role "${e.role}".`,
        });
      }
      e.userIds.forEach((id, j) => {
        const u = byId.get(id);
        const ok = u && u.active && (e.side === 'commune' ? u.communeId === communeId : u.communeId === null);
        if (!ok)
          problems.push({
            field: `entries.${i}.userIds.${j}`,
            message:
              e.side === 'commune' ? 'Not an active user of this commune.' : 'Not an active provider staff member.',
          });
      });
    });
    if (problems.length) throw invalid(problems);
    await s.deleteFrom('escalationDirectory').where('communeId', '=', communeId).execute();
    const at = now.toISOString();
    const rows = input.entries.flatMap((e) =>
      [...new Set(e.userIds)].map((userId) => ({
        id: newId(now.getTime()),
        communeId,
        side: e.side,
        role: e.role,
        userId,
        createdAt: at,
      })),
    );
    if (rows.length) await trx.insertInto('escalationDirectory').values(rows).execute();
    await recordAudit(
      trx,
      actor,
      { action: 'escalation_directory.replace', targetType: 'commune', targetId: communeId, communeId, changes: input },
      now,
    );
  });
  return getDirectory(ctx, actor, communeId);
}
