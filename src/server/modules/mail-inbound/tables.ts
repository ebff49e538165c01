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
  /**
   * `require`: a message whose sender the receiving server did not authenticate (DMARC, DKIM or
   * SPF aligned with From:) is held for review; `record`: it is processed, the verdict recorded.
   */
  senderAuth: 'require' | 'record';
  /** The authserv-id of our own MTA's Authentication-Results; null: the topmost header is read. */
  authservId: string | null;
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
  /**
   * ticket_created | reply_added | ignored_auto | ignored_bounce | unknown_sender | no_commune |
   * held_for_review | rejected | failed
   */
  outcome: string;
  ticketId: string | null;
  /** JSON: reason, rejected attachments… */
  detail: string | null;
  receivedAt: string;
  /** JSON: the sender authentication verdict (sender-auth.ts). */
  authVerdict: string | null;
  /** The raw message (base64) while it is held for review. */
  rawMessage: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface MailInboundTables {
  mailboxes: MailboxTable;
  inboundMessages: InboundMessageTable;
}
