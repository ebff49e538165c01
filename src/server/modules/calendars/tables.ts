/**
 * Business calendars and on-call rosters. A calendar's definition is stored as its JSON form
 * (clock.ts `CalendarDefinition`); every change bumps `version` and keeps the previous
 * definition in `calendar_versions`, so a deadline computed with version N can be explained and
 * recomputed later.
 */
export interface CalendarTable {
  id: string;
  /** The commune whose calendar this is (one per commune); null for a provider team's calendar. */
  communeId: string | null;
  name: string;
  timezone: string;
  /** JSON `CalendarDefinition`. */
  definition: string;
  /** 1 at creation, incremented by each update. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Every version a calendar has had, including the current one. */
export interface CalendarVersionTable {
  calendarId: string;
  version: number;
  communeId: string | null;
  /** JSON `CalendarDefinition`. */
  definition: string;
  createdAt: string;
  createdBy: string | null;
}

/** An on-call period (*astreinte*), e.g. a municipal council meeting. */
export interface OncallPeriodTable {
  id: string;
  communeId: string;
  name: string;
  startsAt: string;
  endsAt: string;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The provider agents on call during a period. */
export interface OncallAgentTable {
  periodId: string;
  userId: string;
  communeId: string;
}

export interface CalendarTables {
  calendars: CalendarTable;
  calendarVersions: CalendarVersionTable;
  oncallPeriods: OncallPeriodTable;
  oncallAgents: OncallAgentTable;
}
