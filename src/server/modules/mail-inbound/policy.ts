import { can, isProvider, type Actor } from '../../access/actor';

/** Provider staff who work tickets: they review the mail held because its sender was not authenticated. */
export function isStaffWorker(actor: Actor): boolean {
  return isProvider(actor) && can(actor, 'tickets.work');
}
