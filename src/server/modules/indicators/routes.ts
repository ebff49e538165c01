import type { FastifyReply } from 'fastify';
import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams, listOf } from '../../lib/http';
import { readUpload } from '../../lib/upload';
import { fileResponse, mediaTypes, uploadBody } from '../../lib/openapi';
import { evidenceMediaTypes } from './evidence';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import {
  freezeIndicators,
  getIndicator,
  listIndicators,
  listIndicatorTickets,
  overview,
  setManualValue,
} from './service';
import { addEvidence, getEvidence } from './evidence';
import { exportDashboard, exportOverview, type ExportFile } from './export-service';
import { agreementRoutes } from './agreement-routes';

function sendFile(reply: FastifyReply, f: ExportFile) {
  return reply
    .header('content-type', f.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${f.filename.replace(/[^\w.@-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(f.data);
}

const xlsxFile = { 200: fileResponse([mediaTypes.xlsx], 'The XLSX workbook'), ...errorResponses };
const pdfFile = { 200: fileResponse([mediaTypes.pdf], 'The PDF document'), ...errorResponses };
const evidenceFile = { 200: fileResponse(evidenceMediaTypes, 'The evidence file'), ...errorResponses };

/** Indicators: dashboards, detail, drill-down, overview, snapshots, manual values, exports. */
export function indicatorRoutes(app: App, ctx: AppContext): void {
  const tags = ['indicators'];
  const base = '/api/v1/communes/:id/indicators';
  agreementRoutes(app, ctx);

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "A commune's indicators for a period",
        params: idParams,
        querystring: S.periodQuery,
        response: { 200: listOf(S.indicatorSchema), ...errorResponses },
      },
    },
    async (req) => listIndicators(ctx, actorOf(req), req.params.id, req.query.period),
  );

  app.get(
    `${base}/export.xlsx`,
    {
      schema: {
        tags,
        summary: "A commune's indicators as XLSX (one sheet per commitment, raw tickets)",
        params: idParams,
        querystring: S.periodQuery,
        response: xlsxFile,
      },
    },
    async (req, reply) =>
      sendFile(reply, await exportDashboard(ctx, actorOf(req), req.params.id, req.query.period, 'xlsx')),
  );

  app.get(
    `${base}/export.pdf`,
    {
      schema: {
        tags,
        summary: "A commune's indicators as PDF (tables and trend charts)",
        params: idParams,
        querystring: S.periodQuery,
        response: pdfFile,
      },
    },
    async (req, reply) =>
      sendFile(reply, await exportDashboard(ctx, actorOf(req), req.params.id, req.query.period, 'pdf')),
  );

  app.post(
    `${base}/freeze`,
    {
      schema: {
        tags,
        summary: "Freeze the period's measurements as immutable snapshots",
        params: idParams,
        querystring: S.periodQuery,
        body: S.freezeBody,
        response: { 200: listOf(S.indicatorSchema), 409: errorResponses[404], ...errorResponses },
      },
    },
    async (req) => freezeIndicators(ctx, actorOf(req), req.params.id, req.query.period, req.body?.codes),
  );

  app.get(
    `${base}/:code`,
    {
      schema: {
        tags,
        summary: 'One indicator with trend, pieces and details',
        params: S.codeParams,
        querystring: S.periodQuery,
        response: { 200: S.indicatorSchema, ...errorResponses },
      },
    },
    async (req) => getIndicator(ctx, actorOf(req), req.params.id, req.params.code, req.query.period),
  );

  app.get(
    `${base}/:code/tickets`,
    {
      schema: {
        tags,
        summary: 'The tickets behind an indicator (drill-down)',
        params: S.codeParams,
        querystring: S.drillQuery,
        response: { 200: listOf(S.drillTicketSchema), ...errorResponses },
      },
    },
    async (req) => listIndicatorTickets(ctx, actorOf(req), req.params.id, req.params.code, req.query),
  );

  app.put(
    `${base}/:code/manual`,
    {
      schema: {
        tags,
        summary: 'Enter the manual value of an indicator without a computable rule',
        params: S.codeParams,
        querystring: S.periodQuery,
        body: S.manualBody,
        response: { 200: S.indicatorSchema, 409: errorResponses[404], ...errorResponses },
      },
    },
    async (req) => setManualValue(ctx, actorOf(req), req.params.id, req.params.code, req.query.period, req.body),
  );

  app.post(
    `${base}/:code/manual/evidence`,
    {
      schema: {
        tags,
        summary: 'Attach an evidence file (multipart, field "file") to a manual value',
        params: S.codeParams,
        querystring: S.periodQuery,
        consumes: ['multipart/form-data'],
        body: uploadBody,
        response: { 201: S.evidenceSchema, ...errorResponses, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const file = await readUpload(req, ctx.config.maxUploadBytes);
      return reply
        .status(201)
        .send(await addEvidence(ctx, actor, req.params.id, req.params.code, req.query.period, file));
    },
  );

  app.get(
    '/api/v1/indicator-evidence/:id',
    { schema: { tags, summary: 'Download an evidence file', params: idParams, response: evidenceFile } },
    async (req, reply) => {
      const f = await getEvidence(ctx, actorOf(req), req.params.id);
      return sendFile(reply, { filename: f.filename, contentType: f.contentType, data: f.data });
    },
  );

  app.get(
    '/api/v1/indicators/overview',
    {
      schema: {
        tags,
        summary: 'Communes side by side (director, contract manager)',
        querystring: S.periodQuery,
        response: { 200: S.overviewSchema, ...errorResponses },
      },
    },
    async (req) => overview(ctx, actorOf(req), req.query.period),
  );

  app.get(
    '/api/v1/indicators/overview/export.xlsx',
    { schema: { tags, summary: 'Communes side by side as XLSX', querystring: S.periodQuery, response: xlsxFile } },
    async (req, reply) => sendFile(reply, await exportOverview(ctx, actorOf(req), req.query.period, 'xlsx')),
  );

  app.get(
    '/api/v1/indicators/overview/export.pdf',
    { schema: { tags, summary: 'Communes side by side as PDF', querystring: S.periodQuery, response: pdfFile } },
    async (req, reply) => sendFile(reply, await exportOverview(ctx, actorOf(req), req.query.period, 'pdf')),
  );
}
