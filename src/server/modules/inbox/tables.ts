/** What an inbox item is about. */
export const inboxKinds = ['assigned', 'reply', 'sla_warning', 'sla_breach', 'escalation'] as const;
export type InboxKind = (typeof inboxKinds)[number];

/**
 * One in-app notification of one person (the bell of the web app): written by the listeners of
 * ticket events and by the SLA and escalation jobs, read and marked read by its person only.
 */
export interface InboxItemTable {
  id: string;
  userId: string;
  /** The ticket's commune (a label: the item is reached by its person, through the ticket's visibility). */
  communeId: string | null;
  kind: InboxKind;
  ticketId: string;
  /** JSON `InboxData`: what the web app words the item from (its catalogue, the person's language). */
  data: string;
  createdAt: string;
  readAt: string | null;
}

/** The facts an item is worded from, frozen when it is written. */
export interface InboxData {
  reference: string;
  title: string;
  /** Who did it (assignment, reply, manual escalation); null for the system. */
  actorName?: string | null;
  /** The reply's first words. */
  excerpt?: string | null;
  /** SLA warning or breach: which clock, its deadline, the warning's threshold (percent). */
  clock?: 'ack' | 'resolve' | null;
  dueAt?: string | null;
  threshold?: number | null;
  /** Escalation: the level reached, automatic or not, internal to the provider or not. */
  level?: string | null;
  automatic?: boolean | null;
  internal?: boolean | null;
}

export interface InboxTables {
  inboxItems: InboxItemTable;
}
