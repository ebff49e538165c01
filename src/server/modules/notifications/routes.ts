import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses, idParams, listOf } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import { getPreferences, putPreferences } from './preferences';
import { listTicketNotifications } from './log';

const notificationSchema = z
  .object({
    id: z.string(),
    template: z
      .string()
      .describe('ticket_created, reply_added, status_changed, warning, breach, escalation, survey_reminder…'),
    to: z.string().describe('Recipient address'),
    toUserId: z.string().nullable(),
    locale: z.string(),
    subject: z.string(),
    urgent: z.boolean().describe('Sent at once even outside working hours'),
    status: z.enum(['pending', 'sent', 'failed', 'unsent']).describe('unsent: SMTP not configured'),
    notBefore: z.string().describe('Not sent before (the recipient’s next working hour)'),
    sentAt: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
  })
  .describe('Notification');

const preferencesSchema = z
  .object({
    email: z.boolean().describe('Receive notifications by email'),
    workingHoursOnly: z
      .boolean()
      .describe(
        'Deliver non-urgent notifications only during my working hours (my commune’s calendar, or the call centre’s for staff)',
      ),
  })
  .describe('NotificationPreferences');

/** Email notifications of ticket events, and each person's notification preferences. */
export function notificationsRoutes(app: App, ctx: AppContext): void {
  const tags = ['notifications'];
  app.get(
    '/api/v1/me/notification-preferences',
    {
      schema: { tags, summary: 'My notification preferences', response: { 200: preferencesSchema, ...errorResponses } },
    },
    async (req) => getPreferences(ctx, actorOf(req)),
  );
  app.put(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Change my notification preferences',
        body: preferencesSchema,
        response: { 200: preferencesSchema, ...errorResponses },
      },
    },
    async (req) => putPreferences(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/v1/tickets/:id/notifications',
    {
      schema: {
        tags,
        summary: 'Emails of a ticket: sent, waiting for working hours, failed (staff)',
        params: idParams,
        response: { 200: listOf(notificationSchema), ...errorResponses },
      },
    },
    async (req) => listTicketNotifications(ctx, actorOf(req), req.params.id),
  );
}
