import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams, listOf } from '../../lib/http';
import { fileResponse, mediaTypes } from '../../lib/openapi';
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
}
