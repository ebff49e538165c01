// Response and request shapes of the calendars API (src/shared/api.ts).
export type { Calendar, Holiday, OncallInput, OncallPeriod } from '../../../../src/shared/api';

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
