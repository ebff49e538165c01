import { z } from 'zod';
import { localDate, pageQuery } from '../../lib/http';
import {
  applicationDomains,
  applicationStatuses,
  criticalities,
  hostings,
  outageCalendars,
  outageSources,
} from './tables';

const instant = z.string().datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);

const domain = z
  .enum(applicationDomains)
  .describe('Business domain: etat_civil, elections, finances, rh, education, mediatheque, urbanisme …');
const hosting = z
  .enum(hostings)
  .describe('Where it runs: the metropole datacentre, the vendor (SaaS), or the commune premises');
const criticality = z.enum(criticalities).describe('critical | important | standard');
const outageCalendar = z
  .enum(outageCalendars)
  .describe("Clock of its outages: the commune's business hours, or continuous (24/7)");
const status = z.enum(applicationStatuses).describe('in_service | being_transferred | retired');

/** A period: `2026`, `2026-S2`, `2026-Q3` or `2026-07`. */
export const periodText = z
  .string()
  .trim()
  .regex(/^(\d{4})(-Q[1-4]|-S[12]|-(0[1-9]|1[0-2]))?$/i, 'Expected 2026, 2026-S2, 2026-Q3 or 2026-07')
  .describe('Period: a year (2026), half (2026-S2), quarter (2026-Q3) or month (2026-07)');

export const applicationSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    name: z.string(),
    domain,
    vendor: z.string().nullable().describe('Software vendor'),
    product: z.string().nullable().describe("Vendor's product name"),
    version: z.string().nullable(),
    hosting,
    criticality,
    outageCalendar,
    communeOwner: z.string().nullable().describe('Owner on the commune side (service, person)'),
    providerOwner: z.string().nullable().describe("Owner on the provider's side"),
    maintenanceEndsOn: z.string().nullable().describe('End of the maintenance contract with the vendor (local date)'),
    status,
    inServiceSince: z.string().nullable().describe('Maintained by the provider since (local date)'),
    retiredOn: z.string().nullable().describe('Retired on (local date)'),
    notes: z.string(),
    reconstructed: z.boolean().describe('True for demo data reconstructed rather than recorded'),
    inBaseline: z.boolean().describe('Listed in the transferred inventory annexed to the convention'),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: z.object({ canEdit: z.boolean() }),
  })
  .describe('Application');

export const applicationQuery = z.object({
  q: text(200).optional().describe('Text searched in the name, vendor, product and domain'),
  criticality: criticality.optional(),
  status: status.optional(),
  ...pageQuery,
  limit: pageQuery.limit.default(200),
});

const nullableText = (max: number) => text(max).nullable().optional();

export const applicationCreate = z
  .object({
    name: text(200).min(1).describe('Name, unique in the commune'),
    domain,
    vendor: nullableText(200),
    product: nullableText(200),
    version: nullableText(100),
    hosting,
    criticality,
    outageCalendar: outageCalendar.optional().describe('Defaults to continuous for critical, business hours otherwise'),
    communeOwner: nullableText(200),
    providerOwner: nullableText(200),
    maintenanceEndsOn: localDate.nullable().optional(),
    status: status.default('in_service'),
    inServiceSince: localDate.nullable().optional(),
    retiredOn: localDate.nullable().optional(),
    notes: text(4000).optional(),
  })
  .strict();

export const applicationPatch = z
  .object({
    name: text(200).min(1).optional(),
    domain: domain.optional(),
    vendor: nullableText(200),
    product: nullableText(200),
    version: nullableText(100),
    hosting: hosting.optional(),
    criticality: criticality.optional(),
    outageCalendar: outageCalendar.optional(),
    communeOwner: nullableText(200),
    providerOwner: nullableText(200),
    maintenanceEndsOn: localDate.nullable().optional(),
    status: status.optional(),
    inServiceSince: localDate.nullable().optional(),
    retiredOn: localDate.nullable().optional(),
    notes: text(4000).optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'Nothing to change' });

export const historyEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string().describe('Who made the change'),
    kind: z.enum(['created', 'updated']),
    changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).describe('field → [before, after]'),
  })
  .describe('ApplicationHistoryEntry');

export const outageSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    applicationId: z.string(),
    applicationName: z.string(),
    criticality,
    outageCalendar,
    startedAt: z.string(),
    intervenedAt: z.string().nullable().describe("The provider's first intervention"),
    restoredAt: z.string().nullable().describe('Service restored'),
    interventionHours: z.number().nullable().describe('Start → first intervention, hours on the outage clock'),
    restorationHours: z.number().nullable().describe('Start → restored, hours on the outage clock'),
    cause: z.string(),
    summary: z.string(),
    ticketId: z.string().nullable().describe('The incident ticket'),
    ticketReference: z.string().nullable(),
    source: z.enum(outageSources),
    alertName: z.string().nullable(),
    notifications: z.number().int().describe('Monitoring notifications received for it'),
    reconstructed: z.boolean(),
  })
  .describe('Outage');

export const outageQuery = z.object({
  period: periodText.optional().describe('Outages that started in this period (all when omitted)'),
  applicationId: z.string().max(100).optional().describe('Outages of this application only'),
  criticality: criticality.optional().describe('Outages of applications of this criticality only (4.1.x: critical)'),
  ...pageQuery,
});

export const outageCreate = z
  .object({
    applicationId: z.string().min(1).max(100).describe('The application that is down'),
    startedAt: instant.describe('When the outage started'),
    intervenedAt: instant.nullable().optional(),
    restoredAt: instant.nullable().optional(),
    cause: text(2000).optional(),
    summary: text(500).optional(),
    ticketId: z.string().max(100).nullable().optional().describe('The P1 incident ticket it comes from'),
  })
  .strict();

export const outagePatch = z
  .object({
    intervenedAt: instant.nullable().optional(),
    restoredAt: instant.nullable().optional(),
    cause: text(2000).optional(),
    summary: text(500).optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'Nothing to change' });

export const availabilityQuery = z.object({ period: periodText });

export const availabilitySchema = z
  .object({
    applicationId: z.string(),
    period: z.string(),
    from: z.string().describe('First local day'),
    to: z.string().describe('Local day after the last (exclusive)'),
    outageCalendar,
    windowHours: z.number().describe('Hours of the period on the outage clock (up to now for a running period)'),
    downtimeHours: z.number().describe('Hours down on the same clock'),
    availability: z.number().nullable().describe('1 − downtime / window'),
    outages: z.number().int().describe('Outages overlapping the period'),
  })
  .describe('ApplicationAvailability');

export const communeAvailabilityQuery = z.object({
  period: periodText,
  criticality: z
    .enum([...criticalities, 'all'])
    .default('critical')
    .describe('Applications of this criticality (critical by default), or all'),
});

export const communeAvailabilitySchema = z
  .object({
    period: z.string().describe('The period, normalised (2026-Q3)'),
    from: z.string().describe('First local day'),
    to: z.string().describe('Local day after the last (exclusive)'),
    items: z.array(
      availabilitySchema.extend({
        applicationName: z.string().describe("The application's name"),
        criticality,
      }),
    ),
    total: z.number().int().describe('Applications listed'),
  })
  .describe('CommuneApplicationAvailability');

export const baselineSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    asOf: z.string().describe('Date of the inventory'),
    label: z.string(),
    source: z.enum(['convention_annex', 'import']),
    reconstructed: z.boolean(),
    items: z.array(z.object({ name: z.string(), domain: z.string().nullable(), applicationId: z.string().nullable() })),
  })
  .describe('ApplicationBaseline');

export const baselinePut = z
  .object({
    asOf: localDate.describe('Date of the inventory (the convention start)'),
    label: text(300).min(1),
    items: z
      .array(z.object({ name: text(200).min(1), domain: text(100).nullable().optional() }).strict())
      .min(1)
      .max(2000)
      .describe('The applications listed in the inventory'),
  })
  .strict();

export const baselineImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: answer the preview and validation report without writing anything'),
  asOf: localDate.optional().describe('Date of the inventory (today when omitted)'),
  label: text(300).min(1).optional().describe('Title of the inventory (the file name when omitted)'),
});

export const baselineImportResultSchema = z
  .object({
    dryRun: z.boolean().describe('True when nothing was meant to be written (a preview)'),
    format: z.enum(['csv', 'xlsx']).describe('How the file was read'),
    asOf: z.string().describe('Date of the inventory'),
    label: z.string().describe('Title of the inventory'),
    rows: z.number().int().describe('Data rows read (blank rows skipped)'),
    items: z
      .array(
        z.object({
          row: z.number().int().describe('Row in the file (header = 1)'),
          name: z.string().describe('Application named by the row'),
          domain: z.string().nullable().describe('Domain given by the row'),
          applicationId: z.string().nullable().describe('The portfolio application of that name, if any'),
          applicationName: z.string().nullable().describe("That application's name as recorded"),
        }),
      )
      .describe('The valid rows, matched to the portfolio by name (case-insensitive)'),
    errors: z
      .array(
        z.object({
          row: z.number().int().describe('Row in the file (header = 1)'),
          field: z.enum(['name', 'domain']).describe('Column at fault'),
          reason: z.string().describe('What is wrong'),
        }),
      )
      .describe('Every problem, by row and field (a file with any is not imported)'),
    written: z.boolean().describe('True when the inventory was recorded'),
    baseline: baselineSchema.nullable().describe('The inventory recorded (null for a preview)'),
  })
  .describe('ApplicationBaselineImport');

const labelName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'Expected a Prometheus label name')
  .max(100);

export const alertRuleSchema = z
  .object({
    label: z.string().describe('Alert label read, e.g. `job` or `service`'),
    value: z.string().describe('Value the label must hold'),
    applicationId: z.string(),
    applicationName: z.string(),
  })
  .describe('AlertLabelRule');

export const alertRulesPut = z
  .object({
    rules: z
      .array(
        z
          .object({
            label: labelName.describe('Alert label read, e.g. `job` or `service`'),
            value: z.string().trim().min(1).max(200).describe('Value the label must hold (exact)'),
            applicationId: z.string().min(1).max(100).describe('The application the alert is then about'),
          })
          .strict(),
      )
      .max(500)
      .describe('Every rule, in order (the first match wins); the default mapping by `application` comes first'),
  })
  .strict();

export const alertRuleTest = z
  .object({
    labels: z
      .record(labelName, z.string().max(1000))
      .refine((o) => Object.keys(o).length <= 100, 'At most 100 labels')
      .describe('The labels of an alert, e.g. {"alertname": "Down", "job": "civilnet-rh"}'),
  })
  .strict();

export const alertRuleTestResultSchema = z
  .object({
    matched: z.boolean().describe('True when the labels name one application of the commune'),
    by: z
      .enum(['id', 'name', 'rule'])
      .nullable()
      .describe('How: the `application` label as an id or a name, or one of the rules'),
    applicationId: z.string().nullable(),
    applicationName: z.string().nullable(),
    rule: z
      .object({
        label: z.string().describe('Label the rule reads'),
        value: z.string().describe('Value it holds'),
        position: z.number().int().describe('Rank of the rule (0 = first)'),
      })
      .nullable()
      .describe('The rule that matched'),
  })
  .describe('AlertRuleTestResult');

/** Prometheus Alertmanager webhook (version 4) and Grafana alerting webhook: the fields we read. */
const alertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: z.record(z.string(), z.string()).describe('Alert labels: `application` names the application'),
  annotations: z.record(z.string(), z.string()).optional(),
  startsAt: instant,
  endsAt: z.string().max(64).optional().describe('0001-01-01T00:00:00Z while firing'),
  generatorURL: z.string().max(4000).optional(),
  fingerprint: z.string().max(200).optional(),
});

export const alertmanagerPayload = z
  .object({
    version: z.string().max(10).optional(),
    status: z.enum(['firing', 'resolved']).optional(),
    receiver: z.string().max(500).optional(),
    groupKey: z.string().max(4000).optional(),
    truncatedAlerts: z.number().int().optional(),
    groupLabels: z.record(z.string(), z.string()).optional(),
    commonLabels: z.record(z.string(), z.string()).optional(),
    commonAnnotations: z.record(z.string(), z.string()).optional(),
    externalURL: z.string().max(4000).optional(),
    alerts: z.array(alertSchema).max(1000),
  })
  .passthrough()
  .describe('AlertmanagerWebhook');

export type AlertInput = z.infer<typeof alertSchema>;

export const alertResultSchema = z
  .object({
    received: z.number().int(),
    opened: z.number().int().describe('Outages opened'),
    updated: z.number().int().describe('Notifications for an outage already open'),
    resolved: z.number().int().describe('Outages whose restoration was recorded'),
    unmapped: z.number().int().describe('Alerts naming no application of the token’s communes'),
    results: z.array(
      z.object({
        fingerprint: z.string(),
        outcome: z.enum(['opened', 'updated', 'resolved', 'unmapped']),
        outageId: z.string().nullable(),
      }),
    ),
  })
  .describe('AlertWebhookResult');
