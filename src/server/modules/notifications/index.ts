import type { AppModule } from '../../module';
import { ensureNotificationSweep, notifySweepJob, subscribeNotifications } from './listeners';
import { mailSendJob } from './mailer';
import { notificationsRoutes } from './routes';
import { surveyRemindJob } from './survey';

/** Email notifications of ticket events (outbox, SMTP), survey reminders, notification preferences. */
export const notificationsModule: AppModule = {
  name: 'notifications',
  routes: notificationsRoutes,
  jobs: { 'mail.send': mailSendJob, 'notify.sweep': notifySweepJob, 'survey.remind': surveyRemindJob },
  subscribe: subscribeNotifications,
  start: ensureNotificationSweep,
};

export { queueEmail, recipientsOf, ticketIdFromThreadId, ticketThreadId, type Recipient } from './outbox';
export { ticketFacts, surveyUrl } from './facts';
export { referenceInSubject } from './templates';
export { deliverPendingNotifications, sweepPendingNotifications } from './listeners';
export type { NotificationTables } from './tables';
