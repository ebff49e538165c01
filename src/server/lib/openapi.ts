import { z } from 'zod';

/**
 * Makes the OpenAPI document say exactly what each route accepts and answers (fastify-swagger
 * builds it from the routes' zod schemas; this finishes it): files as files, uploads as
 * multipart bodies, 204 without a body, every status the server really answers, an operationId
 * per operation, tags described. A test lints the result with an external linter and validates
 * every response of the API suite against it.
 */

export const mediaTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Marks a response as a file of these media types (PDF, DOCX, XLSX, an attachment of any type). */
export function fileResponse(mediaTypes: readonly string[], description: string) {
  return z.any().meta({ description, 'x-mutualis-file': [...mediaTypes] });
}

/** A JSON response that may also come as other media types (an agent protocol's XML reply …). */
export function alsoAs<T extends z.ZodType>(schema: T, mediaTypes: readonly string[], note: string): T {
  return schema.meta({ 'x-mutualis-also': [...mediaTypes], 'x-mutualis-also-note': note });
}

/** The body of an upload route: multipart/form-data with one `file` field (read by lib/upload.ts). */
export const uploadBody = z.any().meta({
  description: 'multipart/form-data with one file in the field `file`',
  'x-mutualis-upload': 'file',
});

/** What each tag of the API covers. */
export const apiTags = [
  { name: 'system', description: 'Liveness and database check' },
  { name: 'auth', description: 'Sign-in, sessions and the signed-in user' },
  { name: 'organisation', description: 'Communes, their sub-entities and users' },
  { name: 'tokens', description: 'API tokens for integrations' },
  { name: 'audit', description: 'Who changed what, and when' },
  { name: 'contracts', description: 'Commitment contracts, annex versions, amendments and their documents' },
  { name: 'calendars', description: 'Business calendars, deadlines and business time' },
  { name: 'on-call', description: 'On-call rosters (astreintes)' },
  { name: 'service desk', description: 'Tickets, replies, attachments, history, catalogue and priority matrix' },
  { name: 'escalations', description: 'Escalation directory, escalations and service-level alert settings' },
  { name: 'notifications', description: 'Email notifications and notification preferences' },
  { name: 'inbox', description: 'In-app notifications of the signed-in person (the bell): list, mark read' },
  { name: 'mail', description: 'Inbound mailboxes and mail held for review' },
  { name: 'indicators', description: 'Contract indicators per commune and period, snapshots, manual values, exports' },
  { name: 'scheduler', description: 'Background jobs' },
  {
    name: 'applications',
    description: 'Business applications, the transferred inventory, outages, availability and monitoring webhooks',
  },
  { name: 'projects', description: "The commune's digital plan, its projects, time entries and workload" },
  { name: 'fleet', description: 'Workstation fleet: devices, imports, agent inventories, renewal plan' },
];

type Json = Record<string, unknown>;
type Operation = {
  operationId?: string;
  parameters?: Array<{ in: string }>;
  requestBody?: { content?: Record<string, { schema?: Json }>; required?: boolean };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
  security?: unknown[];
  tags?: string[];
};

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const camel = (s: string) =>
  s
    .replace(/\.(\w+)$/, ' $1')
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map(upperFirst)
    .join('');

/** The singular of a collection's name (tickets → ticket, entities → entity, mailboxes → mailbox). */
function singular(s: string): string {
  if (/ies$/.test(s)) return s.replace(/ies$/, 'y');
  if (/(x|ch|sh|ss)es$/.test(s)) return s.replace(/es$/, '');
  return s.endsWith('s') && !s.endsWith('ss') ? s.slice(0, -1) : s;
}

/**
 * A stable verb-noun operationId from the method and path: `GET /tickets` → listTickets,
 * `GET /tickets/{id}` → getTicket, `POST /tickets/{id}/comments` → createTicketComments,
 * `GET /communes/{id}/contract/document.pdf` → getCommuneContractDocumentPdf.
 */
export function operationIdOf(method: string, path: string): string {
  const segments = path.replace(/^\/api\/v1\//, '').split('/');
  const last = segments.at(-1) ?? '';
  const nouns = segments
    .map((s, i) => {
      if (s.startsWith('{')) return '';
      // A collection followed by its {id} names one object of it.
      const next = segments[i + 1];
      return next?.startsWith('{') ? singular(s) : s;
    })
    .filter(Boolean)
    .map(camel)
    .join('');
  const item = last.startsWith('{');
  const verb =
    method === 'get'
      ? item || /\.(pdf|docx|xlsx)$/.test(last)
        ? 'get'
        : 'list'
      : method === 'post'
        ? 'create'
        : method === 'put'
          ? 'replace'
          : method === 'patch'
            ? 'update'
            : 'delete';
  return verb + nouns;
}

const errorRef = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });

/** Statuses the framework answers whatever the route: documented on every operation they apply to. */
function addFrameworkResponses(op: Operation, method: string, hasPathParams: boolean): void {
  const r = (op.responses ??= {});
  if (hasPathParams) r['414'] ??= errorResponse('A path parameter is longer than allowed');
  if (op.requestBody) {
    r['413'] ??= errorResponse('The body (or the file) is larger than allowed');
    r['415'] ??= errorResponse('The body is not of a media type the route accepts');
  }
  if (method !== 'get') r['409'] ??= errorResponse('Conflicts with the current state (an object that already exists…)');
  if (op.security?.length !== 0) r['401'] ??= errorResponse('Not signed in, or the token is invalid');
  r['400'] ??= errorResponse('Invalid input: every bad field is listed');
  r['503'] ??= errorResponse('The database is busy: nothing was kept; retry after Retry-After seconds');
}

/** Rewrites the markers of fileResponse/uploadBody and the 204s into what the routes really exchange. */
function fixBodies(op: Operation): void {
  for (const [status, res] of Object.entries(op.responses ?? {})) {
    const schema = res.content?.['application/json']?.schema;
    const files = schema?.['x-mutualis-file'] as string[] | undefined;
    if (files) {
      res.description = (schema?.description as string | undefined) ?? res.description ?? 'The file';
      res.content = Object.fromEntries(files.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }]));
    } else if (schema?.['x-mutualis-also']) {
      const also = schema['x-mutualis-also'] as string[];
      const note = schema['x-mutualis-also-note'] as string;
      delete schema['x-mutualis-also'];
      delete schema['x-mutualis-also-note'];
      for (const t of also) res.content![t] = { schema: { type: 'string', contentMediaType: t, description: note } };
    } else if (status === '204') {
      delete res.content;
      res.description ??= 'Done; no content';
    }
    res.description ??= status.startsWith('2') ? 'Success' : 'Error';
  }
  const body = op.requestBody?.content?.['application/json']?.schema;
  if (body?.['x-mutualis-upload']) {
    op.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The file' },
            },
            required: ['file'],
          },
        },
      },
    };
  }
}

/** The finished document (fastify-swagger's transformObject). */
export function finishOpenApi<T extends Json>(doc: T): T {
  const paths = (doc.paths ?? {}) as Record<string, Partial<Record<(typeof methods)[number], Operation>>>;
  const d = doc as Json & { components?: { schemas?: Record<string, unknown> } };
  const components = (d.components ??= {});
  (components.schemas ??= {}).Error = {
    type: 'object',
    description: 'Error',
    properties: {
      error: {
        type: 'object',
        properties: {
          code: { type: 'string', description: 'Stable machine-readable error code' },
          message: { type: 'string', description: 'Human-readable explanation' },
          details: { description: 'For 400: {"fields": [{"field", "code", "message", "params"}]}' },
        },
        required: ['code', 'message'],
      },
    },
    required: ['error'],
  };
  for (const [path, item] of Object.entries(paths)) {
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      op.operationId ??= operationIdOf(method, path);
      fixBodies(op);
      addFrameworkResponses(op, method, path.includes('{'));
    }
  }
  return { ...doc, tags: apiTags, servers: [{ url: '/', description: 'This server' }] };
}
