import type { AppModule } from '../../module';
import { subscribeInbox } from './listeners';
import { inboxRoutes } from './routes';

/**
 * In-app notifications (the web app's bell): each person's items about the tickets they may see —
 * assigned to me, a reply on my ticket, an SLA warning or breach, an escalation — read and marked
 * read by that person only.
 */
export const inboxModule: AppModule = { name: 'inbox', routes: inboxRoutes, subscribe: subscribeInbox };

export { addInboxItems, type InboxNews } from './repo';
export { inboxKinds, type InboxKind, type InboxTables } from './tables';
export * as schemas from './schemas';
