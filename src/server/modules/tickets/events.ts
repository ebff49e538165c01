/**
 * Service-desk domain events, emitted on `ctx.events` after the change has committed.
 * Notifications, scheduled warnings and escalations subscribe to them instead of being called
 * from the ticket commands, so a failing mail never rolls back a ticket change.
 */
export interface TicketEventMap {
  created: { ticketId: string; communeId: string; actorId: string | null };
  transitioned: { ticketId: string; communeId: string; from: string; to: string; actorId: string | null };
  assigned: {
    ticketId: string;
    communeId: string;
    groupId: string | null;
    assigneeId: string | null;
    actorId: string | null;
  };
  commented: { ticketId: string; communeId: string; commentId: string; internal: boolean; actorId: string | null };
  deadlinesChanged: { ticketId: string; communeId: string };
  escalated: { ticketId: string; communeId: string; level: string; automatic: boolean; actorId: string | null };
}
