import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';
import { openTicket } from '../factories';
import { sample } from '../openapi-sample';

// No 5xx on bad input, checked by fuzzing the API from its own OpenAPI document: each run picks
// an operation, builds a valid request from its schemas, then spoils it (a character no database
// stores, the wrong type, an empty or unknown id, a missing field, an unknown key, a huge number,
// garbage instead of JSON or of a multipart body) and sends it as a user who may call it. Every
// answer must be below 500 — 503 (database busy) excepted — and an error answer must carry the
// API's error format. FUZZ_SEED and FUZZ_RUNS explore further.

interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Record<string, unknown> }>;
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
}

const nasty = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x'.repeat(5000),
  '%',
  '../../etc/passwd',
  '🙂',
  'null',
  '-1',
  '1e309',
  '2026-13-45',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '00000000-0000-7000-8000-000000000000',
];
/** encodeURIComponent, or the UTF-8 bytes percent-encoded for a string it refuses (a lone surrogate). */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

const wrongTypes: unknown[] = [null, 0, -1, 1e308, true, [], {}, ['x'], { a: 1 }];

type Mutation =
  | { kind: 'string'; value: string; target: number }
  | { kind: 'type'; value: unknown; target: number }
  | { kind: 'drop'; target: number }
  | { kind: 'extra' }
  | { kind: 'raw'; body: string; contentType: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('string' as const),
    value: fc.oneof(fc.constantFrom(...nasty), fc.string()),
    target: fc.nat(),
  }),
  fc.record({ kind: fc.constant('type' as const), value: fc.constantFrom(...wrongTypes), target: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('extra' as const) }),
  fc.record({
    kind: fc.constant('raw' as const),
    body: fc.constantFrom(
      '{',
      'not json',
      '[]',
      'null',
      '"x"',
      '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
    ),
    contentType: fc.constantFrom(
      'application/json',
      'multipart/form-data; boundary=x',
      'multipart/form-data',
      'text/plain',
    ),
  }),
);

describeEachDb('fuzzing the API from its OpenAPI document', (dialect) => {
  let t: TestApp;
  let operations: Operation[];
  let doc: Record<string, unknown>;
  const ids: Record<string, string> = {};
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    headers = await t.as('admin@mutualis.test');
    const ticket = await openTicket(t, 'agent@le-bouscat.test');
    const first = async (table: 'amendments' | 'annexVersions' | 'calendars' | 'oncallPeriods' | 'entities') =>
      (
        await t.app.ctx.db
          .selectFrom(table)
          .select('id')
          .where('communeId', '=', t.org.communes.leBouscat)
          .executeTakeFirstOrThrow()
      ).id;
    Object.assign(ids, {
      tickets: ticket.id as string,
      communes: t.org.communes.leBouscat,
      users: t.org.users['agent@le-bouscat.test']!,
      entities: await first('entities'),
      amendments: await first('amendments'),
      'annex-versions': await first('annexVersions'),
      calendars: await first('calendars'),
      oncall: await first('oncallPeriods'),
    });
    doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    operations = Object.entries(doc.paths as Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
      )
      // Signing out ends the session the fuzzer uses; everything else is fair game.
      .filter((op) => op.path !== '/api/v1/auth/logout');
  });
  afterAll(async () => {
    await t.close();
  });

  /** The request's slots a mutation may spoil: path and query parameters, then the body's top-level fields. */
  function build(op: Operation, m: Mutation) {
    const params: Record<string, string> = {};
    for (const name of op.path.match(/\{(\w+)\}/g) ?? []) {
      const key = name.slice(1, -1);
      const segment = /\/api\/v1\/([^/]+)\/\{id\}/.exec(op.path)?.[1] ?? '';
      params[key] =
        key === 'id'
          ? (ids[segment] ?? '00000000-0000-7000-8000-000000000000')
          : key === 'code'
            ? '3.3.1'
            : 'numerique';
    }
    const query: Record<string, unknown> = {};
    for (const p of op.parameters ?? []) if (p.in === 'query' && p.required) query[p.name] = sample(p.schema, doc);
    const schema = op.requestBody?.content?.['application/json']?.schema;
    let body = schema ? (sample(schema, doc) as Record<string, unknown> | undefined) : undefined;
    const slots: Array<{ get: () => unknown; set: (v: unknown) => void; drop: () => void }> = [
      ...Object.keys(params).map((k) => ({
        get: () => params[k],
        set: (v: unknown) => (params[k] = String(v)),
        drop: () => (params[k] = ''),
      })),
      ...(op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({
          get: () => query[p.name],
          set: (v: unknown) => (query[p.name] = v),
          drop: () => delete query[p.name],
        })),
      ...(body && typeof body === 'object'
        ? Object.keys(body).map((k) => ({
            get: () => body![k],
            set: (v: unknown) => (body![k] = v),
            drop: () => delete body![k],
          }))
        : []),
    ];
    let raw: { body: string; contentType: string } | undefined;
    if (m.kind === 'raw') raw = m;
    else if (m.kind === 'extra') body = { ...(body ?? {}), unexpected: { deep: ['x'] } };
    else if (slots.length) {
      const slot = slots[m.target % slots.length]!;
      if (m.kind === 'drop') slot.drop();
      else slot.set(m.value);
    }
    const path = op.path.replace(/\{(\w+)\}/g, (_s, k: string) => encode(params[k] ?? ''));
    const qs = Object.entries(query)
      .map(([k, v]) => `${encode(k)}=${encode(typeof v === 'string' ? v : JSON.stringify(v))}`)
      .join('&');
    return { url: qs ? `${path}?${qs}` : path, body, raw };
  }

  it('never answers 5xx (503 aside) to spoiled input, and answers errors in the API format', async () => {
    const seen: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutation, async (pick, m) => {
        const op = operations[pick % operations.length]!;
        const r = build(op, m);
        const res = await t.app.inject({
          method: op.method as 'GET',
          url: r.url,
          headers: {
            ...headers,
            ...(r.raw
              ? { 'content-type': r.raw.contentType }
              : r.body !== undefined
                ? { 'content-type': 'application/json' }
                : {}),
          },
          payload: r.raw ? r.raw.body : r.body === undefined ? undefined : JSON.stringify(r.body),
        });
        seen.push(`${op.method} ${op.path}`);
        const where = `${op.method} ${r.url.slice(0, 120)} (${JSON.stringify(m).slice(0, 120)})`;
        expect(
          res.statusCode >= 500 && res.statusCode !== 503,
          `${where} → ${res.statusCode} ${res.body.slice(0, 300)}`,
        ).toBe(false);
        if (res.statusCode >= 400) {
          const body = res.json() as { error?: { code?: unknown; message?: unknown } };
          expect(typeof body.error?.code, `${where}: ${res.body.slice(0, 200)}`).toBe('string');
          expect(typeof body.error?.message).toBe('string');
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500), seed: Number(process.env.FUZZ_SEED ?? 20261202) },
    );
    // The runs reached most of the API.
    expect(new Set(seen).size).toBeGreaterThan(operations.length * 0.8);
    // 1,500 requests, a few of them documents (PDF, DOCX) that take seconds on a busy 2-core machine.
  }, 180_000);
});
