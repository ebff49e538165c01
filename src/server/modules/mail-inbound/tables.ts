/** An IMAP mailbox to poll: one per commune, or a shared one (communeId null). */
export interface MailboxTable {
  id: string;
  communeId: string | null;
  host: string;
  port: number;
  username: string;
  password: string;
  folder: string;
  /** Processed messages are moved here when set (else flagged \Seen and \Flagged). */
  processedFolder: string | null;
  tls: number;
  active: number;
  lastPolledAt: string | null;
  lastError: string | null;
  createdAt: string;
}

/** Every inbound message seen, unique by Message-ID: the same message never makes two tickets. */
export interface InboundMessageTable {
  id: string;
  messageId: string;
  mailboxId: string | null;
  communeId: string | null;
  fromAddress: string;
  subject: string;
  /** ticket_created | reply_added | ignored_auto | ignored_bounce | unknown_sender | failed */
  outcome: string;
  ticketId: string | null;
  /** JSON: reason, rejected attachments… */
  detail: string | null;
  receivedAt: string;
}

export interface MailInboundTables {
  mailboxes: MailboxTable;
  inboundMessages: InboundMessageTable;
}
