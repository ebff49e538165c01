import type { Kysely } from 'kysely';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Database, DialectName } from './db/database';
import type { DB } from './db/schema';

/** What every service receives: configuration, the database, and a clock tests can control. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  dialect: DialectName;
  /** The current instant; tests replace it to drive deadlines and scheduled work. */
  now: () => Date;
  /** Services attach their long-lived helpers here (mailer, scheduler…). */
  services: Record<string, unknown>;
  /** The process's logger (the app's own once it is built). */
  log: FastifyBaseLogger;
}

export function createContext(config: Config, database: Database, now: () => Date = () => new Date()): AppContext {
  return {
    config,
    database,
    db: database.db,
    dialect: database.dialect,
    now,
    services: {},
    log: pino({ level: config.logLevel }),
  };
}
