import type { App } from '../../lib/http';
import { z } from 'zod';
import { errorResponses, errorSchema, idParams, listOf, noContent } from '../../lib/http';
import { fileResponse, mediaTypes, uploadBody } from '../../lib/openapi';
import { readUpload } from '../../lib/upload';
import { attachmentMediaTypes } from '../tickets';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import {
  createPlanVersion,
  createProject,
  createTimeEntry,
  decideTimeEntry,
  getProject,
  listPlans,
  listProjects,
  listTimeEntries,
  patchProject,
  workload,
} from './service';
import { exportProjectsXlsx } from './xlsx';
import { getPhaseList, ownerCandidates, putPhaseList } from './settings';
import {
  addDocument,
  deleteDocument,
  linkTicket,
  listDocuments,
  listProjectTickets,
  openDocument,
  unlinkTicket,
} from './attachments';

/** Digital plans, projects, time entries, workload. */
export function projectsRoutes(app: App, ctx: AppContext): void {
  const tags = ['projects'];

  app.get(
    '/api/v1/communes/:id/digital-plans',
    {
      schema: {
        tags,
        summary: "A commune's digital plans (schéma numérique communal) with their versions",
        params: idParams,
        response: { 200: listOf(S.planSchema), ...errorResponses },
      },
    },
    async (req) => listPlans(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/communes/:id/digital-plans',
    {
      schema: {
        tags,
        summary: 'Record a plan version: a new plan, or a revision of one (schedules the current projects)',
        params: idParams,
        body: S.planCreate,
        response: { 201: S.planSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlanVersion(ctx, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/communes/:id/projects',
    {
      schema: {
        tags,
        summary: "A commune's projects, by scheduled year, status and kind",
        params: idParams,
        querystring: S.projectListQuery,
        response: { 200: listOf(S.projectSchema), ...errorResponses },
      },
    },
    async (req) => listProjects(ctx, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/communes/:id/projects',
    {
      schema: {
        tags,
        summary: 'Create a project of the commune',
        params: idParams,
        body: S.projectCreate,
        response: { 201: S.projectDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createProject(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/communes/:id/projects/export.xlsx',
    {
      schema: {
        tags,
        summary: "A commune's projects, plan versions and workload as XLSX",
        params: idParams,
        response: { 200: fileResponse([mediaTypes.xlsx], 'The XLSX workbook'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const f = await exportProjectsXlsx(ctx, actorOf(req), req.params.id);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename="${f.filename.replace(/[^\w.@-]/g, '_')}"`)
        .header('cache-control', 'private, no-store')
        .send(f.data);
    },
  );

  app.get(
    '/api/v1/projects/:id',
    {
      schema: {
        tags,
        summary: 'A project: phases, milestones, risks, planned load, recorded time, schedule history',
        params: idParams,
        response: { 200: S.projectDetailSchema, ...errorResponses },
      },
    },
    async (req) => getProject(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/projects/:id',
    {
      schema: {
        tags,
        summary: 'Change a project (status, schedule, owners, phases, planned load …)',
        params: idParams,
        body: S.projectPatch,
        response: { 200: S.projectDetailSchema, ...errorResponses },
      },
    },
    async (req) => patchProject(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/projects/:id/time-entries',
    {
      schema: {
        tags,
        summary: "A project's time entries, latest week first",
        params: idParams,
        querystring: S.timeEntryListQuery,
        response: { 200: listOf(S.timeEntrySchema), ...errorResponses },
      },
    },
    async (req) => listTimeEntries(ctx, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/projects/:id/time-entries',
    {
      schema: {
        tags,
        summary: "Record one's week on a project (provider staff; awaits the project owner's approval)",
        params: idParams,
        body: S.timeEntryCreate,
        response: { 201: S.timeEntrySchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createTimeEntry(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/time-entries/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve or reject a submitted time entry',
        params: idParams,
        body: S.timeEntryDecision,
        response: { 200: S.timeEntrySchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req) => decideTimeEntry(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/workload',
    {
      schema: {
        tags,
        summary: 'Planned and approved person-days per month, by team or by commune, over the communes in scope',
        querystring: S.workloadQuery,
        response: { 200: S.workloadSchema, ...errorResponses },
      },
    },
    async (req) => workload(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/projects/:id/tickets',
    {
      schema: {
        tags,
        summary: 'The tickets linked to a project (those the caller may see)',
        params: idParams,
        response: { 200: listOf(S.projectTicketSchema), ...errorResponses },
      },
    },
    async (req) => listProjectTickets(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/projects/:id/tickets',
    {
      schema: {
        tags,
        summary: "Link a ticket of the project's commune to the project",
        description: 'A ticket the caller cannot see, or of another commune, is refused on the field `ticket` (400).',
        params: idParams,
        body: S.projectTicketLink,
        response: { 201: S.projectTicketSchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await linkTicket(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/projects/:id/tickets/:ticketId',
    {
      schema: {
        tags,
        summary: 'Unlink a ticket from a project (the ticket is untouched)',
        params: S.projectTicketParams,
        response: { 204: z.null().describe('Unlinked'), ...errorResponses },
      },
    },
    async (req, reply) => {
      await unlinkTicket(ctx, actorOf(req), req.params.id, req.params.ticketId);
      return noContent(reply);
    },
  );

  app.get(
    '/api/v1/projects/:id/documents',
    {
      schema: {
        tags,
        summary: "A project's documents, latest first",
        params: idParams,
        response: { 200: listOf(S.projectDocumentSchema), ...errorResponses },
      },
    },
    async (req) => listDocuments(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/projects/:id/documents',
    {
      schema: {
        tags,
        summary: 'Add a document to a project (multipart/form-data, field `file`)',
        params: idParams,
        consumes: ['multipart/form-data'],
        body: uploadBody,
        description:
          'Size limit MAX_UPLOAD_BYTES (413); type decided from the content against the attachments allow-list (415).',
        response: { 201: S.projectDocumentSchema, ...errorResponses, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const file = await readUpload(req, ctx.config.maxUploadBytes);
      return reply.status(201).send(await addDocument(ctx, actor, req.params.id, file));
    },
  );
  app.get(
    '/api/v1/project-documents/:id',
    {
      schema: {
        tags,
        summary: 'Download a project document (always as a download, nosniff)',
        params: idParams,
        response: { 200: fileResponse(attachmentMediaTypes, 'The file, as a download'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const d = await openDocument(ctx, actorOf(req), req.params.id);
      return reply
        .type(d.contentType)
        .header('content-length', String(d.size))
        .header(
          'content-disposition',
          `attachment; filename="${d.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(d.filename)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(d.stream);
    },
  );
  app.delete(
    '/api/v1/project-documents/:id',
    {
      schema: {
        tags,
        summary: 'Delete a project document',
        params: idParams,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteDocument(ctx, actorOf(req), req.params.id);
      return noContent(reply);
    },
  );

  app.get(
    '/api/v1/projects/:id/owner-candidates',
    {
      schema: {
        tags,
        summary: "Who may own the project: the commune's active users and the provider staff",
        params: idParams,
        response: { 200: S.ownerCandidatesSchema, ...errorResponses },
      },
    },
    async (req) => ownerCandidates(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/project-phases',
    {
      schema: {
        tags,
        summary: 'The phases a new project starts with (the annex sub-domain B list unless configured)',
        response: { 200: S.phaseListSchema, ...errorResponses },
      },
    },
    async (req) => getPhaseList(ctx, actorOf(req)),
  );
  app.put(
    '/api/v1/project-phases',
    {
      schema: {
        tags,
        summary: 'Configure the phases a new project starts with (shared service; existing projects keep theirs)',
        body: S.phaseListSchema,
        response: { 200: S.phaseListSchema, ...errorResponses },
      },
    },
    async (req) => putPhaseList(ctx, actorOf(req), req.body),
  );
}
