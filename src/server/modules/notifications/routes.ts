import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import { ticketEvents } from '../tickets/service';
import { settleListeners } from '../scheduler/runner';
import { subscribeNotifications } from './listeners';
import { getPreferences, putPreferences } from './preferences';
import './mailer';

const preferencesSchema = z.object({
  email: z.boolean().describe('Receive notifications by email'),
  workingHoursOnly: z.boolean().describe('Deliver non-urgent notifications only during my working hours (my commune’s calendar, or the call centre’s for staff)'),
}).describe('NotificationPreferences');

/** Email notifications of ticket events, and each person's notification preferences. */
export function notificationsRoutes(app: App, ctx: AppContext): void {
  const tags = ['notifications'];
  app.get('/api/v1/me/notification-preferences', { schema: { tags, summary: 'My notification preferences', response: { 200: preferencesSchema, ...errorResponses } } }, async (req) => getPreferences(ctx, actorOf(req)));
  app.put('/api/v1/me/notification-preferences', { schema: { tags, summary: 'Change my notification preferences', body: preferencesSchema, response: { 200: preferencesSchema, ...errorResponses } } }, async (req) => putPreferences(ctx, actorOf(req), req.body));
  if (!ctx.config.smtp) app.log.warn('SMTP is not configured (SMTP_HOST): notifications are recorded in the outbox, not sent.');
  subscribeNotifications(ctx, ticketEvents(ctx));
  // On close, let listener work already started (after a commit) finish before the database closes.
  ctx.services.eventListeners ??= { stop: () => settleListeners() };
}
