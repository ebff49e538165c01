import { z } from 'zod';
import { localDate, pageQuery } from '../../lib/http';
import { deviceKinds, deviceSources, deviceStatuses } from './model';

export const kind = z
  .enum(deviceKinds)
  .describe(
    'Kind of device (footnote (1) of the annex): desktop, laptop, thin_client, tablet, smartphone, screen, printer, multifunction, telephony, peripheral',
  );
export const status = z.enum(deviceStatuses).describe('in_stock | deployed | in_repair | retired');
const source = z.enum(deviceSources).describe('Where the record came from: manual, import, agent, demo');
const text = (max: number, what: string) => z.string().trim().min(1).max(max).describe(what);

export const deviceSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    entityId: z
      .string()
      .nullable()
      .describe('Sub-entity (CCAS, médiathèque …) the device belongs to; null: the commune'),
    entityName: z.string().nullable(),
    kind,
    name: z.string().nullable().describe('Host or display name'),
    serial: z.string().nullable().describe('Manufacturer serial number (unique in the commune)'),
    inventoryNumber: z.string().nullable().describe("The commune's inventory number (unique in the commune)"),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    purchaseDate: localDate.nullable(),
    warrantyEnd: localDate.nullable().describe('Last day of the warranty'),
    cost: z.number().nullable().describe('Purchase cost in euros, taxes included'),
    site: z.string().nullable().describe('Where it is (building, room)'),
    assignedTo: z.string().nullable().describe('Person or service using it'),
    status,
    inServiceFrom: localDate.nullable().describe('First day in service (deployed)'),
    retiredOn: localDate.nullable().describe('Day it left the fleet (retired); null while in the fleet'),
    renewal: z.boolean().describe('Bought to renew an older device (counted by indicator 3.1.1)'),
    replacesId: z.string().nullable().describe('The device it renewed, when known'),
    source,
    agentDeviceId: z.string().nullable().describe('Device id reported by its inventory agent'),
    hardware: z.record(z.string(), z.unknown()).nullable().describe('Hardware last reported by an agent'),
    lastInventoryAt: z.string().nullable().describe('Last agent inventory (ISO-8601 instant)'),
    notes: z.string().nullable(),
    ageYears: z.number().nullable().describe('Age in years since purchase (or service), today'),
    warrantyExpired: z.boolean().describe('True when the warranty ended before today'),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: z.object({ canEdit: z.boolean() }),
  })
  .describe('Device');

export const historyEntrySchema = z
  .object({
    id: z.string(),
    at: z.string().describe('ISO-8601 instant'),
    actorLabel: z.string(),
    action: z.enum(['created', 'updated', 'inventoried', 'retired', 'renewed']).describe('What happened'),
    source,
    changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).describe('Field → [before, after]'),
  })
  .describe('DeviceHistoryEntry');

export const deviceDetailSchema = deviceSchema
  .extend({
    history: z.array(historyEntrySchema).describe('Every change, newest first'),
    replacedBy: z.string().nullable().describe('The device that renewed this one, if any'),
  })
  .describe('DeviceDetail');

export const deviceList = z.object({
  items: z.array(deviceSchema),
  total: z.number().int().describe('Number of items matching, all pages included'),
});

export const sortFields = [
  'name',
  'kind',
  'status',
  'serial',
  'purchaseDate',
  'warrantyEnd',
  'inServiceFrom',
  'assignedTo',
] as const;

export const deviceQuery = z.object({
  kind: kind.optional(),
  status: status.optional(),
  q: z.string().trim().max(200).optional().describe('Search serial, inventory number, name, model, manufacturer, user'),
  entityId: z.string().max(100).optional().describe('Only this sub-entity'),
  renewedIn: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .describe('Only renewals put into service in this year (drill-down of 3.1.1)'),
  inServiceAt: localDate.optional().describe('Only devices in service at 00:00 on this day (the fleet of 3.1.1)'),
  sort: z
    .enum([...sortFields, ...sortFields.map((f) => `-${f}` as const)])
    .default('kind')
    .describe('Sort field; a leading "-" sorts descending'),
  ...pageQuery,
});

/** The list's filters and order, as a file: CSV or XLSX, headers in French or English. */
export const deviceExportQuery = deviceQuery.omit({ limit: true, offset: true }).extend({
  format: z.enum(['csv', 'xlsx']).describe('csv (UTF-8, `;`-separated) or xlsx'),
  lang: z.enum(['fr', 'en']).default('fr').describe('Language of the column headers (fr: the import’s own headers)'),
});
export type DeviceExportQuery = z.infer<typeof deviceExportQuery>;

const fields = {
  entityId: z.string().min(1).max(100).nullable().describe('Sub-entity of the commune; null: the commune itself'),
  kind,
  name: text(200, 'Host or display name').nullable(),
  serial: text(100, 'Serial number').nullable(),
  inventoryNumber: text(100, 'Inventory number').nullable(),
  manufacturer: text(200, 'Manufacturer').nullable(),
  model: text(200, 'Model').nullable(),
  purchaseDate: localDate.nullable(),
  warrantyEnd: localDate.nullable(),
  cost: z.number().min(0).max(1_000_000).nullable().describe('Purchase cost in euros'),
  site: text(200, 'Site').nullable(),
  assignedTo: text(200, 'Person or service').nullable(),
  status,
  inServiceFrom: localDate.nullable(),
  retiredOn: localDate.nullable(),
  renewal: z.boolean(),
  replacesId: z.string().min(1).max(100).nullable().describe('The device this one renews'),
  notes: z.string().trim().max(4000).nullable(),
};

const datesInOrder = (d: { inServiceFrom?: string | null; retiredOn?: string | null }, c: z.RefinementCtx) => {
  if (d.inServiceFrom && d.retiredOn && d.retiredOn < d.inServiceFrom)
    c.addIssue({ code: 'custom', path: ['retiredOn'], message: 'retiredOn is before inServiceFrom' });
};

export const devicePatch = z
  .object(fields)
  .partial()
  .strict()
  .superRefine((d, c) => {
    if (Object.keys(d).length === 0) c.addIssue({ code: 'custom', path: [], message: 'Nothing to change' });
    datesInOrder(d, c);
  })
  .describe('DevicePatch');

export const deviceCreate = z
  .object(fields)
  .partial()
  .required({ kind: true })
  .strict()
  .superRefine(datesInOrder)
  .describe('DeviceCreate');

export type DevicePatch = z.infer<typeof devicePatch>;
export type DeviceCreate = z.infer<typeof deviceCreate>;
export type DeviceView = z.infer<typeof deviceSchema>;
export type DeviceDetailView = z.infer<typeof deviceDetailSchema>;
export type DeviceQuery = z.infer<typeof deviceQuery>;

export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: answer the validation report without writing anything'),
  mapping: z
    .string()
    .max(4000)
    .optional()
    .transform((s, c) => {
      if (s === undefined) return undefined;
      try {
        const v = JSON.parse(s) as unknown;
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'))
          return v as Record<string, string>;
      } catch {
        /* reported below */
      }
      c.addIssue({ code: 'custom', message: 'Expected a JSON object {"column header": "field"}' });
      return z.NEVER;
    })
    .describe(
      'Column mapping as JSON {"column header": "field"} ("" ignores a column); columns not named are recognised by their header (French, English, GLPI exports)',
    ),
  defaultKind: kind.optional().describe('Kind of new devices whose row names none (e.g. a GLPI computer export)'),
});

export const importReportSchema = z
  .object({
    dryRun: z.boolean(),
    format: z.enum(['csv', 'xlsx']),
    rows: z.number().int().describe('Data rows read'),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int().describe('Rows not imported (see errors)'),
    columns: z
      .array(z.object({ header: z.string(), field: z.string().nullable().describe('Field it fills; null: ignored') }))
      .describe('How each column of the file was read'),
    errors: z
      .array(
        z.object({
          row: z.number().int().describe('Row in the file (header = 1)'),
          field: z.string(),
          reason: z.string(),
        }),
      )
      .describe('Every problem, by row and field'),
    actions: z
      .array(
        z.object({
          row: z.number().int(),
          action: z.enum(['create', 'update', 'unchanged', 'reject']),
          deviceId: z.string().nullable(),
          serial: z.string().nullable(),
          inventoryNumber: z.string().nullable(),
          changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
        }),
      )
      .describe('What each row does (the first 500 rows)'),
  })
  .describe('DeviceImportReport');

export const inventoryBody = z
  .any()
  .describe(
    'An agent inventory: FusionInventory/OCS XML (<REQUEST>…<QUERY>INVENTORY</QUERY></REQUEST>) or GLPI Agent JSON (glpi-project/inventory_format), optionally zlib-compressed',
  );

export const inventoryResultSchema = z
  .object({
    status: z.literal('ok').optional().describe('GLPI Agent protocol: the inventory was taken (JSON inventories)'),
    expiration: z
      .number()
      .int()
      .optional()
      .describe('GLPI Agent protocol: hours until the agent sends again (JSON inventories)'),
    deviceId: z.string().describe('The fleet device the inventory updated or created'),
    agentDeviceId: z.string().describe('The agent’s device id (DEVICEID)'),
    action: z.enum(['created', 'updated', 'unchanged']),
    changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).describe('Field → [before, after]'),
  })
  .describe('InventoryResult');

export const glpiContactReplySchema = z
  .object({
    status: z.literal('ok'),
    expiration: z.number().int().describe('Hours until the agent calls again'),
    tasks: z
      .object({ inventory: z.object({ server: z.string(), version: z.string() }) })
      .describe('The tasks the server takes: the inventory'),
  })
  .describe('GlpiContactReply: the answer to a GLPI Agent `contact` message');

export const planQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Year planned (default: next year)'),
  budget: z.coerce.number().min(0).max(100_000_000).optional().describe('Budget of the year in euros'),
  limit: z.coerce.number().int().min(1).max(5000).default(200).describe('Ranked devices returned'),
});

export const planSchema = z
  .object({
    communeId: z.string(),
    year: z.number().int(),
    fleet: z.number().int().describe('Devices in service on 1 January (a year to come: in service today)'),
    sharePerYear: z.number().nullable().describe('Share to renew, from the contract in force; null when none'),
    shareSource: z
      .object({ indicatorCode: z.string(), annexVersionId: z.string(), version: z.number().int() })
      .nullable()
      .describe('The indicator and annex version the share comes from'),
    required: z.number().int().nullable().describe('Devices the share asks to renew (rounded up)'),
    due: z.number().int().describe('Devices past the policy age of their kind'),
    estimatedCost: z.number().describe('Cost of the selected renewals, euros'),
    budget: z.number().nullable(),
    affordable: z.number().int().nullable().describe('How many of the ranked devices the budget renews'),
    budgetCovers: z.boolean().nullable().describe('The budget covers what the share asks'),
    byKind: z.array(
      z.object({
        kind: z.string(),
        fleet: z.number().int(),
        due: z.number().int(),
        selected: z.number().int(),
        cost: z.number(),
      }),
    ),
    total: z.number().int().describe('Ranked devices, all included'),
    items: z.array(
      z.object({
        rank: z.number().int(),
        device: z.object({
          id: z.string(),
          kind: z.string(),
          name: z.string().nullable(),
          serial: z.string().nullable(),
          inventoryNumber: z.string().nullable(),
          model: z.string().nullable(),
          site: z.string().nullable(),
          assignedTo: z.string().nullable(),
        }),
        ageYears: z.number().nullable(),
        policyAgeYears: z.number(),
        due: z.boolean(),
        outOfWarranty: z.boolean(),
        incidents: z.number().int(),
        replacementCost: z.number(),
        selected: z.boolean().describe('Among the devices the share asks to renew'),
        withinBudget: z.boolean().nullable(),
      }),
    ),
  })
  .describe('RenewalPlan');

export type PlanQuery = z.infer<typeof planQuery>;
export type PlanView = z.infer<typeof planSchema>;

export const progressQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Year shown (default: the current year)'),
});

const progressStatus = z
  .enum(['on_track', 'behind', 'upcoming', 'no_target', 'no_data'])
  .describe(
    'on_track: the renewals reach what the share asks by that day; behind: they do not; upcoming: month not begun; no_target: no version gives a share; no_data: no fleet on 1 January',
  );

export const progressSchema = z
  .object({
    communeId: z.string().describe('The commune'),
    year: z.number().int().describe('The year shown'),
    fleetAtStart: z.number().int().describe('Devices in service at 00:00 on 1 January (the stock 3.1.1 divides by)'),
    yearShare: z
      .number()
      .nullable()
      .describe(
        'Share of the fleet the year asks to renew (1/6 in the reference; weighted by days across an amendment)',
      ),
    yearRequired: z.number().int().nullable().describe('Renewals the year asks for (rounded up); null without a share'),
    renewed: z.number().int().describe('Renewals put into service in the year so far'),
    measuredTo: localDate.describe('Measured up to this day (exclusive): the day after today for the running year'),
    months: z
      .array(
        z.object({
          month: z.string().describe('YYYY-MM'),
          renewed: z.number().int().describe('Renewals put into service in the month'),
          cumulative: z
            .number()
            .int()
            .nullable()
            .describe('Renewals since 1 January to the month’s end; null: not begun'),
          targetShare: z.number().nullable().describe('Share asked by the month’s end, prorated by days'),
          targetCount: z
            .number()
            .nullable()
            .describe('Devices that share represents (fleet at 1 January × share), unrounded'),
          required: z
            .number()
            .int()
            .nullable()
            .describe('Renewals needed by the day measured in the month (rounded up); null: not begun or no share'),
          status: progressStatus,
        }),
      )
      .describe('The twelve months of the year'),
    versions: z
      .array(
        z.object({
          from: localDate.describe('First day under this version'),
          to: localDate.describe('Day after the last'),
          annexVersionId: z.string().describe('The annex version in force'),
          version: z.number().int().describe('Its number'),
          sharePerYear: z.number().nullable().describe('The yearly share it gives; null: none'),
        }),
      )
      .describe('The contract versions in force over the year'),
  })
  .describe('RenewalProgress');

export type ProgressQuery = z.infer<typeof progressQuery>;
export type ProgressView = z.infer<typeof progressSchema>;
