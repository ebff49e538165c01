// Every response the API suite receives is checked against the OpenAPI document the server
// publishes: the status must be documented for the route, the media type too, and a JSON body
// must validate against the documented schema (JSON Schema 2020-12, as OpenAPI 3.1 uses).
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, Response> }>> };
type Response = { content?: Record<string, unknown> };

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Checks responses against a document; `problems` lists what did not match. */
export class ResponseChecker {
  readonly problems: string[] = [];
  private readonly ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction | null>();

  constructor(private readonly doc: Doc) {
    this.ajv.addSchema({ ...doc, $id: 'openapi' });
  }

  /** Records what is wrong with one response, if anything. */
  check(method: string, routeUrl: string, status: number, contentType: string, body: string | null): void {
    const path = routeUrl.replace(/:(\w+)/g, '{$1}');
    const op = this.doc.paths[path]?.[method.toLowerCase()];
    const where = `${method} ${path} → ${status}`;
    if (!op) return void this.problems.push(`${where}: the route is not in the document`);
    const res = op.responses?.[String(status)];
    if (!res) return void this.problems.push(`${where}: status not documented`);
    const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
    if (!res.content) {
      if (body) this.problems.push(`${where}: documented without a body, answered ${mediaType || 'a body'}`);
      return;
    }
    if (!mediaType)
      return void this.problems.push(`${where}: no content type, documented ${Object.keys(res.content).join(', ')}`);
    if (!(mediaType in res.content))
      return void this.problems.push(
        `${where}: answered ${mediaType}, documented ${Object.keys(res.content).join(', ')}`,
      );
    if (mediaType !== 'application/json' || body === null) return;
    const key = pointer(
      'paths',
      path,
      method.toLowerCase(),
      'responses',
      String(status),
      'content',
      mediaType,
      'schema',
    );
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.ajv.getSchema(`openapi#/${key}`) ?? null;
      this.compiled.set(key, validate);
    }
    if (!validate) return;
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      return void this.problems.push(`${where}: the body is not JSON`);
    }
    if (!validate(data))
      this.problems.push(
        `${where}: ${this.ajv.errorsText(validate.errors, { separator: '; ', dataVar: 'body' })} — ${body.slice(0, 200)}`,
      );
  }
}

/** Checks every response of the app against its own document (test harness). */
export function checkResponses(app: FastifyInstance): { problems: () => string[] } {
  let checker: ResponseChecker | null = null;
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/v1/')) return payload;
    checker ??= new ResponseChecker(app.swagger() as unknown as Doc);
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    const streamed =
      payload !== null && payload !== undefined && typeof payload === 'object' && !Buffer.isBuffer(payload);
    checker.check(
      req.method,
      url,
      reply.statusCode,
      String(reply.getHeader('content-type') ?? ''),
      streamed ? 'stream' : body === '' ? null : body,
    );
    return payload;
  });
  return { problems: () => checker?.problems ?? [] };
}
