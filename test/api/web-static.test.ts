import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { testConfig } from '../../src/server/config';
import { freshDatabase } from '../harness';
import type { App } from '../../src/server/lib/http';

// The built web app is served from WEB_DIR: files as they are on disk at each request (a rebuild
// while the server runs must not leave it serving 404s for the new hashed assets), client routes
// get index.html, and unknown API routes keep their JSON 404.
describe('web app static serving', () => {
  let dir: string;
  let app: App;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Mutualis</title><div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'console.log(1);');
    const fresh = await freshDatabase('sqlite');
    drop = fresh.drop;
    app = await buildApp(testConfig({ webDir: dir }), { database: fresh.database });
  });
  afterAll(async () => {
    await app.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves assets, including those written after the start', async () => {
    const first = await app.inject({ url: '/assets/app-1.js' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/javascript/);
    fs.writeFileSync(path.join(dir, 'assets', 'app-2.js'), 'console.log(2);');
    const rebuilt = await app.inject({ url: '/assets/app-2.js' });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.body).toBe('console.log(2);');
  });

  it('answers client routes with index.html and unknown API routes with JSON 404', async () => {
    const page = await app.inject({ url: '/tickets/123' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="root">');
    for (const url of ['/', '/?lang=en']) {
      const home = await app.inject({ url });
      expect(home.statusCode, url).toBe(200);
      expect(home.headers['content-type']).toMatch(/text\/html/);
      expect(home.headers['cache-control']).toBe('no-cache');
      expect(home.body).toContain('<div id="root">');
    }
    const staleAsset = await app.inject({ url: '/assets/app-0.js' });
    expect(staleAsset.statusCode).toBe(404);
    const api = await app.inject({ url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await app.inject({ url: '/api/v1/health' })).json()).toMatchObject({ status: 'ok' });
  });
});

// Browser-side defences and caching: a Content-Security-Policy on pages (scripts from the app
// only), none-at-all on API answers, no framing, HSTS over https behind a trusted proxy; hashed
// assets cached for a year, index.html revalidated, and compressed copies served to browsers
// that accept them.
describe('headers of the app and the API', () => {
  let dir: string;
  let app: App;
  let drop: () => Promise<void>;
  const js = 'console.log("mutualis");'.repeat(200);
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Mutualis</title><div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), js);
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(js));
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(js));
    const fresh = await freshDatabase('sqlite');
    drop = fresh.drop;
    app = await buildApp(testConfig({ webDir: dir, trustProxy: 1 }), { database: fresh.database });
  });
  afterAll(async () => {
    await app.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives pages a policy that allows scripts from the app only, and refuses framing', async () => {
    const page = await app.inject({ url: '/demandes' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) expect(csp).toContain(d);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('gives API answers a policy that allows nothing, and the docs page its own', async () => {
    const api = await app.inject({ url: '/api/v1/health' });
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    const docs = await app.inject({ url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    const docsCsp = String(docs.headers['content-security-policy']);
    expect(docsCsp).toContain("object-src 'none'");
    expect(docsCsp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('sends HSTS only over https (here, a trusted proxy saying so)', async () => {
    expect((await app.inject({ url: '/api/v1/health' })).headers['strict-transport-security']).toBeUndefined();
    const https = await app.inject({
      url: '/api/v1/health',
      headers: { 'x-forwarded-proto': 'https' },
      remoteAddress: '127.0.0.1',
    });
    expect(https.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });

  it('caches hashed assets for a year and serves their compressed copy', async () => {
    const br = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(js);
    const gz = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ url: '/assets/index-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
  });

  it('compresses API answers for clients that accept it', async () => {
    const big = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'br' } });
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString()).openapi).toBe('3.1.0');
  });
});
