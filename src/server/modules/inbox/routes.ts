import type { App } from '../../lib/http';
import { errorResponses, idParams } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import { inboxItemSchema, inboxListSchema, inboxQuery, readAllSchema } from './schemas';
import { listInbox, readAllInbox, readInboxItem } from './service';

/** The signed-in person's in-app notifications (the bell). */
export function inboxRoutes(app: App, ctx: AppContext): void {
  const tags = ['inbox'];
  app.get(
    '/api/v1/me/inbox',
    {
      schema: {
        tags,
        summary: 'My in-app notifications, newest first, with my unread count',
        querystring: inboxQuery,
        response: { 200: inboxListSchema, ...errorResponses },
      },
    },
    async (req) => listInbox(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/me/inbox/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: readAllSchema, ...errorResponses },
      },
    },
    async (req) => readAllInbox(ctx, actorOf(req)),
  );
  app.post(
    '/api/v1/me/inbox/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read (404 for anyone else’s)',
        params: idParams,
        response: { 200: inboxItemSchema, ...errorResponses },
      },
    },
    async (req) => readInboxItem(ctx, actorOf(req), req.params.id),
  );
}
