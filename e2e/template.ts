import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { root } from './build';

/**
 * The demo database every browser-test server starts from, seeded once per run: a server started
 * on an empty data folder loads the demo (two years of tickets, fleets, projects …), which each spec
 * file's server used to do again. Here one server seeds a folder and stops; each spec copies the
 * folder (startApp) and its server finds the demo already there.
 */
export async function makeDemoTemplate(webDir: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-e2e-template-'));
  const port = await new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    WEB_DIR: webDir,
    MUTUALIS_DEMO: '1',
    MUTUALIS_SCHEDULER: '0',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/server.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The template server exited (${child.exitCode}):\n${log}`);
      if (Date.now() > deadline) throw new Error(`The template server did not start:\n${log}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    // A clean stop closes the database (its write-ahead log checkpointed) before the folder is copied.
    const exited = new Promise((r) => child.once('exit', r));
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  return dir;
}
