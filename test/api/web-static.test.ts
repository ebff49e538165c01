import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
