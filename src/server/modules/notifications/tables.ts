/**
 * Outbound email, written in the same transaction as its cause and sent by the scheduler
 * (`mail.send` jobs): an SMTP failure is retried, nothing is lost.
 */
export interface OutboxTable {
  id: string;
  communeId: string | null;
  ticketId: string | null;
  /** Template name: ticket_created, reply_added, status_resolved, warning, breach, escalation… */
  template: string;
  toAddress: string;
  toUserId: string | null;
  locale: string;
  subject: string;
  textBody: string;
  /** Our Message-ID (with angle brackets); inbound replies are threaded by it. */
  messageId: string;
  inReplyTo: string | null;
  /** Space-separated Message-IDs of the thread. */
  referencesHeader: string | null;
  /** 1 when the matter is urgent (P1/P2, escalation): delivered outside working hours too. */
  urgent: number;
  /** pending → sent | failed | unsent (no SMTP configured). */
  status: 'pending' | 'sent' | 'failed' | 'unsent';
  /** Not sent before this instant (the recipient's next opening hour, zammad#4432). */
  notBefore: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** A person's notification choices; absent row = email on, working hours respected. */
export interface NotificationPreferenceTable {
  userId: string;
  email: number;
  workingHoursOnly: number;
  updatedAt: string;
}

export interface NotificationTables {
  outbox: OutboxTable;
  notificationPreferences: NotificationPreferenceTable;
}
