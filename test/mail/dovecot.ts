import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

/**
 * A real IMAP server for the tests: Debian's Dovecot (`apt-get install -y dovecot-imapd`),
 * started in the foreground with a throw-away configuration in a temporary directory:
 * 127.0.0.1 on a free port, plaintext login, users from a passwd-file, Maildir storage in the
 * directory. Dovecot refuses to run its login and mail processes as root, so they run as the
 * `dovenull`/`dovecot` system users the package creates (the directory is handed to them).
 */
export interface DovecotServer {
  host: string;
  port: number;
  user: string;
  pass: string;
  dir: string;
  /** Adds a raw RFC 5322 message to a folder (default INBOX), as a mail delivery would. */
  append(raw: string, folder?: string): Promise<void>;
  /** The flags of every message of a folder, by Message-ID. */
  flags(folder?: string): Promise<Array<{ messageId: string; flags: string[] }>>;
  /** Message count of a folder. */
  count(folder?: string): Promise<number>;
  stop(): Promise<void>;
}

/** True when Dovecot is installed here. */
export function dovecotAvailable(): boolean {
  return spawnSync('sh', ['-c', 'command -v dovecot'], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`Dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts Dovecot with one mailbox user; stop() kills it and removes the directory. */
export async function startDovecot(opts: { user?: string; pass?: string } = {}): Promise<DovecotServer> {
  if (!dovecotAvailable())
    throw new Error(
      'Dovecot is not installed: `apt-get install -y dovecot-imapd` (docs/testing.md; .ci/run installs it).',
    );
  const user = opts.user ?? 'support@mutualis.test';
  const pass = opts.pass ?? 'imap-test-secret';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const mail = path.join(dir, 'mail');
  fs.mkdirSync(mail);
  fs.mkdirSync(path.join(dir, 'run'));
  fs.mkdirSync(path.join(dir, 'state'));
  const root = process.getuid?.() === 0;
  const mailUser = root ? 'dovecot' : os.userInfo().username;
  if (root) spawnSync('chown', ['-R', 'dovecot:dovecot', mail]);
  fs.writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${pass}\n`);
  const port = await freePort();
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `instance_name = mutualis-test-${port}`,
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `log_path = ${dir}/dovecot.log`,
      root ? 'default_internal_user = dovecot' : `default_internal_user = ${mailUser}`,
      root ? 'default_internal_group = dovecot' : `default_internal_group = ${os.userInfo().username}`,
      root ? 'default_login_user = dovenull' : `default_login_user = ${mailUser}`,
      `mail_location = maildir:${mail}/%u`,
      'first_valid_uid = 1',
      'service imap-login {',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '  chroot =',
      '}',
      'service anvil {',
      '  chroot =',
      '}',
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${dir}/users`,
      '}',
      'userdb {',
      '  driver = static',
      `  args = uid=${mailUser} gid=${root ? 'dovecot' : os.userInfo().username} home=${mail}/%u`,
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('dovecot', ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  try {
    await waitForPort(port, 10_000);
  } catch (err) {
    child.kill('SIGKILL');
    const log = fs.existsSync(path.join(dir, 'dovecot.log'))
      ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8')
      : '';
    throw new Error(`${(err as Error).message}\n${output}\n${log}`, { cause: err });
  }

  const client = async <T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass },
      logger: false,
    });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout().catch(() => undefined);
    }
  };

  return {
    host: '127.0.0.1',
    port,
    user,
    pass,
    dir,
    append: (raw, folder = 'INBOX') =>
      client(async (c) => {
        if (folder !== 'INBOX') await c.mailboxCreate(folder).catch(() => undefined);
        await c.append(folder, raw);
      }),
    flags: (folder = 'INBOX') =>
      client(async (c) => {
        const lock = await c.getMailboxLock(folder);
        const out: Array<{ messageId: string; flags: string[] }> = [];
        try {
          for await (const m of c.fetch('1:*', { envelope: true, flags: true }))
            out.push({ messageId: m.envelope?.messageId ?? '', flags: [...(m.flags ?? [])] });
        } catch {
          // An empty folder has no 1:*.
        } finally {
          lock.release();
        }
        return out;
      }),
    count: (folder = 'INBOX') =>
      client(async (c) => {
        const s = await c.status(folder, { messages: true }).catch(() => null);
        return s ? (s.messages ?? 0) : 0;
      }),
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
