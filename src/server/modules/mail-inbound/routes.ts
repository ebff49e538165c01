import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams, listOf, noContent } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import { createMailbox, deleteMailbox, listMailboxes, pollMailboxNow, updateMailbox } from './mailboxes-service';
import { acceptInboundMessage, listInboundMessages, rejectInboundMessage } from './review-service';

/** Inbound email: the IMAP mailboxes (per commune, or shared). */
export function mailInboundRoutes(app: App, ctx: AppContext): void {
  const tags = ['mail'];
  app.get(
    '/api/v1/mailboxes',
    {
      schema: {
        tags,
        summary: 'Inbound IMAP mailboxes (passwords never returned)',
        response: { 200: listOf(S.mailboxSchema), ...errorResponses },
      },
    },
    async (req) => listMailboxes(ctx, actorOf(req)),
  );
  app.post(
    '/api/v1/mailboxes',
    {
      schema: {
        tags,
        summary: 'Add an inbound mailbox (a commune’s, or shared)',
        body: S.mailboxCreate,
        response: { 201: S.mailboxSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createMailbox(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/mailboxes/:id',
    {
      schema: {
        tags,
        summary: 'Change an inbound mailbox',
        params: idParams,
        body: S.mailboxPatch,
        response: { 200: S.mailboxSchema, ...errorResponses },
      },
    },
    async (req) => updateMailbox(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/mailboxes/:id',
    {
      schema: {
        tags,
        summary: 'Remove an inbound mailbox',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteMailbox(ctx, actorOf(req), req.params.id);
      return noContent(reply);
    },
  );
  app.post(
    '/api/v1/mailboxes/:id/poll',
    {
      schema: {
        tags,
        summary: 'Read the mailbox now (checks the connection; processes unseen messages)',
        params: idParams,
        response: { 200: S.pollResultSchema, ...errorResponses, 503: errorSchema },
      },
    },
    async (req) => pollMailboxNow(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/inbound-messages',
    {
      schema: {
        tags,
        summary: 'Inbound mail held for review (sender not authenticated), or of another outcome (staff)',
        querystring: S.inboundQuery,
        response: { 200: listOf(S.inboundMessageSchema), ...errorResponses },
      },
    },
    async (req) => listInboundMessages(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/inbound-messages/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a held message: it is processed as from its sender (reply added, ticket opened)',
        params: idParams,
        body: S.reviewBody,
        response: { 200: S.inboundMessageSchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req) => acceptInboundMessage(ctx, actorOf(req), req.params.id, req.body.comment),
  );
  app.post(
    '/api/v1/inbound-messages/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a held message: it is dropped, nothing reaches a ticket',
        params: idParams,
        body: S.reviewBody,
        response: { 200: S.inboundMessageSchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req) => rejectInboundMessage(ctx, actorOf(req), req.params.id, req.body.comment),
  );
}
