import os from 'node:os';
import path from 'node:path';

/** Everything the server reads from its environment, parsed once. */
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
  /** Serve the built web app from this folder when it exists. */
  webDir: string;
  sessionTtlHours: number;
  logLevel: string;
  /** Run scheduled jobs (warnings, escalations, mail polling) in this process. */
  scheduler: boolean;
  smtp: { host: string; port: number; secure: boolean; user?: string; pass?: string; from: string } | null;
  maxUploadBytes: number;
  /** HTTP worker processes (`WORKERS`, default 1); with more than one, a primary process forks them. */
  workers: number;
}

/** Reads the configuration from environment variables and command-line flags. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const demoOff = argv.includes('--no-demo') || env.MUTUALIS_DEMO === '0' || env.MUTUALIS_DEMO === 'false';
  return {
    port: parsePort(env.PORT),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.startsWith('postgres') ? env.DATABASE_URL : null,
    preparedStatements: parseSwitch('PG_PREPARED_STATEMENTS', env.PG_PREPARED_STATEMENTS, true),
    demo: !demoOff,
    publicOrigins: (env.PUBLIC_URL ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((u) => new URL(u).origin),
    webDir: path.resolve(env.WEB_DIR ?? 'dist/web'),
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    logLevel: env.LOG_LEVEL ?? 'info',
    scheduler: env.MUTUALIS_SCHEDULER !== '0',
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: Number(env.SMTP_PORT ?? 587),
          secure: env.SMTP_SECURE === '1',
          user: env.SMTP_USER,
          pass: env.SMTP_PASS,
          from: env.MAIL_FROM ?? 'Mutualis <support@mutualis.test>',
        }
      : null,
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
    workers: parseWorkers(env.WORKERS),
  };
}

/** A setting the server cannot start with; the message names the variable and what it accepts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** An on/off setting: `1`/`true`/`on` or `0`/`false`/`off`, the default when unset. */
function parseSwitch(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'on'].includes(v)) return true;
  if (['0', 'false', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be 1 or 0 (true/false, on/off), not "${value}".`);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be an integer from 0 to 65535, not "${value}".`);
  return port;
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
  return { ...loadConfig({ LOG_LEVEL: 'silent', MUTUALIS_SCHEDULER: '0' }, ['--no-demo']), ...overrides };
}
