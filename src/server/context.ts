import type { Kysely } from 'kysely';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Database, DialectName } from './db/database';
import type { DB } from './db/schema';
import { EventBus } from './lib/event-bus';
import { Mailer } from './lib/mailer';
import { TtlCache } from './lib/ttl-cache';
import { Scheduler } from './modules/scheduler';
import type { TicketEventMap } from './modules/tickets';
import type { ContractEventMap } from './modules/contracts';
import type { CompiledCalendar } from './modules/calendars';

/** The domain events of the app (emitted after their change committed). */
export type AppEvents = EventBus<TicketEventMap & ContractEventMap>;

/** What every service receives. Each member is typed; there is no string-keyed bag. */
export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** The clock: the current instant. Tests replace it to drive deadlines and scheduled work. */
  readonly now: () => Date;
  /** Domain events; listeners are subscribed by the modules (`AppModule.subscribe`). */
  readonly events: AppEvents;
  /** Job handlers and the in-process job runner. */
  readonly scheduler: Scheduler;
  /** The SMTP transport. */
  readonly mailer: Mailer;
  readonly caches: {
    /** Compiled commune calendars for read-time figures (remaining business time on lists): 10 s. */
    readonly communeCalendars: TtlCache<string, CompiledCalendar | null>;
  };
  /** The process's logger (the app's own once it is built). */
  log: FastifyBaseLogger;
}

/** The context of an app or a command-line task over an open database. */
export function createContext(config: Config, database: Database, now: () => Date = () => new Date()): AppContext {
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    dialect: database.dialect,
    now,
    events: new EventBus((err, event) => ctx.log.error({ err, event }, 'event listener failed')),
    scheduler: new Scheduler(),
    mailer: new Mailer(),
    caches: { communeCalendars: new TtlCache(10_000) },
    log: pino({ level: config.logLevel }),
  };
  return ctx;
}
