import { z } from 'zod';
import { localDate, refId } from '../../lib/http';
import { weekdays, type CalendarDefinition } from './clock';
import { calendarProblems } from './definition';
import { holidayPresets } from './holidays';
import { parseDurationSeconds } from './duration';
import { parseInstant } from './instant';

const clockTime = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'Expected a time HH:MM (24:00 allowed as an end)');
const range = z
  .tuple([clockTime.describe('Opening time, local'), clockTime.describe('Closing time, local (exclusive)')])
  .describe('An opening range ["HH:MM","HH:MM"]');
const dayRanges = z
  .array(range)
  .max(12)
  .default([])
  .describe('Opening ranges of this weekday, in order, without overlap; [] when closed');
const isoDate = localDate;

export const weeklySchema = z
  .strictObject(
    Object.fromEntries(weekdays.map((d) => [d, dayRanges])) as Record<(typeof weekdays)[number], typeof dayRanges>,
  )
  .describe(
    'Weekly opening ranges, local wall-clock time, e.g. {"mon": [["08:30","12:00"],["13:00","17:00"]], …, "sun": []}',
  );

const definitionFields = {
  name: z.string().trim().min(1).max(200).describe('Calendar name, e.g. "Mairie du Bouscat"'),
  timezone: z.string().trim().min(1).max(64).default('Europe/Paris').describe('IANA time zone (default Europe/Paris)'),
  weekly: weeklySchema,
  holidays: z
    .enum(holidayPresets)
    .default('FR')
    .describe(
      'Public holidays: FR (Code du travail L3133-1), FR-alsace-moselle (adds Good Friday and 26 December) or none',
    ),
  closures: z.array(isoDate).max(2000).default([]).describe('Local dates the calendar is closed (YYYY-MM-DD)'),
  workedDates: z
    .array(isoDate)
    .max(2000)
    .default([])
    .describe('Holidays worked anyway, e.g. Whit Monday as journée de solidarité (YYYY-MM-DD)'),
};

/** Adds every semantic problem of a definition (order, overlap, zone, no opening) as a field issue. */
function checkDefinition(def: CalendarDefinition, ctx: z.RefinementCtx): void {
  for (const p of calendarProblems(def))
    ctx.addIssue({
      code: 'custom',
      message: p.message,
      path: p.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
    });
}

export const calendarCreate = z
  .object({
    ...definitionFields,
    communeId: refId
      .nullable()
      .optional()
      .describe("The commune whose town-hall calendar this is; omit for a provider team's calendar"),
  })
  .superRefine((v, ctx) => checkDefinition(v, ctx))
  .describe('CalendarCreate');

export const calendarUpdate = z
  .object(definitionFields)
  .superRefine((v, ctx) => checkDefinition(v, ctx))
  .describe('CalendarUpdate');

export const calendarSchema = z
  .object({
    id: z.string(),
    communeId: z
      .string()
      .nullable()
      .describe("The commune whose calendar this is; null for a provider team's calendar"),
    name: z.string(),
    timezone: z.string(),
    weekly: z.object(
      Object.fromEntries(weekdays.map((d) => [d, z.array(z.tuple([z.string(), z.string()]))])) as Record<
        (typeof weekdays)[number],
        z.ZodArray<z.ZodTuple<[z.ZodString, z.ZodString], null>>
      >,
    ),
    holidays: z.enum(holidayPresets),
    closures: z.array(z.string()),
    workedDates: z.array(z.string()),
    version: z
      .number()
      .int()
      .describe('Incremented by each update; tickets record the version their deadlines were computed with'),
    weeklyOpeningSeconds: z.number().describe('Opening time of a nominal week, in seconds (commitment 3.2.1)'),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: z.object({ canEdit: z.boolean(), canDelete: z.boolean() }),
  })
  .describe('Calendar');

/** An instant parameter: ISO-8601 with a UTC designator or an offset (seconds optional). */
const instantParam = z
  .string()
  .max(64)
  .refine(
    (s) => !Number.isNaN(parseInstant(s)),
    'Expected an ISO-8601 instant with offset, e.g. 2026-03-06T16:50:00+01:00 or 2026-03-06T15:50:00Z',
  );

const durationText = z
  .string()
  .max(64)
  .refine(
    (s) => parseDurationSeconds(s) !== null,
    'Expected an ISO-8601 duration of business time such as PT4H30M, P1D or P2W (no years or months)',
  );

const deadlineFields = {
  from: instantParam.describe('Start instant, ISO-8601 with offset (e.g. 2026-03-06T16:50:00+01:00)'),
  duration: durationText.optional().describe('Business duration to add, ISO-8601 (PT4H30M); or give `rule`'),
  rule: z
    .enum(['next-business-day-end'])
    .optional()
    .describe('A named deadline rule instead of a duration: next-business-day-end (commitment 3.3.1)'),
};

/** Exactly one of `duration` and `rule`. */
function durationOrRule(q: { duration?: string; rule?: string }, ctx: z.RefinementCtx, prefix: string[] = []): void {
  if (q.duration !== undefined && q.rule !== undefined)
    ctx.addIssue({ code: 'custom', path: [...prefix, 'rule'], message: 'Give either duration or rule, not both.' });
  if (q.duration === undefined && q.rule === undefined)
    ctx.addIssue({
      code: 'custom',
      path: [...prefix, 'duration'],
      message: 'Give a duration (e.g. PT4H30M) or a rule (next-business-day-end).',
    });
}

export const deadlineQuery = z.object(deadlineFields).superRefine((q, ctx) => durationOrRule(q, ctx));

/** A deadline on a draft calendar (the editor's live preview), before it is saved. */
export const previewBody = z
  .object({ calendar: z.object(definitionFields).describe('The draft calendar, JSON form'), ...deadlineFields })
  .superRefine((b, ctx) => {
    for (const p of calendarProblems(b.calendar))
      ctx.addIssue({
        code: 'custom',
        message: p.message,
        path: ['calendar', ...p.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k))],
      });
    durationOrRule(b, ctx);
  })
  .describe('CalendarPreview');

export const holidaysQuery = z.object({
  preset: z.enum(holidayPresets).default('FR').describe('Holiday preset'),
  year: z.coerce.number().int().min(2000).max(2100).describe('Year'),
});
export const holidaySchema = z
  .object({
    date: z.string().describe('YYYY-MM-DD'),
    key: z.string().describe('Stable key, for translations'),
    name: z.string().describe('French name'),
  })
  .describe('Holiday');

export const businessTimeQuery = z.object({
  from: instantParam.describe('Start instant, ISO-8601 with offset'),
  to: instantParam.describe('End instant, ISO-8601 with offset (exclusive)'),
});

export const deadlineSchema = z.object({ due: z.string().describe('The deadline, ISO-8601 UTC') }).describe('Deadline');
export const businessTimeSchema = z
  .object({ seconds: z.number().describe('Business seconds in [from, to); 0 when to ≤ from') })
  .describe('BusinessTime');
