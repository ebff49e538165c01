import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import { createDevice, getDevice, listDevices, updateDevice } from './service';
import { importDevices } from './import';
import { receiveInventory } from './inventory';
import { getRenewalPlan } from './plan-service';
import { getRenewalProgress } from './progress-service';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { alsoAs, fileResponse, mediaTypes, uploadBody } from '../../lib/openapi';
import {
  agentReplyXml,
  compressionOf,
  encodeReply,
  glpiContactReply,
  glpiInventoryReply,
  replyMediaTypes,
  wantsJson,
} from './agent-reply';
import { z } from 'zod';
import { exportDevices } from './export';
import { readUpload } from '../../lib/upload';
import { renewalPlanSchema } from './plan-schemas';
import { planRoutes } from './plan-routes';

/** The workstation fleet: devices, their history, imports, agent inventories, the renewal plan. */
export function fleetRoutes(app: App, ctx: AppContext): void {
  const tags = ['fleet'];
  app.get(
    '/api/v1/communes/:id/devices',
    {
      schema: {
        tags,
        summary: "A commune's devices (workstation fleet), searched, filtered and sorted",
        params: idParams,
        querystring: S.deviceQuery,
        response: { 200: S.deviceList, ...errorResponses },
      },
    },
    async (req) => listDevices(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/communes/:id/devices/export',
    {
      schema: {
        tags,
        summary: "A commune's devices as a CSV or XLSX file, with the list's filters and order",
        description:
          'Every device matching kind, status, q, entityId, renewedIn, inServiceAt (no page), sorted by `sort`. Text cells starting with = + - @ are prefixed with an apostrophe (no formula). The headers are the import’s: the file re-imports as is.',
        params: idParams,
        querystring: S.deviceExportQuery,
        response: {
          200: fileResponse(['text/csv', mediaTypes.xlsx], 'The device list (CSV or XLSX, as asked)'),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const f = await exportDevices(ctx, actorOf(req), req.params.id, req.query);
      return reply
        .header('content-type', f.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${f.filename.replace(/[^\w.@-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(f.data);
    },
  );
  app.post(
    '/api/v1/communes/:id/devices',
    {
      schema: {
        tags,
        summary: 'Add a device to a commune’s fleet',
        params: idParams,
        body: S.deviceCreate,
        response: { 201: S.deviceDetailSchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createDevice(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/devices/:id',
    {
      schema: {
        tags,
        summary: 'A device with its history',
        params: idParams,
        response: { 200: S.deviceDetailSchema, ...errorResponses },
      },
    },
    async (req) => getDevice(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/devices/:id',
    {
      schema: {
        tags,
        summary: 'Change a device (status, assignment, dates …); the change is kept in its history',
        params: idParams,
        body: S.devicePatch,
        response: { 200: S.deviceDetailSchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req) => updateDevice(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/communes/:id/devices/import',
    {
      schema: {
        tags,
        summary: 'Import devices from a CSV or XLSX file (multipart/form-data, field `file`)',
        description:
          'Rows are matched to devices by serial, then inventory number; `dryRun=true` answers the validation report without writing. Re-importing the same file changes nothing.',
        params: idParams,
        querystring: S.importQuery,
        consumes: ['multipart/form-data'],
        body: uploadBody,
        response: { 200: S.importReportSchema, ...errorResponses, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const file = await readUpload(req, ctx.config.maxUploadBytes);
      return importDevices(ctx, actor, req.params.id, file, req.query);
    },
  );

  app.get(
    '/api/v1/communes/:id/renewal-plan',
    {
      schema: {
        tags,
        summary:
          'The renewal plan of a year: how many devices the contract’s share asks for, which ones first, what it costs',
        params: idParams,
        querystring: S.planQuery,
        response: { 200: renewalPlanSchema, ...errorResponses },
      },
    },
    async (req) => getRenewalPlan(ctx, actorOf(req), req.params.id, req.query),
  );
  planRoutes(app, ctx);
  app.get(
    '/api/v1/communes/:id/fleet/renewal-progress',
    {
      schema: {
        tags,
        summary: 'Indicator 3.1.1 month by month: renewals cumulated against the share the contract asks, prorated',
        params: idParams,
        querystring: S.progressQuery,
        response: { 200: S.progressSchema, ...errorResponses },
      },
    },
    async (req) => getRenewalProgress(ctx, actorOf(req), req.params.id, req.query),
  );
  // The agent endpoint reads XML and compressed bodies too: its parsers stay in its own context.
  void app.register((child, _opts, done) => {
    for (const type of [
      'application/xml',
      'text/xml',
      'application/x-compress-zlib',
      'application/x-compress',
      'application/x-compress-gzip',
    ])
      child.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_req, body, next) =>
        next(null, body),
      );
    child.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/inventory',
      {
        config: { agentBasicAuth: true },
        schema: {
          tags,
          summary: 'Receive an inventory agent’s messages (token scoped to one commune, permission fleet.inventory)',
          description:
            'FusionInventory/OCS XML or GLPI Agent JSON (the envelope and the sections read are checked as glpi-project/inventory_format describes them: `deviceid`, `content.versionclient`, integer sizes, dates; a faulty field answers 400 with its path), plain or zlib/gzip-compressed. Authentication: `Authorization: Bearer <token>`, or HTTP Basic with the token as password (any user name) — what agents send with `--user agent --password <token>` after the 401 that names the realm. The OCS protocol is spoken: a PROLOG is answered `<REPLY><PROLOG_FREQ>24</PROLOG_FREQ><RESPONSE>SEND</RESPONSE></REPLY>`; so is the GLPI Agent one: a JSON `{"action":"contact"}` is answered `{"status":"ok","expiration":24,"tasks":{"inventory":{…}}}`, a JSON inventory with `status` and `expiration` beside the result; an XML INVENTORY gets a `<REPLY>` (compressed as the request was) unless `Accept: application/json` asks for the JSON result, which a JSON inventory always gets. The machine is matched by the agent’s device id, then its serial; a new machine joins the fleet. An inventory tagged (TAG) for another commune is refused (403).',
          consumes: [
            'application/json',
            'application/xml',
            'text/xml',
            'application/x-compress-zlib',
            'application/x-compress',
            'application/x-compress-gzip',
          ],
          body: S.inventoryBody,
          response: {
            200: alsoAs(
              z.union([S.inventoryResultSchema, S.glpiContactReplySchema]),
              Object.values(replyMediaTypes),
              'The agent protocol’s <REPLY> (XML, compressed as the request was)',
            ),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const answer = await receiveInventory(ctx, actorOf(req), req.body);
        if (answer.query === 'contact') return glpiContactReply();
        if (answer.query === 'inventory' && wantsJson(answer, req.headers.accept))
          return glpiInventoryReply(answer.result);
        const out = encodeReply(agentReplyXml(answer), compressionOf(req.headers['content-type']));
        // Bytes, not the JSON schema's object: fastify sends a Buffer as is, unserialised.
        return reply.header('content-type', out.type).send(out.data as never);
      },
    );
    done();
  });
}
