import { z } from 'zod';
import { pageQuery } from '../../lib/http';
import { inboxKinds } from './tables';

export const inboxQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: only the unread items'),
  ...pageQuery,
  limit: pageQuery.limit.default(20),
});

export const inboxItemSchema = z
  .object({
    id: z.string().describe('Item id'),
    kind: z
      .enum(inboxKinds)
      .describe(
        'assigned: the ticket was assigned to me; reply: a public reply on a ticket I asked for or work on; sla_warning / sla_breach: a deadline of a ticket I work on is near / passed; escalation: a ticket was escalated to me',
      ),
    ticketId: z.string().describe('The ticket it is about'),
    communeId: z.string().nullable().describe('The ticket’s commune'),
    reference: z.string().describe('The ticket’s reference when the item was written'),
    title: z.string().describe('The ticket’s title when the item was written'),
    actorName: z.string().nullable().describe('Who assigned, replied or escalated; null for the system'),
    excerpt: z.string().nullable().describe('The reply’s first words (reply)'),
    clock: z.enum(['ack', 'resolve']).nullable().describe('The deadline concerned (sla_warning, sla_breach)'),
    dueAt: z.string().nullable().describe('That deadline, ISO-8601 (sla_warning, sla_breach)'),
    threshold: z.number().nullable().describe('Share of the delay used when warned, percent (sla_warning)'),
    level: z.string().nullable().describe('Referral level reached: ordinary, urgent, exceptional (escalation)'),
    automatic: z.boolean().nullable().describe('Escalated automatically after a breach (escalation)'),
    internal: z
      .boolean()
      .nullable()
      .describe('An internal escalation inside the provider after an operating target’s breach (escalation)'),
    createdAt: z.string().describe('When it happened, ISO-8601'),
    readAt: z.string().nullable().describe('When I marked it read; null while unread'),
  })
  .describe('InboxItem');

export const inboxListSchema = z
  .object({
    items: z.array(inboxItemSchema).describe('The page of items, newest first'),
    total: z.number().int().describe('Number of items matching, all pages included'),
    unread: z.number().int().describe('Number of my unread items (the bell’s count), whatever the filter'),
  })
  .describe('InboxList');

export const readAllSchema = z
  .object({
    marked: z.number().int().describe('Items marked read by this call'),
    unread: z.number().int().describe('Unread items left (0 unless some arrived meanwhile)'),
  })
  .describe('InboxReadAll');
