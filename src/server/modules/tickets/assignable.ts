import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { forbidden } from '../../errors';
import { staffOfCommunes } from '../../access/staff';
import { isStaff } from './policy';
import { getVisibleTicket } from './repo';

/** Who may be assigned tickets: the access rule (access/staff.ts), for staff who assign. */
function checkAssigns(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden('Missing permission tickets.work.');
}

const present = (users: Awaited<ReturnType<typeof staffOfCommunes>>) => {
  const items = users.map((u) => ({ id: u.id, name: u.name, email: u.email }));
  return { items, total: items.length };
};

/** The provider staff who may be assigned the ticket (optionally: members of a support group). */
export async function assignableForTicket(ctx: AppContext, actor: Actor, ticketId: string, groupId?: string) {
  // Scope first: another commune's ticket does not exist for the caller (404, never 403).
  const t = await getVisibleTicket(ctx.db, actor, ticketId);
  checkAssigns(actor);
  return present(await staffOfCommunes(ctx.db, [t.communeId], { groupId }));
}

/** The provider staff who may be assigned tickets of every commune given (bulk assignment). */
export async function assignableForCommunes(
  ctx: AppContext,
  actor: Actor,
  communeIds: readonly string[],
  groupId?: string,
) {
  checkAssigns(actor);
  const inScope = communeIds.filter((id) => actor.communes === 'all' || actor.communes.includes(id));
  // A commune outside the caller's scope is unknown to them: nobody is assignable there.
  if (inScope.length !== new Set(communeIds).size) return present([]);
  return present(await staffOfCommunes(ctx.db, inScope, { groupId }));
}
