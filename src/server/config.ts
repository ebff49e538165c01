import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Everything the server reads from its environment, parsed and validated once, here. No other
 * file of the server reads `process.env` (a lint rule says so); docs/configuration.md lists every
 * variable (a test checks the two agree).
 */
export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded database and uploaded files. */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; otherwise SQLite under `dataDir`. */
  databaseUrl: string | null;
  /**
   * Named prepared statements on PostgreSQL (`PG_PREPARED_STATEMENTS`, default on); off for a
   * connection pooler in transaction mode that cannot keep them (PgBouncer before 1.21).
   */
  preparedStatements: boolean;
  /** Fill an empty database with the demo data. */
  demo: boolean;
  /** Public origin(s) the app is served from, besides the request's own Host. */
  publicOrigins: string[];
  /**
   * Which proxies in front are trusted for `X-Forwarded-*` (client address, https): none (false),
   * a number of hops, or their addresses (IPs or CIDR ranges). Never "trust everyone": a
   * client-chosen `X-Forwarded-For` would then pick the address the rate limits count.
   */
  trustProxy: false | number | string[];
  /** Serve the built web app from this folder when it exists. */
  webDir: string;
  sessionTtlHours: number;
  logLevel: string;
  /** Run scheduled jobs (warnings, escalations, mail polling) in this process. */
  scheduler: boolean;
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    user?: string;
    pass?: string;
    from: string;
    /** Accept a relay's self-signed certificate. */
    tlsInsecure: boolean;
  } | null;
  /** Hosts inbound mailboxes may connect to (lib/host-guard.ts). */
  mailboxHosts: { allow: string[]; allowPrivate: boolean };
  /** The shared inbound mailbox (per-commune mailboxes live in the database). */
  imap: {
    host: string;
    port: number;
    user: string;
    pass: string;
    tls: boolean;
    folder: string;
    processedFolder: string | null;
    /** `require` holds mail whose sender the receiving server did not authenticate; `record` keeps the verdict only. */
    senderAuth: 'require' | 'record';
    /** Our MTA's authserv-id in Authentication-Results; null: the topmost header is read. */
    authservId: string | null;
  } | null;
  /** Accept an IMAP server's self-signed certificate (shared and per-commune mailboxes). */
  imapTlsInsecure: boolean;
  /** Seconds between two reads of the inbound mailboxes. */
  mailPollSeconds: number;
  /** Days after resolution before an unanswered satisfaction survey is recalled (once). */
  surveyReminderDays: number;
  maxUploadBytes: number;
  /** HTTP worker processes (`WORKERS`, default 1); with more than one, a primary process forks them. */
  workers: number;
  /** This worker's index among the HTTP workers (set by the primary); 0 in a single process. */
  workerIndex: number;
}

/** A setting the server cannot start with; the message names the variable and what it accepts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from environment variables and command-line flags. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const smtpSecure = parseSwitch('SMTP_SECURE', env.SMTP_SECURE, false);
  const imapTls = parseSwitch('IMAP_TLS', env.IMAP_TLS, true);
  return {
    port: parseInteger('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.startsWith('postgres') ? env.DATABASE_URL : null,
    preparedStatements: parseSwitch('PG_PREPARED_STATEMENTS', env.PG_PREPARED_STATEMENTS, true),
    demo: !argv.includes('--no-demo') && parseSwitch('MUTUALIS_DEMO', env.MUTUALIS_DEMO, true),
    publicOrigins: parseOrigins(env.PUBLIC_URL),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    webDir: path.resolve(env.WEB_DIR || 'dist/web'),
    sessionTtlHours: parseInteger('SESSION_TTL_HOURS', env.SESSION_TTL_HOURS, 12, 1, 24 * 365),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    scheduler: parseSwitch('MUTUALIS_SCHEDULER', env.MUTUALIS_SCHEDULER, true),
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: parseInteger('SMTP_PORT', env.SMTP_PORT, smtpSecure ? 465 : 587, 1, 65535),
          secure: smtpSecure,
          user: env.SMTP_USER || undefined,
          pass: env.SMTP_PASS,
          from: env.MAIL_FROM || 'Mutualis <support@mutualis.test>',
          tlsInsecure: parseSwitch('SMTP_TLS_INSECURE', env.SMTP_TLS_INSECURE, false),
        }
      : null,
    imap:
      env.IMAP_HOST && env.IMAP_USER
        ? {
            host: env.IMAP_HOST,
            port: parseInteger('IMAP_PORT', env.IMAP_PORT, imapTls ? 993 : 143, 1, 65535),
            user: env.IMAP_USER,
            pass: env.IMAP_PASS ?? '',
            tls: imapTls,
            folder: env.IMAP_FOLDER || 'INBOX',
            processedFolder: env.IMAP_PROCESSED_FOLDER || null,
            senderAuth: parseChoice(
              'IMAP_SENDER_AUTH',
              env.IMAP_SENDER_AUTH,
              ['require', 'record'] as const,
              'require',
            ),
            authservId: env.IMAP_AUTHSERV_ID?.trim() || null,
          }
        : null,
    mailboxHosts: {
      allow: (env.MAILBOX_HOSTS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      allowPrivate: parseSwitch('MAILBOX_ALLOW_PRIVATE', env.MAILBOX_ALLOW_PRIVATE, false),
    },
    imapTlsInsecure: parseSwitch('IMAP_TLS_INSECURE', env.IMAP_TLS_INSECURE, false),
    mailPollSeconds: parseInteger('MAIL_POLL_SECONDS', env.MAIL_POLL_SECONDS, 60, 5, 86_400),
    surveyReminderDays: parseInteger('SURVEY_REMINDER_DAYS', env.SURVEY_REMINDER_DAYS, 3, 1, 365),
    maxUploadBytes: parseInteger('MAX_UPLOAD_BYTES', env.MAX_UPLOAD_BYTES, 10 * 1024 * 1024, 1024, 1024 ** 3),
    workers: parseWorkers(env.WORKERS),
    workerIndex: parseInteger('MUTUALIS_WORKER_INDEX', env.MUTUALIS_WORKER_INDEX, 0, 0, 1024),
  };
}

/** An on/off setting: `1`/`true`/`on` or `0`/`false`/`off`, the default when unset. */
function parseSwitch(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'on'].includes(v)) return true;
  if (['0', 'false', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be 1 or 0 (true/false, on/off), not "${value}".`);
}

/** One of a fixed set of words, the default when unset. */
function parseChoice<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw new ConfigError(`${name} must be one of ${choices.join(', ')}, not "${value}".`);
}

/** A whole number within bounds (digits only: no signs, exponents or hexadecimal), the default when unset. */
function parseInteger(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, not "${value}".`);
  }
  return n;
}

/** `TRUST_PROXY`: 0 (none), a hop count (1–10), or a comma-separated list of proxy IPs / CIDR ranges. */
function parseTrustProxy(value: string | undefined): false | number | string[] {
  const v = (value ?? '').trim();
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return false;
  const wrong = () =>
    new ConfigError(
      `TRUST_PROXY must be 0, a number of proxy hops (1–10), or proxy addresses (IPs or CIDR ranges, comma-separated), not "${value}".`,
    );
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) throw wrong();
    return hops;
  }
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((a) => {
    const [ip, bits, extra] = a.split('/');
    if (extra !== undefined || !ip || net.isIP(ip) === 0) return true;
    if (bits === undefined) return false;
    const max = net.isIP(ip) === 4 ? 32 : 128;
    return !/^\d+$/.test(bits) || Number(bits) > max;
  });
  if (bad.length) throw wrong();
  return list;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parseLogLevel(value: string | undefined): string {
  if (value === undefined || value === '') return 'info';
  if (!logLevels.includes(value))
    throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}, not "${value}".`);
  return value;
}

function parseOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((u) => {
      try {
        return new URL(u).origin;
      } catch {
        throw new ConfigError(`PUBLIC_URL must list absolute URLs separated by commas, not "${u}".`);
      }
    });
}

/**
 * `WORKERS`: 1 by default, `auto` for one per core, or an integer up to twice the cores (more
 * processes than that only compete for the CPU and for SQLite's single writer).
 */
export function parseWorkers(value: string | undefined, cores = os.availableParallelism()): number {
  if (value === undefined || value === '') return 1;
  if (value.trim().toLowerCase() === 'auto') return cores;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  const max = cores * 2;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ConfigError(
      `WORKERS must be "auto" or an integer from 1 to ${max} (twice the ${cores} cores of this machine), not "${value}".`,
    );
  }
  return n;
}

/** A configuration for tests: no listening, no demo, no scheduler unless asked. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // The tests' mail servers listen on loopback.
  return {
    ...loadConfig({ LOG_LEVEL: 'silent', MUTUALIS_SCHEDULER: '0', MAILBOX_ALLOW_PRIVATE: '1' }, ['--no-demo']),
    ...overrides,
  };
}
