import type { Ticket } from '../../../../src/shared/api';
export type {
  Attachment,
  BulkMergeResult,
  DeskSummary,
  BulkTransitionResult,
  Category,
  Comment,
  HistoryEntry,
  SupportGroup,
  Ticket,
  TicketSummary,
} from '../../../../src/shared/api';
export type Status = Ticket['status'];
export type Level = Ticket['impact'];

export {
  ticketStatuses as statuses,
  openTicketStatuses as openStatuses,
  levels,
} from '../../../../src/shared/service-desk';
