import { z } from 'zod';
import { refId } from '../../lib/http';

const senderAuth = z
  .enum(['require', 'record'])
  .describe(
    'require: mail whose sender the receiving server did not authenticate (DMARC, or DKIM/SPF aligned with From:) is held for review; record: processed, the verdict recorded',
  );

export const mailboxSchema = z
  .object({
    id: z.string(),
    communeId: z.string().nullable().describe('The commune whose mailbox this is; null for the shared mailbox'),
    host: z.string().describe('IMAP server'),
    port: z.number().int(),
    username: z.string(),
    hasPassword: z.boolean().describe('The password is stored but never returned'),
    folder: z.string().describe('Folder polled for unseen messages'),
    processedFolder: z
      .string()
      .nullable()
      .describe('Processed messages are moved there; otherwise flagged \\Seen and \\Flagged'),
    tls: z.boolean().describe('Implicit TLS (IMAPS, usually port 993)'),
    active: z.boolean(),
    senderAuth: senderAuth,
    authservId: z
      .string()
      .nullable()
      .describe("Our mail server's authserv-id in Authentication-Results; null: the topmost header is read"),
    lastPolledAt: z.string().nullable(),
    lastError: z.string().nullable().describe('Error of the last poll, if it failed'),
    createdAt: z.string(),
  })
  .describe('Mailbox');

const fields = {
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  username: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  folder: z.string().trim().min(1).max(255).default('INBOX'),
  processedFolder: z.string().trim().min(1).max(255).nullable().optional(),
  tls: z.boolean().default(true),
  active: z.boolean().default(true),
  senderAuth: senderAuth.default('require'),
  authservId: z.string().trim().min(1).max(255).nullable().optional(),
};

export const mailboxCreate = z.object({
  communeId: refId
    .nullable()
    .describe('The commune whose mailbox this is; null for a shared mailbox (the sender’s commune decides)'),
  ...fields,
});

export const mailboxPatch = z.object({
  host: fields.host.optional(),
  port: fields.port.optional(),
  username: fields.username.optional(),
  password: fields.password.optional(),
  folder: z.string().trim().min(1).max(255).optional(),
  processedFolder: fields.processedFolder,
  tls: z.boolean().optional(),
  active: z.boolean().optional(),
  senderAuth: senderAuth.optional(),
  authservId: fields.authservId,
});

export const pollResultSchema = z
  .object({
    items: z.array(
      z.object({
        outcome: z
          .string()
          .describe(
            'ticket_created | reply_added | ignored_auto | ignored_bounce | unknown_sender | no_commune | held_for_review | duplicate | failed (left unseen for the next poll)',
          ),
        messageId: z.string(),
        ticketId: z.string().nullable(),
        rejectedAttachments: z.array(z.string()),
      }),
    ),
    total: z.number().int(),
  })
  .describe('PollResult');

export const senderVerdictSchema = z
  .object({
    status: z.enum(['pass', 'fail', 'none']).describe('pass: the receiving server authenticated the From: domain'),
    method: z.enum(['dmarc', 'dkim', 'spf']).nullable().describe('The result that decided'),
    domain: z.string().describe('The From: address domain'),
    authservId: z.string().nullable().describe('The mail server whose Authentication-Results were read'),
    results: z.array(z.string()).describe('The results read, e.g. "dmarc=fail (header.from=mairie.fr)"'),
  })
  .describe('SenderVerdict');

export const inboundMessageSchema = z
  .object({
    id: z.string(),
    messageId: z.string().describe('Message-ID header'),
    communeId: z.string().nullable(),
    fromAddress: z.string(),
    subject: z.string(),
    outcome: z
      .string()
      .describe('held_for_review, or what happened: ticket_created, reply_added, rejected, unknown_sender…'),
    ticketId: z
      .string()
      .nullable()
      .describe('The ticket it opened or answered (for a held reply: the ticket it answers)'),
    verdict: senderVerdictSchema.nullable(),
    receivedAt: z.string(),
    reviewedBy: z.string().nullable().describe('Who accepted or rejected it'),
    reviewedAt: z.string().nullable(),
  })
  .describe('InboundMessage');

export const inboundQuery = z.object({
  outcome: z
    .enum(['held_for_review', 'rejected', 'ticket_created', 'reply_added'])
    .default('held_for_review')
    .describe('Which messages: held for review by default'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const reviewBody = z.object({
  comment: z.string().trim().max(2000).optional().describe('Why, for the ticket history and the audit'),
});
