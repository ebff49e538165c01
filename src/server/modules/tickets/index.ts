import type { AppModule } from '../../module';
import { ticketRoutes } from './routes';
import { subscribeTickets } from './listeners';

/** The service desk: tickets, replies, attachments, history, merge, survey, catalogue, matrix. */
export const ticketsModule: AppModule = { name: 'tickets', routes: ticketRoutes, subscribe: subscribeTickets };

/** The service desk's API for other modules. */
export {
  createTicket,
  createTicketInTransaction,
  createTicketWithReplay,
  type CreateTicketInput,
} from './commands/create-ticket';
export { addComment } from './commands/comments';
export {
  addAttachment,
  attachmentMediaTypes,
  attachmentPath,
  safeFilename,
  storeUpload,
  writeStored,
} from './commands/attachments';
export { transitionTicket } from './commands/transition-ticket';
export { appendHistory, getTicketForSystem } from './repo';
export { recomputeDeadlines, loadClockBasis } from './clock-basis';
export { recomputeOpenTicketsSince } from './listeners';
export { computeClocks, type ClockBasis, type ClockFields, type ClockRules } from './clocks';
export { getTicket } from './service';
export type { TicketView, CommentView, AttachmentView } from './present';
export type { Status } from './lifecycle';
export type { TicketEventMap } from './events';
export * as schemas from './schemas';
export { findCommuneCalendar } from './clock-basis';
export { clockRulesFrom, type ClockTargetOrigin } from './clocks';
export { operatingTargetAt, operatingTargetRows, type OperatingTargetRow } from './operating-targets';
export { isClosedForEscalation, mayEscalate } from './policy';
export { defaultMatrix, formatReference, priorityOf, referencePrefix } from './priority';
export type { Level, PriorityMatrix } from './priority';
export {
  announcedStatuses,
  findVisibleTicket,
  findVisibleTicketByReference,
  getTicketForChange,
  getTicketForSystemChange,
  getVisibleTicket,
  visibleTickets,
} from './repo';
export { seedServiceDesk } from './seed';
export { watcherIdsToTell } from './watchers';
export { incidentCountsByDevice, ticketsOfDevice, type DeviceTicketView, type TicketDeviceView } from './devices-repo';
export type {
  OperatingTargetTable,
  ServiceDeskTables,
  TicketHistoryTable,
  TicketPauseTable,
  TicketSurveyTable,
  TicketDeviceTable,
  TicketTable,
} from './tables';
export { operatingTargetSchema } from './target-routes';
