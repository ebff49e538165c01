import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { App } from '../../lib/http';
import { errorResponses, idParams, listOf, noContent } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import { fileResponse, mediaTypes } from '../../lib/openapi';
import * as S from './schemas';
import {
  compareVersions,
  getAmendment,
  getAnnexVersion,
  getContractAt,
  listAmendments,
  listAnnexVersions,
} from './service';
import { createAmendment, deleteAmendment, updateAmendment, updateAnnexVersion } from './commands/draft-amendment';
import { signAmendment } from './commands/sign-amendment';
import {
  contractEntrySchema,
  recordContract,
  recordSignedAmendment,
  signedAmendmentEntrySchema,
} from './commands/record-contract';
import { amendmentDocument, contractDocument, type RenderedDocument } from './documents/service';

const conflictResponses = { ...errorResponses, 409: errorResponses[400] };

function sendDocument(reply: FastifyReply, doc: RenderedDocument) {
  return reply
    .header('content-type', doc.contentType)
    .header('content-disposition', `attachment; filename="${doc.filename}"`)
    .header('cache-control', 'private, no-store')
    .send(doc.body);
}

let formats: { contract: Record<string, unknown>; signedAmendment: Record<string, unknown> } | undefined;
/** The file formats as JSON Schema, from the same zod schemas the routes validate with. */
export function contractFormats() {
  formats ??= {
    contract: z.toJSONSchema(contractEntrySchema, { io: 'input', unrepresentable: 'any' }),
    signedAmendment: z.toJSONSchema(signedAmendmentEntrySchema, { io: 'input', unrepresentable: 'any' }),
  };
  return formats;
}

/** Commitment contracts, annex versions and amendments (docs/contracts.md). */
export function contractRoutes(app: App, ctx: AppContext): void {
  const tags = ['contracts'];

  app.post(
    '/api/v1/communes/:id/contracts',
    {
      schema: {
        tags,
        summary: "Enter a commune's signed contract with its annexes (the documented file format)",
        description:
          'Contract managers (contracts.record). The body is the file format of docs/contracts.md, whose JSON Schema is served at GET /api/v1/contract-formats. 409 when the commune already has a contract.',
        params: idParams,
        body: contractEntrySchema,
        response: { 201: S.contractResponse, ...conflictResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await recordContract(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/communes/:id/amendments/signed',
    {
      schema: {
        tags,
        summary: 'Record an amendment already signed, with its real (past) dates and the annex versions it installs',
        description:
          'A separate, audited action from drafting (contracts.record). The effective date may be in the past; it must follow the contract and every version it replaces. Open tickets created since get their clocks recomputed on the recorded terms; frozen periods keep their snapshots.',
        params: idParams,
        body: signedAmendmentEntrySchema,
        response: { 201: S.amendmentSchema, ...conflictResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordSignedAmendment(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/contract-formats',
    {
      schema: {
        tags,
        summary: 'JSON Schemas of the contract and signed-amendment files (draft 2020-12)',
        response: {
          200: z
            .object({
              contract: z.record(z.string(), z.unknown()).describe('JSON Schema of a contract file'),
              signedAmendment: z.record(z.string(), z.unknown()).describe('JSON Schema of a signed-amendment file'),
            })
            .describe('File formats'),
          ...errorResponses,
        },
      },
    },
    () => Promise.resolve(contractFormats()),
  );

  app.get(
    '/api/v1/communes/:id/contract',
    {
      schema: {
        tags,
        summary: 'The contract of a commune in force at a date, with its annexes and amendments',
        description:
          'Commune users without contracts.read get the public view: the escalation matrix and the support hours only.',
        params: idParams,
        querystring: S.atQuery,
        response: { 200: S.contractResponse, ...errorResponses },
      },
    },
    async (req) => getContractAt(ctx, actorOf(req), req.params.id, req.query.at),
  );

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/api/v1/communes/:id/contract/document.${format}`,
      {
        schema: {
          tags,
          summary: `The contract in force at a date as ${format.toUpperCase()}`,
          params: idParams,
          querystring: S.atQuery,
          response: {
            200: fileResponse([mediaTypes[format]], `The contract as ${format.toUpperCase()}`),
            ...errorResponses,
          },
        },
      },
      async (req, reply) =>
        sendDocument(reply, await contractDocument(ctx, actorOf(req), req.params.id, req.query.at, format)),
    );
    app.get(
      `/api/v1/amendments/:id/document.${format}`,
      {
        schema: {
          tags,
          summary: `An amendment with the annexes it installs as ${format.toUpperCase()}`,
          params: idParams,
          response: {
            200: fileResponse([mediaTypes[format]], `The amendment as ${format.toUpperCase()}`),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => sendDocument(reply, await amendmentDocument(ctx, actorOf(req), req.params.id, format)),
    );
  }

  app.get(
    '/api/v1/communes/:id/amendments',
    {
      schema: {
        tags,
        summary: "Amendments of a commune's contract (drafts for contract managers)",
        params: idParams,
        response: { 200: listOf(S.amendmentSchema), ...errorResponses },
      },
    },
    async (req) => listAmendments(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/communes/:id/amendments',
    {
      schema: {
        tags,
        summary: 'Draft an amendment: copies the annexes it revises as new draft versions',
        params: idParams,
        body: S.amendmentCreate,
        response: { 201: S.amendmentSchema, ...conflictResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createAmendment(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/amendments/:id',
    {
      schema: {
        tags,
        summary: 'One amendment',
        params: idParams,
        response: { 200: S.amendmentSchema, ...errorResponses },
      },
    },
    async (req) => getAmendment(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/amendments/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft amendment (409 immutable once signed)',
        params: idParams,
        body: S.amendmentPatch,
        response: { 200: S.amendmentSchema, ...conflictResponses },
      },
    },
    async (req) => updateAmendment(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/amendments/:id',
    {
      schema: {
        tags,
        summary: 'Abandon a draft amendment and its draft annex versions',
        params: idParams,
        response: { 204: z.null(), ...conflictResponses },
      },
    },
    async (req, reply) => {
      await deleteAmendment(ctx, actorOf(req), req.params.id);
      return noContent(reply);
    },
  );
  app.post(
    '/api/v1/amendments/:id/sign',
    {
      schema: {
        tags,
        summary: 'Sign an amendment (director): fixes its dates and makes it and its annexes immutable',
        params: idParams,
        body: S.signBody,
        response: { 200: S.amendmentSchema, ...conflictResponses },
      },
    },
    async (req) => signAmendment(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/communes/:id/annexes/:domain/versions',
    {
      schema: {
        tags,
        summary: 'Versions of the annex of one domain, oldest first',
        params: S.domainParams,
        response: { 200: listOf(S.annexVersionItem), ...errorResponses },
      },
    },
    async (req) => listAnnexVersions(ctx, actorOf(req), req.params.id, req.params.domain),
  );
  app.get(
    '/api/v1/annex-versions/compare',
    {
      schema: {
        tags,
        summary: 'Compare two annex versions item by item (added, removed, changed)',
        querystring: S.compareQuery,
        response: { 200: S.compareResponse, ...errorResponses },
      },
    },
    async (req) => compareVersions(ctx, actorOf(req), req.query.from, req.query.to),
  );
  app.get(
    '/api/v1/annex-versions/:id',
    {
      schema: {
        tags,
        summary: 'One annex version',
        params: idParams,
        response: { 200: S.annexSchema, ...errorResponses },
      },
    },
    async (req) => getAnnexVersion(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/annex-versions/:id',
    {
      schema: {
        tags,
        summary: 'Replace the content of a draft annex version',
        params: idParams,
        body: S.annexPut,
        response: { 200: S.annexSchema, ...conflictResponses },
      },
    },
    async (req) => updateAnnexVersion(ctx, actorOf(req), req.params.id, req.body, 'put'),
  );
  app.patch(
    '/api/v1/annex-versions/:id',
    {
      schema: {
        tags,
        summary: 'Replace some parts of a draft annex version (priorities, commitments, escalationMatrix…)',
        params: idParams,
        body: S.annexPatch,
        response: { 200: S.annexSchema, ...conflictResponses },
      },
    },
    async (req) => updateAnnexVersion(ctx, actorOf(req), req.params.id, req.body, 'patch'),
  );
}
