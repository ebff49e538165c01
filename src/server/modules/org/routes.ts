import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses, idParams, listOf, localDate, pageQuery, noContent, sendFile } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import {
  createCommune,
  createEntity,
  deleteEntity,
  getCommune,
  listCommunes,
  listEntities,
  updateCommune,
  updateEntity,
} from './communes-service';
import { createUser, findPeople, getUser, listUsers, setAssignments, updateUser } from './users-service';
import { createToken, listTokens, revokeToken } from './tokens-service';
import { exportAudit, listAudit } from './audit-service';
import { fileResponse, mediaTypes } from '../../lib/openapi';

export function orgRoutes(app: App, ctx: AppContext): void {
  const tags = ['organisation'];
  app.get(
    '/api/v1/communes',
    {
      schema: { tags, summary: 'Communes in my scope', response: { 200: listOf(S.communeSchema), ...errorResponses } },
    },
    async (req) => listCommunes(ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/communes/:id',
    {
      schema: { tags, summary: 'One commune', params: idParams, response: { 200: S.communeSchema, ...errorResponses } },
    },
    async (req) => getCommune(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/communes',
    {
      schema: {
        tags,
        summary: 'Create a commune',
        body: S.communeCreate,
        response: { 201: S.communeSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createCommune(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/communes/:id',
    {
      schema: {
        tags,
        summary: 'Edit a commune',
        params: idParams,
        body: S.communePatch,
        response: { 200: S.communeSchema, ...errorResponses },
      },
    },
    async (req) => updateCommune(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/communes/:id/entities',
    {
      schema: {
        tags,
        summary: 'Sub-entities of a commune',
        params: idParams,
        response: { 200: listOf(S.entitySchema), ...errorResponses },
      },
    },
    async (req) => listEntities(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/communes/:id/entities',
    {
      schema: {
        tags,
        summary: 'Add a sub-entity',
        params: idParams,
        body: S.entityCreate,
        response: { 201: S.entitySchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createEntity(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/entities/:id',
    {
      schema: {
        tags,
        summary: 'Edit a sub-entity',
        params: idParams,
        body: S.entityPatch,
        response: { 200: S.entitySchema, ...errorResponses },
      },
    },
    async (req) => updateEntity(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/entities/:id',
    {
      schema: {
        tags,
        summary: 'Remove a sub-entity',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteEntity(ctx, actorOf(req), req.params.id);
      return noContent(reply);
    },
  );

  const userQuery = z.object({
    communeId: z.string().optional(),
    q: z.string().max(200).optional().describe('Name, email or phone'),
    role: z.string().optional(),
    ...pageQuery,
  });
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Users in my scope',
        querystring: userQuery,
        response: { 200: listOf(S.userSchema), ...errorResponses },
      },
    },
    async (req) => listUsers(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/people',
    {
      schema: {
        tags,
        summary: 'Find a commune caller by name, email or phone',
        querystring: z.object({ q: z.string().trim().min(2).max(200) }),
        response: { 200: listOf(S.userSchema), ...errorResponses },
      },
    },
    async (req) => {
      const items = await findPeople(ctx, actorOf(req), req.query.q);
      return { items, total: items.length };
    },
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One user', params: idParams, response: { 200: S.userSchema, ...errorResponses } } },
    async (req) => getUser(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user',
        body: S.userCreate,
        response: { 201: S.userSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Edit a user (roles, activation, password)',
        params: idParams,
        body: S.userPatch,
        response: { 200: S.userSchema, ...errorResponses },
      },
    },
    async (req) => updateUser(ctx, actorOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/v1/users/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Set the communes a provider staff member is assigned to',
        params: idParams,
        body: z.object({ communeIds: z.array(z.string()) }),
        response: { 200: S.userSchema, ...errorResponses },
      },
    },
    async (req) => setAssignments(ctx, actorOf(req), req.params.id, req.body.communeIds),
  );

  app.get(
    '/api/v1/tokens',
    {
      schema: { tags: ['tokens'], summary: 'API tokens', response: { 200: listOf(S.tokenSchema), ...errorResponses } },
    },
    async (req) => listTokens(ctx, actorOf(req)),
  );
  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token (the secret is shown once)',
        body: S.tokenCreate,
        response: {
          201: S.tokenSchema.extend({ token: z.string().describe('The secret, shown once') }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => reply.status(201).send(await createToken(ctx, actorOf(req), req.body)),
  );
  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: idParams,
        response: { 200: S.tokenSchema, ...errorResponses },
      },
    },
    async (req) => revokeToken(ctx, actorOf(req), req.params.id),
  );

  const auditFilters = {
    communeId: z.string().optional().describe('Records of this commune'),
    targetType: z.string().optional().describe('Records about this kind of object (ticket, amendment …)'),
    targetId: z.string().optional().describe('Records about this object'),
    actorId: z.string().optional().describe('Records of this author'),
    from: localDate.optional().describe('From this local day (Europe/Paris), included'),
    to: localDate.optional().describe('Up to this local day (Europe/Paris), included'),
  };
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail: who changed what and when',
        querystring: z.object({ ...auditFilters, ...pageQuery }),
        response: { 200: listOf(S.auditSchema), ...errorResponses },
      },
    },
    async (req) => listAudit(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit trail as a CSV or XLSX file (at most 50,000 records)',
        description:
          'Newest first; dates in local time (Europe/Paris), authors and communes by name, actions in words beside their code. CSV: UTF-8 with BOM, `;`-separated. Text that a spreadsheet would read as a formula is prefixed with an apostrophe.',
        querystring: z.object({
          ...auditFilters,
          format: z.enum(['csv', 'xlsx']).default('xlsx').describe('File format'),
          lang: z.enum(['fr', 'en']).optional().describe("Language of headers and labels (default: the caller's)"),
        }),
        response: {
          200: fileResponse(['text/csv', mediaTypes.xlsx], 'The audit trail as CSV or XLSX'),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => sendFile(reply, await exportAudit(ctx, actorOf(req), req.query)),
  );
}
