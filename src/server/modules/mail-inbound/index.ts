import type { AppModule } from '../../module';
import { ensurePollJob, mailPollJob } from './poll';
import { mailInboundRoutes } from './routes';

/**
 * Inbound email: IMAP mailboxes (per commune, or shared) polled by a recurring job (one row
 * shared by every process through the jobs table); messages open tickets or thread replies.
 */
export const mailInboundModule: AppModule = {
  name: 'mail-inbound',
  routes: mailInboundRoutes,
  jobs: { 'mail.poll': mailPollJob },
  start: ensurePollJob,
};

export { pollAllMailboxes, pollMailbox, sharedMailbox, ensurePollJob } from './poll';
export { processInbound, type InboundResult } from './process';
export type { MailInboundTables } from './tables';
export * as schemas from './schemas';
