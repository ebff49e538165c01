import type { Migration } from 'kysely';
import * as foundation from './2026112801-foundation';
import * as ticketsCore from './2026112804-tickets-core';
import * as calendars from './2026112805-calendars';
import * as contracts from './2026112806-contracts';
import * as servicedesk from './2026112807-servicedesk';
import * as ticketsFts from './2026112807b-tickets-fts';
import * as indicators from './2026112808-indicators';
import * as mailEscalations from './2026112809-mail-escalations';
import * as ticketListIndexes from './2026112810-ticket-list-indexes';
import * as historyOutbox from './2026112811-history-outbox';
import * as indicatorTrendCache from './2026112812-indicator-trend-cache';
import * as historyOutboxFailures from './2026112913-history-outbox-failures';
import * as mailSenderAuth from './2026120201-mail-sender-auth';
import * as contractFidelity from './2026120202-contract-fidelity';
import * as fleet from './2026120310-fleet';
import * as applications from './2026120320-applications';
import * as alertLabelRules from './2026120321-alert-label-rules';
import * as projects from './2026120330-projects';
import * as fleetTicketsPlan from './2026120410-fleet-tickets-plan';
import * as projectTicketsDocuments from './2026120440-project-tickets-documents';
import * as ticketViews from './2026120450-ticket-views';
import * as inbox from './2026120470-inbox';
import * as cannedReplies from './2026120480-canned-replies';
import * as ticketWatchers from './2026120490-ticket-watchers';
import * as attachmentMessage from './2026120500-attachment-message';
import * as ticketSearchVector from './2026120510-ticket-search-vector';
import * as ticketLinks from './2026120520-ticket-links';

/**
 * Every migration, in name order: Kysely applies them in that order and refuses a database whose
 * applied migrations are not a prefix of this list (a new migration's name sorts after the last
 * one's). Each capability owns its files; names are stable: they are recorded in the database.
 */
export const migrations: Record<string, Migration> = {
  '2026112801-foundation': foundation,
  '2026112804-tickets-core': ticketsCore,
  '2026112805-calendars': calendars,
  '2026112806-contracts': contracts,
  '2026112807-servicedesk': servicedesk,
  '2026112807b-tickets-fts': ticketsFts,
  '2026112808-indicators': indicators,
  '2026112809-mail-escalations': mailEscalations,
  '2026112810-ticket-list-indexes': ticketListIndexes,
  '2026112811-history-outbox': historyOutbox,
  '2026112812-indicator-trend-cache': indicatorTrendCache,
  '2026112913-history-outbox-failures': historyOutboxFailures,
  '2026120201-mail-sender-auth': mailSenderAuth,
  '2026120202-contract-fidelity': contractFidelity,
  '2026120310-fleet': fleet,
  '2026120320-applications': applications,
  '2026120321-alert-label-rules': alertLabelRules,
  '2026120330-projects': projects,
  '2026120410-fleet-tickets-plan': fleetTicketsPlan,
  '2026120440-project-tickets-documents': projectTicketsDocuments,
  '2026120450-ticket-views': ticketViews,
  '2026120470-inbox': inbox,
  '2026120480-canned-replies': cannedReplies,
  '2026120490-ticket-watchers': ticketWatchers,
  '2026120500-attachment-message': attachmentMessage,
  '2026120510-ticket-search-vector': ticketSearchVector,
  '2026120520-ticket-links': ticketLinks,
};
