import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// WORKERS=2 on SQLite: a primary prepares the database, two HTTP workers share the port and the
// database file. Sessions are in the database (any worker serves any request) and concurrent
// writes from both processes wait their turn (BEGIN IMMEDIATE) instead of failing.
const root = path.resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('several worker processes on one SQLite database', () => {
  let child: ChildProcess;
  let base: string;
  let dir: string;
  let output = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-workers-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/server.ts')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        WORKERS: '2',
        LOG_LEVEL: 'warn',
        MUTUALIS_SCHEDULER: '0',
        WEB_DIR: '/nonexistent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.stderr!.on('data', (b: Buffer) => {
      output += b.toString();
    });
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${base}/api/v1/health`)).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`server did not start:\n${output}`);
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves one session from both workers and commits concurrent creations from both', async () => {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: 'agent@le-bouscat.test', password: 'mutualis-demo' }),
    });
    expect(login.status).toBe(200);
    const headers = {
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
      origin: base,
      'content-type': 'application/json',
    };
    const body = (i: number) =>
      JSON.stringify({
        type: 'incident',
        title: `Poste ${i} bloqué`,
        description: 'Écran noir au démarrage',
        impact: 'low',
        urgency: 'medium',
        channel: 'portal',
      });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${base}/api/v1/tickets`, { method: 'POST', headers, body: body(i) }).then(async (r) => ({
          status: r.status,
          json: (await r.json()) as { reference?: string },
        })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));
    expect(new Set(results.map((r) => r.json.reference)).size).toBe(40);
    const list = await fetch(`${base}/api/v1/tickets?q=bloqué&limit=100`, { headers });
    expect(((await list.json()) as { total: number }).total).toBeGreaterThanOrEqual(40);
    // No worker crashed nor hit a lock error on the way.
    expect(output).not.toMatch(/SQLITE_BUSY|exited/);
  }, 60_000);

  it('stops on SIGTERM: the workers end, then the primary, with exit code 0', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${base}/api/v1/health`)).rejects.toThrow();
  }, 40_000);
});

function run(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/server.ts')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: '',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        MUTUALIS_SCHEDULER: '0',
        MUTUALIS_DEMO: '0',
        WEB_DIR: '/nonexistent',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.stderr!.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the primary process', () => {
  it('refuses a WORKERS value it cannot honour, in one line', async () => {
    const { code, output } = await run({
      WORKERS: 'Infinity',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-workers-')),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/Mutualis cannot start: WORKERS must be "auto" or an integer from 1 to \d+/);
  }, 30_000);
});
