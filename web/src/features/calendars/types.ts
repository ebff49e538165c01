// Response and request shapes of the calendars API, inferred from the server's zod schemas
// (type-only imports: nothing of the server reaches the bundle).
import type { z } from 'zod';
import type { calendarSchema, holidaySchema } from '../../../../src/server/modules/calendars/schemas';
import type { oncallCreate, oncallSchema } from '../../../../src/server/modules/calendars/oncall-schemas';

export type Calendar = z.infer<typeof calendarSchema>;
export type Holiday = z.infer<typeof holidaySchema>;
export type OncallPeriod = z.infer<typeof oncallSchema>;
export type OncallInput = z.input<typeof oncallCreate>;

export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];
export type Weekly = Record<WeekdayKey, Array<[string, string]>>;
export const holidayPresets = ['FR', 'FR-alsace-moselle', 'none'] as const;
export type HolidayPreset = (typeof holidayPresets)[number];

/** What the editor edits: the JSON form of a calendar. */
export interface CalendarDraft {
  name: string;
  timezone: string;
  weekly: Weekly;
  holidays: HolidayPreset;
  closures: string[];
  workedDates: string[];
}

/** A deadline question: a business duration (ISO-8601) or the 3.3.1 rule. */
export type DeadlineAsk = { duration: string } | { rule: 'next-business-day-end' };
