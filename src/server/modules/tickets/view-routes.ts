import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams, noContent } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import { createTicketView, deleteTicketView, listTicketViews } from './views';

/** Saved views of the ticket list (views.ts). */
export function ticketViewRoutes(app: App, ctx: AppContext): void {
  const tags = ['service desk'];
  app.get(
    '/api/v1/ticket-views',
    {
      schema: {
        tags,
        summary: 'My saved views of the ticket list, and those shared with my support groups',
        response: { 200: S.ticketViewList, ...errorResponses },
      },
    },
    async (req) => listTicketViews(ctx, actorOf(req)),
  );
  app.post(
    '/api/v1/ticket-views',
    {
      schema: {
        tags,
        summary: 'Save the current view of the ticket list under a name (mine, or shared with a group I belong to)',
        description:
          'The query holds the parameters of GET /api/v1/tickets except paging, checked as the list checks them (400 naming `query.<parameter>`). A name already used by the caller: 409.',
        body: S.ticketViewBody,
        response: { 201: S.ticketViewSchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createTicketView(ctx, actorOf(req), req.body)),
  );
  app.delete(
    '/api/v1/ticket-views/:id',
    {
      schema: {
        tags,
        summary: 'Delete one of my saved views (a view shared with my group by someone else: 403)',
        params: idParams,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteTicketView(ctx, actorOf(req), req.params.id);
      return noContent(reply);
    },
  );
}
