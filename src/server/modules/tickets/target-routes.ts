import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams, listOf, noContent, refId } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import { revokeForceMajeure, ruleForceMajeure } from './commands/force-majeure';
import {
  createOperatingTarget,
  deleteOperatingTarget,
  listOperatingTargets,
  operatingTargetCreate,
} from './operating-targets';
import { byPriorityDelays } from '../contracts';

const conflictResponses = { ...errorResponses, 409: errorSchema };

export const operatingTargetSchema = z
  .object({
    id: z.string(),
    scope: z.enum(['provider', 'commune']).describe('provider-wide, or a commune override'),
    communeId: z.string().nullable(),
    effectiveFrom: z.string().describe('First local day it applies to new tickets'),
    resolution: byPriorityDelays,
    note: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    inForce: z.boolean().describe('The version that applies today'),
  })
  .describe('OperatingTarget');

/** Force majeure on 3.3.1 and the provider's operating targets (objectifs de service internes). */
export function targetRoutes(app: App, ctx: AppContext): void {
  const tags = ['service desk'];
  app.post(
    '/api/v1/tickets/:id/force-majeure',
    {
      schema: {
        tags,
        summary: 'Rule a late acknowledgement force majeure: the ticket is excluded from 3.3.1 (tickets.force_majeure)',
        params: idParams,
        body: S.forceMajeureBody,
        response: { 200: S.ticketDetail, ...conflictResponses },
      },
    },
    async (req) => ruleForceMajeure(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/tickets/:id/force-majeure/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a force-majeure ruling: the ticket counts again in 3.3.1',
        params: idParams,
        body: S.forceMajeureBody,
        response: { 200: S.ticketDetail, ...conflictResponses },
      },
    },
    async (req) => revokeForceMajeure(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/operating-targets',
    {
      schema: {
        tags,
        summary: "The provider's operating targets (objectifs de service internes), and a commune's override",
        description:
          'Resolution delays per priority that run the queues where neither the signed annex nor an agreement sets one. They are no contract term: their breach escalates inside the provider only.',
        querystring: z.object({ communeId: refId.optional().describe("Include this commune's override") }),
        response: { 200: listOf(operatingTargetSchema), ...errorResponses },
      },
    },
    async (req) => listOperatingTargets(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/operating-targets',
    {
      schema: {
        tags,
        summary: 'Add a version of the operating targets, provider-wide or for a commune (tickets.configure)',
        body: operatingTargetCreate,
        response: { 201: operatingTargetSchema, ...conflictResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createOperatingTarget(ctx, actorOf(req), req.body)),
  );
  app.delete(
    '/api/v1/operating-targets/:id',
    {
      schema: {
        tags,
        summary: 'Withdraw a version of the operating targets not in force yet',
        params: idParams,
        response: { 204: z.null(), ...conflictResponses },
      },
    },
    async (req, reply) => {
      await deleteOperatingTarget(ctx, actorOf(req), req.params.id);
      return noContent(reply);
    },
  );
}
