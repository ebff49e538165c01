import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams, listOf, noContent, sendFile } from '../../lib/http';
import { readUpload } from '../../lib/upload';
import { fileResponse, mediaTypes, uploadBody } from '../../lib/openapi';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import { getTicket } from './service';
import { createTicketWithReplay } from './commands/create-ticket';
import { transitionTicket } from './commands/transition-ticket';
import { addComment, listComments } from './commands/comments';
import { addAttachment, attachmentMediaTypes, openAttachment } from './commands/attachments';
import { bulkAssign, updateTicket } from './commands/update-ticket';
import { mergeTicket } from './commands/merge-ticket';
import { bulkMerge, bulkTransition } from './commands/bulk';
import { answerSurvey } from './commands/survey';
import { listCategories, listGroups, listTickets, ticketHistory } from './queries';
import { exportTickets } from './export';
import { deskSummary } from './desk-summary';
import { getPriorityMatrix, putPriorityMatrix } from './matrix';
import { assignableForCommunes, assignableForTicket } from './assignable';
import { targetRoutes } from './target-routes';
import { ticketViewRoutes } from './view-routes';
import { cannedReplyRoutes } from './canned-routes';
import { addWatcher, listWatchers, removeWatcher } from './watchers';
import { addLink, listLinks, removeLink } from './links';

const conflictResponses = { ...errorResponses, 409: errorSchema };

/** Service-desk API: tickets, replies, attachments, history, merge, survey, catalogue, matrix. */
export function ticketRoutes(app: App, ctx: AppContext): void {
  const tags = ['service desk'];
  targetRoutes(app, ctx);
  ticketViewRoutes(app, ctx);
  cannedReplyRoutes(app, ctx);

  app.get(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'Search and list tickets',
        querystring: S.ticketQuery,
        response: { 200: S.ticketList, ...errorResponses },
      },
    },
    async (req) => listTickets(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/tickets/export',
    {
      schema: {
        tags,
        summary: 'The current view of the ticket list as a CSV or XLSX file (at most 10,000 tickets)',
        description:
          'The same filters, search, queue and order as GET /api/v1/tickets; statuses, types, channels and categories in words, local times (Europe/Paris). CSV: UTF-8 with BOM, `;`-separated. Text a spreadsheet would read as a formula is prefixed with an apostrophe. More tickets than the cap: 400 asking for narrower filters.',
        querystring: S.ticketQuery.omit({ limit: true, offset: true, count: true }).extend({
          format: z.enum(['csv', 'xlsx']).default('xlsx').describe('File format'),
          lang: z.enum(['fr', 'en']).optional().describe("Language of headers and labels (default: the caller's)"),
        }),
        response: {
          200: fileResponse(['text/csv', mediaTypes.xlsx], 'The tickets as CSV or XLSX'),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => sendFile(reply, await exportTickets(ctx, actorOf(req), req.query)),
  );

  app.get(
    '/api/v1/tickets/summary',
    {
      schema: {
        tags,
        summary: 'The service desk by commune: backlog, breached, at risk, unassigned; weekly trend',
        description:
          "Counts over the tickets the caller may see, by commune (the caller's communes, every one listed even at zero), and tickets opened and resolved per week (Europe/Paris weeks, Monday first).",
        querystring: S.deskSummaryQuery,
        response: { 200: S.deskSummarySchema, ...errorResponses },
      },
    },
    async (req) => deskSummary(ctx, actorOf(req), req.query.weeks),
  );

  app.post(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'Open a ticket (portal, call centre, integrations)',
        description:
          'A retry with the same `Idempotency-Key` header (per caller) returns the ticket already made (200) and creates nothing.',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional().describe('Makes retries safe') }),
        body: S.ticketCreate,
        response: { 201: S.ticketDetail, 200: S.ticketDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { ticket, replayed } = await createTicketWithReplay(ctx, actorOf(req), req.body, {
        idempotencyKey: req.headers['idempotency-key'],
      });
      return reply.status(replayed ? 200 : 201).send(ticket);
    },
  );

  app.get(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags,
        summary: 'One ticket with its replies, attachments and remaining business time',
        params: idParams,
        response: { 200: S.ticketDetail, ...errorResponses },
      },
    },
    async (req) => getTicket(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Edit, categorise, prioritise, assign (staff)',
        params: idParams,
        body: S.ticketPatch,
        response: { 200: S.ticketDetail, ...errorResponses },
      },
    },
    async (req) => updateTicket(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/tickets/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Change the status (409 invalid_transition lists the allowed ones)',
        params: idParams,
        body: S.transitionBody,
        response: { 200: S.ticketDetail, ...conflictResponses },
      },
    },
    async (req) => transitionTicket(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/tickets/:id/comments',
    {
      schema: {
        tags,
        summary: 'Replies (and internal notes for staff)',
        params: idParams,
        response: { 200: listOf(S.commentSchema), ...errorResponses },
      },
    },
    async (req) => listComments(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/tickets/:id/comments',
    {
      schema: {
        tags,
        summary: 'Reply, or add an internal note (staff)',
        params: idParams,
        body: S.commentBody,
        response: { 201: S.commentSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addComment(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/tickets/:id/history',
    {
      schema: {
        tags,
        summary: 'Full history (internal entries for staff only)',
        params: idParams,
        response: { 200: listOf(S.historySchema), ...errorResponses },
      },
    },
    async (req) => ticketHistory(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/tickets/:id/watchers',
    {
      schema: {
        tags,
        summary: 'The watchers (CC) of a ticket: told of its public replies and status changes',
        params: idParams,
        response: { 200: S.watcherList, ...errorResponses },
      },
    },
    async (req) => listWatchers(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/tickets/:id/watchers',
    {
      schema: {
        tags,
        summary: 'Follow a ticket (yourself), or add a watcher (service desk staff)',
        description:
          'The person must be able to see the ticket (400 naming `userId` otherwise). Adding someone already watching changes nothing. Answers the watchers.',
        params: idParams,
        body: S.watcherBody,
        response: { 200: S.watcherList, ...errorResponses },
      },
    },
    async (req) => addWatcher(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/tickets/:id/watchers/:userId',
    {
      schema: {
        tags,
        summary: 'Stop following a ticket (yourself), or remove a watcher (service desk staff)',
        params: S.watcherParams,
        response: { 204: z.null().describe('Removed'), ...errorResponses },
      },
    },
    async (req, reply) => {
      await removeWatcher(ctx, actorOf(req), req.params.id, req.params.userId);
      return noContent(reply);
    },
  );
  app.get(
    '/api/v1/tickets/:id/links',
    {
      schema: {
        tags,
        summary: 'The tickets linked to this one (those the caller sees)',
        params: idParams,
        response: { 200: S.linkList, ...errorResponses },
      },
    },
    async (req) => listLinks(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/tickets/:id/links',
    {
      schema: {
        tags,
        summary: 'Link another ticket of the same commune to this one (service desk)',
        description:
          'By `linkedId` or `reference` (one of them; 400 naming the field otherwise, and when the ticket is not one the caller sees, is this one, or belongs to another commune). Linking tickets already linked changes nothing. Both histories record it. Answers the links. 403 without tickets.work.',
        params: idParams,
        body: S.linkBody,
        response: { 200: S.linkList, ...errorResponses },
      },
    },
    async (req) => addLink(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/tickets/:id/links/:linkedId',
    {
      schema: {
        tags,
        summary: 'Unlink two tickets (service desk)',
        params: S.linkParams,
        response: { 204: z.null().describe('Unlinked'), ...errorResponses },
      },
    },
    async (req, reply) => {
      await removeLink(ctx, actorOf(req), req.params.id, req.params.linkedId);
      return noContent(reply);
    },
  );
  app.post(
    '/api/v1/tickets/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge this duplicate into another ticket',
        params: idParams,
        body: S.mergeBody,
        response: { 200: S.ticketDetail, ...conflictResponses },
      },
    },
    async (req) => mergeTicket(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/tickets/:id/survey',
    {
      schema: {
        tags,
        summary: 'Answer the satisfaction survey (requester)',
        params: idParams,
        body: S.surveyBody,
        response: { 200: S.surveySchema, ...conflictResponses },
      },
    },
    async (req) => answerSurvey(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/tickets/bulk-assign',
    {
      schema: {
        tags,
        summary: 'Assign several tickets at once (all or nothing)',
        body: S.bulkAssignBody,
        response: { 200: S.bulkAssignResult, ...errorResponses },
      },
    },
    async (req) => bulkAssign(ctx, actorOf(req), req.body),
  );
  app.post(
    '/api/v1/tickets/bulk-transition',
    {
      schema: {
        tags,
        summary: 'Change the status of several tickets, each on its own (staff)',
        description:
          'Each ticket goes through the rules of POST /api/v1/tickets/{id}/transitions, in its own transaction, with its history entry, audit record and notifications; a ticket the rules refuse is skipped with a reason and the others go on. A ticket the caller cannot see is reported as skipped `not_found`, exactly as an id that does not exist. 403 without tickets.work.',
        body: S.bulkTransitionBody,
        response: { 200: S.bulkTransitionResult, ...errorResponses },
      },
    },
    async (req) => bulkTransition(ctx, actorOf(req), req.body),
  );
  app.post(
    '/api/v1/tickets/bulk-merge',
    {
      schema: {
        tags,
        summary: 'Merge several duplicates into one ticket, each on its own (staff)',
        description:
          'Each duplicate goes through POST /api/v1/tickets/{id}/merge, in its own transaction; one refused (the target itself, already closed or merged, another commune, not visible) is skipped with a reason. A target the caller cannot see answers 404; a closed target 400 naming intoId. 403 without tickets.work.',
        body: S.bulkMergeBody,
        response: { 200: S.bulkMergeResult, ...errorResponses },
      },
    },
    async (req) => bulkMerge(ctx, actorOf(req), req.body),
  );

  app.post(
    '/api/v1/tickets/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a file (multipart/form-data, field `file`), to the ticket or to one of your messages',
        params: idParams,
        querystring: S.attachmentQuery,
        consumes: ['multipart/form-data'],
        body: uploadBody,
        description:
          'Size limit MAX_UPLOAD_BYTES (413); type decided from the content against an allow-list (415). With `commentId`, the file goes with that reply or note, which must be the caller’s own (400 naming `commentId`); a file of an internal note is internal.',
        response: { 201: S.attachmentSchema, ...errorResponses, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const file = await readUpload(req, ctx.config.maxUploadBytes);
      return reply
        .status(201)
        .send(await addAttachment(ctx, actor, req.params.id, file, { commentId: req.query.commentId }));
    },
  );

  app.get(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Download an attachment (always as a download, nosniff)',
        params: idParams,
        response: { 200: fileResponse(attachmentMediaTypes, 'The file, as a download'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const a = await openAttachment(ctx, actorOf(req), req.params.id);
      return reply
        .type(a.contentType)
        .header('content-length', String(a.size))
        .header(
          'content-disposition',
          `attachment; filename="${a.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(a.stream);
    },
  );

  app.get(
    '/api/v1/ticket-categories',
    {
      schema: {
        tags,
        summary: 'The service catalogue (category → contract sub-domain)',
        response: { 200: listOf(S.categorySchema), ...errorResponses },
      },
    },
    async (req) => listCategories(ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/support-groups',
    {
      schema: {
        tags,
        summary: 'Support groups (level 1 call centre, level 2 teams)',
        response: { 200: listOf(S.groupSchema), ...errorResponses },
      },
    },
    async (req) => listGroups(ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/priority-matrix',
    {
      schema: {
        tags,
        summary: 'Impact × urgency → priority matrix in force',
        querystring: S.matrixQuery,
        response: { 200: S.matrixSchema, ...errorResponses },
      },
    },
    async (req) => getPriorityMatrix(ctx, actorOf(req), req.query),
  );
  app.put(
    '/api/v1/priority-matrix',
    {
      schema: {
        tags,
        summary: 'Replace the provider matrix or a commune override (tickets.configure)',
        body: S.matrixPut,
        response: { 200: S.matrixSchema, ...errorResponses },
      },
    },
    async (req) => putPriorityMatrix(ctx, actorOf(req), req.body),
  );

  app.get(
    '/api/v1/tickets/:id/assignable-users',
    {
      schema: {
        tags,
        summary: 'Provider staff who may be assigned this ticket (staff)',
        params: idParams,
        querystring: S.assignableQuery,
        response: { 200: listOf(S.assignableUser), ...errorResponses },
      },
    },
    async (req) => assignableForTicket(ctx, actorOf(req), req.params.id, req.query.groupId),
  );
  app.get(
    '/api/v1/assignable-users',
    {
      schema: {
        tags,
        summary: 'Provider staff who may be assigned tickets of every commune given (bulk assignment; staff)',
        querystring: S.assignableCommunesQuery,
        response: { 200: listOf(S.assignableUser), ...errorResponses },
      },
    },
    async (req) => assignableForCommunes(ctx, actorOf(req), req.query.communeId, req.query.groupId),
  );
}
