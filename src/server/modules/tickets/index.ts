/** The service desk's API for other modules (interface (3) of the agreed contracts). */
export { createTicket, createTicketWithReplay, type CreateTicketInput } from './commands/create-ticket';
export { addComment } from './commands/comments';
export { addAttachment } from './commands/attachments';
export { transitionTicket } from './commands/transition-ticket';
export { appendHistory, getTicketForSystem } from './repo';
export { recomputeDeadlines, loadClockBasis } from './clock-basis';
export { computeClocks, type ClockBasis, type ClockFields, type ClockRules } from './clocks';
export { ticketEvents, getTicket } from './service';
export type { TicketView, CommentView, AttachmentView } from './present';
export type { Status } from './lifecycle';
