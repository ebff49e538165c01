import type { Executor } from '../db/schema';
import { seeAllRoles, type Role } from '../../shared/roles';
import { unscoped } from '../db/scope';

/**
 * Who is provider staff of a commune, written once. Provider staff (users without a commune)
 * work for the communes they are assigned to; a director or an administrator works for all.
 * Tickets are assigned, on-call rosters filled and the call centre's queues built from them.
 */

/** True when roles of a provider user let them see every commune (director, administrator). */
export function seesEveryCommune(roles: readonly Role[]): boolean {
  return roles.some((r) => seeAllRoles.includes(r));
}

/** A provider staff member who may work on a commune. */
export interface StaffMember {
  id: string;
  name: string;
  email: string;
  roles: Role[];
}

/**
 * The active provider staff of every commune given (the intersection: for bulk work over tickets
 * of several communes), by name; narrowed to `ids` or to the members of a support group.
 */
export async function staffOfCommunes(
  db: Executor,
  communeIds: readonly string[],
  opts: { ids?: readonly string[]; groupId?: string } = {},
): Promise<StaffMember[]> {
  const communes = [...new Set(communeIds)];
  if (!communes.length || (opts.ids && !opts.ids.length)) return [];
  let q = unscoped(db, 'access rule: provider staff belong to no commune')
    .selectFrom('users')
    .select(['users.id', 'users.name', 'users.email', 'users.roles'])
    .where('users.communeId', 'is', null)
    .where('users.active', '=', 1);
  if (opts.ids) q = q.where('users.id', 'in', [...opts.ids]);
  if (opts.groupId) {
    const groupId = opts.groupId;
    q = q.where('users.id', 'in', (eb) =>
      eb.selectFrom('supportGroupMembers').select('supportGroupMembers.userId').where('groupId', '=', groupId),
    );
  }
  const rows = await q.orderBy('users.name').orderBy('users.id').execute();
  const candidates = rows.map((r) => ({ ...r, roles: JSON.parse(r.roles) as Role[] }));
  const limited = candidates.filter((u) => !seesEveryCommune(u.roles));
  const assigned = limited.length
    ? await unscoped(db, 'access rule: provider staff belong to no commune')
        .selectFrom('assignments')
        .select(['userId', 'communeId'])
        .where(
          'userId',
          'in',
          limited.map((u) => u.id),
        )
        .where('communeId', 'in', communes)
        .execute()
    : [];
  const count = new Map<string, number>();
  for (const a of assigned) count.set(a.userId, (count.get(a.userId) ?? 0) + 1);
  return candidates.filter((u) => seesEveryCommune(u.roles) || count.get(u.id) === communes.length);
}

/** Whether one user is active provider staff of the commune. */
export async function isStaffOfCommune(db: Executor, userId: string, communeId: string): Promise<boolean> {
  return (await staffOfCommunes(db, [communeId], { ids: [userId] })).length === 1;
}
