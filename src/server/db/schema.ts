/**
 * The database's table types, one interface per capability, merged here.
 * Stored forms (identical on SQLite and PostgreSQL):
 * - ids: text (UUIDv7 from lib/ids);
 * - instants: ISO-8601 UTC text with milliseconds (`2026-03-01T08:30:00.000Z`), sortable as text;
 * - local dates: `YYYY-MM-DD` text;
 * - booleans: integer 0/1;
 * - JSON documents: text.
 * Each capability adds its `XxxTables` interface to the `extends` list.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CoreTables } from './core-tables';
import type { ServiceDeskTables } from '../modules/tickets';
import type { CalendarTables } from '../modules/calendars';
import type { SchedulerTables } from '../modules/scheduler';
import type { NotificationTables } from '../modules/notifications';
import type { MailInboundTables } from '../modules/mail-inbound';
import type { EscalationTables } from '../modules/escalations';
import type { IndicatorTables } from '../modules/indicators';
import type { ContractTables } from '../modules/contracts';
import type { ApplicationTables } from '../modules/applications';
import type { ProjectTables } from '../modules/projects';
import type { FleetTables } from '../modules/fleet';
import type { InboxTables } from '../modules/inbox';

export interface DB
  extends
    CoreTables,
    ServiceDeskTables,
    CalendarTables,
    SchedulerTables,
    NotificationTables,
    MailInboundTables,
    EscalationTables,
    IndicatorTables,
    ContractTables,
    ApplicationTables,
    ProjectTables,
    FleetTables,
    InboxTables {}

/** What a repository function runs on: the database, or the caller's transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;
