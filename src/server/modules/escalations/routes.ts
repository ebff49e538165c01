import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams, listOf } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import { getDirectory, putDirectory } from './directory';
import { escalateTicket, listEscalations } from './escalate';
import { getAlertSettingsFor, putAlertSettingsFor } from './settings-service';

/** Escalation directory, escalations, SLA alert settings. */
export function escalationsRoutes(app: App, ctx: AppContext): void {
  const tags = ['escalations'];
  app.get(
    '/api/v1/communes/:id/escalation-directory',
    {
      schema: {
        tags,
        summary: "A commune's escalation directory: who holds each role of the escalation matrix",
        params: idParams,
        response: { 200: S.directorySchema, ...errorResponses },
      },
    },
    async (req) => getDirectory(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/communes/:id/escalation-directory',
    {
      schema: {
        tags,
        summary: "Replace a commune's escalation directory",
        params: idParams,
        body: S.directoryPut,
        response: { 200: S.directorySchema, ...errorResponses },
      },
    },
    async (req) => putDirectory(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/tickets/:id/escalations',
    {
      schema: {
        tags,
        summary: 'Escalate a ticket: raise its referral level and notify the matrix roles',
        params: idParams,
        body: S.escalationCreate,
        response: { 201: S.escalationSchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await escalateTicket(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/tickets/:id/escalations',
    {
      schema: {
        tags,
        summary: "A ticket's escalations, oldest first",
        params: idParams,
        response: { 200: listOf(S.escalationSchema), ...errorResponses },
      },
    },
    async (req) => listEscalations(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/service-desk/alert-settings',
    {
      schema: {
        tags,
        summary: 'Warning threshold and automatic escalation at breach',
        response: { 200: S.alertSettingsSchema, ...errorResponses },
      },
    },
    async (req) => getAlertSettingsFor(ctx, actorOf(req)),
  );
  app.put(
    '/api/v1/service-desk/alert-settings',
    {
      schema: {
        tags,
        summary: 'Change the warning threshold and automatic escalation',
        body: S.alertSettingsSchema,
        response: { 200: S.alertSettingsSchema, ...errorResponses },
      },
    },
    async (req) => putAlertSettingsFor(ctx, actorOf(req), req.body),
  );
}
