import { z } from 'zod';

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
};

export const mailboxCreate = z.object({
  communeId: z
    .string()
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
});

export const pollResultSchema = z
  .object({
    items: z.array(
      z.object({
        outcome: z
          .string()
          .describe(
            'ticket_created | reply_added | ignored_auto | ignored_bounce | unknown_sender | no_commune | duplicate | failed (left unseen for the next poll)',
          ),
        messageId: z.string(),
        ticketId: z.string().nullable(),
        rejectedAttachments: z.array(z.string()),
      }),
    ),
    total: z.number().int(),
  })
  .describe('PollResult');
