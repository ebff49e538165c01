import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses, idParams, noContent } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import { createCannedReply, deleteCannedReply, listCannedReplies } from './canned';

/** A support group's canned replies (canned.ts). */
export function cannedReplyRoutes(app: App, ctx: AppContext): void {
  const tags = ['service desk'];
  app.get(
    '/api/v1/canned-replies',
    {
      schema: {
        tags,
        summary: 'Canned replies of my support groups (every group for the desk’s configurers)',
        querystring: S.cannedReplyQuery,
        response: { 200: S.cannedReplyList, ...errorResponses },
      },
    },
    async (req) => listCannedReplies(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/canned-replies',
    {
      schema: {
        tags,
        summary: 'Keep a canned reply for one of my support groups',
        body: S.cannedReplyBody,
        response: { 201: S.cannedReplySchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createCannedReply(ctx, actorOf(req), req.body)),
  );
  app.delete(
    '/api/v1/canned-replies/:id',
    {
      schema: {
        tags,
        summary: 'Delete a canned reply of one of my support groups',
        params: idParams,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteCannedReply(ctx, actorOf(req), req.params.id);
      return noContent(reply);
    },
  );
}
