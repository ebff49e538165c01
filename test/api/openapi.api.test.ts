import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../harness';
import { operationIdOf } from '../../src/server/lib/openapi';

// The OpenAPI document tells the truth: an external linter (Redocly CLI, recommended rules) finds
// nothing in it; the API suite validates every response against it (test/openapi-check.ts).
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: {
    openapi: string;
    servers?: unknown[];
    tags?: Array<{ name: string; description?: string }>;
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  beforeAll(async () => {
    t = await makeTestApp('sqlite');
    doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  });
  afterAll(async () => {
    await t.close();
  });

  it('passes Redocly’s recommended rules without an error or a warning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const cli = path.resolve(import.meta.dirname, '../../node_modules/.bin/redocly');
    const run = spawnSync(cli, ['lint', file, '--format=json'], { encoding: 'utf8', cwd: dir });
    fs.rmSync(dir, { recursive: true, force: true });
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; message: string }>;
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('is OpenAPI 3.1 with servers, described tags, and a unique operationId on every operation', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers?.length).toBeGreaterThan(0);
    const used = new Set(
      Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => op.tags as string[])),
    );
    for (const tag of used) expect(doc.tags?.find((x) => x.name === tag)?.description, tag).toBeTruthy();
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId as string));
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['get', '/api/v1/tickets', 'listTickets'],
    ['get', '/api/v1/tickets/{id}', 'getTicket'],
    ['post', '/api/v1/tickets/{id}/comments', 'createTicketComments'],
    ['get', '/api/v1/communes/{id}/contract/document.pdf', 'getCommuneContractDocumentPdf'],
    ['delete', '/api/v1/entities/{id}', 'deleteEntity'],
  ])('names %s %s %s', (method, p, id) => {
    expect(operationIdOf(method, p)).toBe(id);
  });

  it('documents files as files, uploads as multipart bodies, anonymous routes as such, 204 without a body', () => {
    const pdf = doc.paths['/api/v1/amendments/{id}/document.pdf']!.get!.responses as Record<
      string,
      { content?: object }
    >;
    expect(Object.keys(pdf['200']!.content!)).toEqual(['application/pdf']);
    const upload = doc.paths['/api/v1/tickets/{id}/attachments']!.post!.requestBody as { content: object };
    expect(Object.keys(upload.content)).toEqual(['multipart/form-data']);
    expect(doc.paths['/api/v1/health']!.get!.security).toEqual([]);
    expect(doc.paths['/api/v1/auth/login']!.post!.security).toEqual([]);
    const deleted = doc.paths['/api/v1/entities/{id}']!.delete!.responses as Record<string, { content?: object }>;
    expect(deleted['204']!.content).toBeUndefined();
    const statuses = Object.keys(doc.paths['/api/v1/tickets/{id}']!.patch!.responses as object);
    for (const s of ['400', '401', '403', '404', '409', '413', '414', '415', '503']) expect(statuses).toContain(s);
  });
});
