import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams, listOf } from '../../lib/http';
import { uploadBody } from '../../lib/openapi';
import { readUpload } from '../../lib/upload';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import {
  applicationAvailability,
  applicationHistory,
  createApplication,
  createOutage,
  getApplication,
  getBaseline,
  getOutage,
  listApplications,
  listOutages,
  importBaseline,
  putBaseline,
  updateApplication,
  updateOutage,
} from './service';
import { receiveAlerts } from './alerts';
import { listAlertRules, putAlertRules, testAlertRules } from './alert-rules';
import { communeAvailability } from './availability';

/** The application portfolio, the transferred inventory, outages, availability, monitoring webhooks. */
export function applicationsRoutes(app: App, ctx: AppContext): void {
  const tags = ['applications'];
  app.get(
    '/api/v1/communes/:id/applications',
    {
      schema: {
        tags,
        summary: "A commune's business applications (the maintained portfolio), by name",
        params: idParams,
        querystring: S.applicationQuery,
        response: { 200: listOf(S.applicationSchema), ...errorResponses },
      },
    },
    async (req) => listApplications(ctx, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/communes/:id/applications',
    {
      schema: {
        tags,
        summary: 'Add an application to the portfolio',
        params: idParams,
        body: S.applicationCreate,
        response: { 201: S.applicationSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createApplication(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/applications/:id',
    {
      schema: {
        tags,
        summary: 'An application',
        params: idParams,
        response: { 200: S.applicationSchema, ...errorResponses },
      },
    },
    async (req) => getApplication(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/applications/:id',
    {
      schema: {
        tags,
        summary: 'Change an application (recorded in its history)',
        params: idParams,
        body: S.applicationPatch,
        response: { 200: S.applicationSchema, ...errorResponses },
      },
    },
    async (req) => updateApplication(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/applications/:id/history',
    {
      schema: {
        tags,
        summary: "An application's changes, oldest first",
        params: idParams,
        response: { 200: listOf(S.historyEntrySchema), ...errorResponses },
      },
    },
    async (req) => applicationHistory(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/applications/:id/availability',
    {
      schema: {
        tags,
        summary: "An application's downtime and availability over a period, on its outage clock",
        params: idParams,
        querystring: S.availabilityQuery,
        response: { 200: S.availabilitySchema, ...errorResponses },
      },
    },
    async (req) => applicationAvailability(ctx, actorOf(req), req.params.id, req.query.period),
  );
  app.get(
    '/api/v1/communes/:id/availability',
    {
      schema: {
        tags,
        summary:
          "A commune's applications (critical ones by default) with their downtime and availability over a period, least available first",
        params: idParams,
        querystring: S.communeAvailabilityQuery,
        response: { 200: S.communeAvailabilitySchema, ...errorResponses },
      },
    },
    async (req) => communeAvailability(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/communes/:id/application-baseline',
    {
      schema: {
        tags,
        summary: 'The transferred inventory annexed to the convention (the latest baseline)',
        params: idParams,
        response: { 200: S.baselineSchema, ...errorResponses },
      },
    },
    async (req) => getBaseline(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/communes/:id/application-baseline',
    {
      schema: {
        tags,
        summary: 'Record the transferred inventory as of a date (replaces the one of that date)',
        params: idParams,
        body: S.baselinePut,
        response: { 200: S.baselineSchema, ...errorResponses },
      },
    },
    async (req) => putBaseline(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/communes/:id/application-baseline/import',
    {
      schema: {
        tags,
        summary: 'Import the transferred inventory from a CSV or XLSX file (multipart/form-data, field `file`)',
        description:
          'Header row with the application column (nom, application, name, logiciel) and optionally the domain (domaine, domain); CSV `;`, `,` or tab separated (UTF-8 or Latin-1), or XLSX (first sheet). `dryRun=true` answers the preview (rows matched to the portfolio, problems by row and field) and writes nothing; otherwise a file with a problem is refused whole (400, one field `rows.<row>.<column>` per problem) and a clean one replaces the inventory of the same date.',
        params: idParams,
        querystring: S.baselineImportQuery,
        consumes: ['multipart/form-data'],
        body: uploadBody,
        response: { 200: S.baselineImportResultSchema, ...errorResponses, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req) =>
      importBaseline(ctx, actorOf(req), req.params.id, req.query, () => readUpload(req, ctx.config.maxUploadBytes)),
  );
  app.get(
    '/api/v1/communes/:id/outages',
    {
      schema: {
        tags,
        summary: "A commune's outages of applications, latest first",
        params: idParams,
        querystring: S.outageQuery,
        response: { 200: listOf(S.outageSchema), ...errorResponses },
      },
    },
    async (req) => listOutages(ctx, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/communes/:id/outages',
    {
      schema: {
        tags,
        summary: 'Record an outage by hand (e.g. from a P1 incident)',
        params: idParams,
        body: S.outageCreate,
        response: { 201: S.outageSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createOutage(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/outages/:id',
    {
      schema: { tags, summary: 'An outage', params: idParams, response: { 200: S.outageSchema, ...errorResponses } },
    },
    async (req) => getOutage(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/outages/:id',
    {
      schema: {
        tags,
        summary: "Record an outage's first intervention, restoration or cause",
        params: idParams,
        body: S.outagePatch,
        response: { 200: S.outageSchema, ...errorResponses },
      },
    },
    async (req) => updateOutage(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/communes/:id/alert-rules',
    {
      schema: {
        tags,
        summary: "A commune's rules mapping an alert label to an application, in order",
        params: idParams,
        response: { 200: listOf(S.alertRuleSchema), ...errorResponses },
      },
    },
    async (req) => listAlertRules(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/communes/:id/alert-rules',
    {
      schema: {
        tags,
        summary: "Replace a commune's alert label rules",
        params: idParams,
        body: S.alertRulesPut,
        response: { 200: listOf(S.alertRuleSchema), ...errorResponses },
      },
    },
    async (req) => putAlertRules(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/communes/:id/alert-rules/test',
    {
      schema: {
        tags,
        summary: "Which of the commune's applications an alert with these labels maps to, and by which rule",
        params: idParams,
        body: S.alertRuleTest,
        response: { 200: S.alertRuleTestResultSchema, ...errorResponses },
      },
    },
    async (req) => testAlertRules(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/integrations/alertmanager',
    {
      schema: {
        tags,
        summary:
          'Prometheus Alertmanager webhook (v4 payload): a firing alert opens one outage and one incident ticket, resolved records the restoration',
        body: S.alertmanagerPayload,
        response: { 200: S.alertResultSchema, ...errorResponses },
      },
    },
    async (req) => receiveAlerts(ctx, actorOf(req), req.body.alerts, 'alertmanager'),
  );
  app.post(
    '/api/v1/integrations/grafana',
    {
      schema: {
        tags,
        summary: 'Grafana alerting webhook: same handling as Alertmanager',
        body: S.alertmanagerPayload,
        response: { 200: S.alertResultSchema, ...errorResponses },
      },
    },
    async (req) => receiveAlerts(ctx, actorOf(req), req.body.alerts, 'grafana'),
  );
}
