import { can, isProvider, type Actor } from '../../access/actor';
import type { TicketTable } from './tables';

/**
 * Who sees and does what on tickets. Pure predicates over the actor (and the ticket row).
 * - Provider staff with tickets.read see every ticket of the communes they are assigned to.
 * - Commune referents, general directors and commune-bound integration tokens see their
 *   commune's tickets; other commune users (requesters, application owners…) see the tickets
 *   they asked for; a user restricted to a sub-entity sees only that entity's tickets and their
 *   own (glpi#22311).
 * - Internal notes and internal history entries are for provider staff only.
 */
export function seesWholeCommune(actor: Actor): boolean {
  if (isProvider(actor)) return true;
  if (actor.kind !== 'user') return true;
  return actor.roles.includes('contract_referent') || actor.roles.includes('general_director');
}

/** Provider staff who work tickets (triage, assign, move, merge). */
export function isStaff(actor: Actor): boolean {
  return isProvider(actor) && can(actor, 'tickets.work');
}

/** Reads and writes internal notes. Never a commune user, whatever their permissions. */
export function seesInternal(actor: Actor): boolean {
  return isProvider(actor) && can(actor, 'tickets.internal_notes');
}

export function isRequesterOf(actor: Actor, t: Pick<TicketTable, 'requesterId'>): boolean {
  return actor.kind === 'user' && t.requesterId === actor.id;
}

/** A reply from the commune's side (its requester, or anyone of the commune): it answers a ticket waiting on the commune. */
export function isCommuneSide(actor: Actor, t: Pick<TicketTable, 'requesterId'>): boolean {
  return isRequesterOf(actor, t) || !isProvider(actor);
}

/**
 * Who may escalate (POST /tickets/{id}/escalations): staff with tickets.escalate; a commune
 * referent or general director (tickets.request_escalation) for the tickets they see.
 */
export function mayEscalate(actor: Actor): boolean {
  return can(actor, 'tickets.escalate') || (!isProvider(actor) && can(actor, 'tickets.request_escalation'));
}

/** A resolved or closed ticket is not escalated (409); reopening it makes it escalatable again. */
export function isClosedForEscalation(t: Pick<TicketTable, 'status'>): boolean {
  return t.status === 'resolved' || t.status === 'closed';
}

/** The ticket's "Escalate" ability: the route's permission, an open ticket, a level left above. */
export function canEscalateTicket(actor: Actor, t: Pick<TicketTable, 'status' | 'referralLevel'>): boolean {
  return mayEscalate(actor) && !isClosedForEscalation(t) && t.referralLevel !== 'exceptional';
}
