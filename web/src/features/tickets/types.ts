import type { z } from 'zod';
import type {
  attachmentSchema,
  categorySchema,
  commentSchema,
  groupSchema,
  historySchema,
  ticketDetail,
  ticketSummary,
} from '../../../../src/server/modules/tickets/schemas';

export type TicketSummary = z.infer<typeof ticketSummary>;
export type Ticket = z.infer<typeof ticketDetail>;
export type Comment = z.infer<typeof commentSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type HistoryEntry = z.infer<typeof historySchema>;
export type Category = z.infer<typeof categorySchema>;
export type SupportGroup = z.infer<typeof groupSchema>;
export type Status = Ticket['status'];
export type Level = Ticket['impact'];

export const statuses: Status[] = ['new', 'acknowledged', 'in_progress', 'pending', 'resolved', 'closed', 'reopened'];
export const openStatuses: Status[] = ['new', 'acknowledged', 'in_progress', 'pending', 'reopened'];
export const levels: Level[] = ['low', 'medium', 'high', 'critical'];
