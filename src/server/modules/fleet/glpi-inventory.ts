import { z } from 'zod';

/**
 * The GLPI Agent JSON messages, checked before they are read: the envelope of the agent protocol
 * (`contact`, then `inventory`) and, in an inventory, the sections the fleet keeps, typed as the
 * public format describes them (glpi-project/inventory_format, draft-07 JSON schema): `deviceid`
 * and `content` required, `content.versionclient` required, integers where the format says
 * integers (memory in MB, disk sizes, cores), dates as `YYYY-MM-DD`. Sections the fleet does not
 * read (software, networks, …) are let through as the agent sent them. A message that breaks the
 * format is refused with the path of the first faulty fields, so an agent's administrator sees
 * which of their data is wrong.
 *
 * Written from the format's documentation, not copied from it: the fields listed here are the
 * ones this module reads, plus the envelope.
 */

const str = z.string();
const int = z.number().int();
const date = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'Expected a date YYYY-MM-DD');
/** A section the format gives as one object; some agents send it as a one-element list. */
const oneOrMany = <T extends z.ZodTypeAny>(t: T) => z.union([t, z.array(t)]);

const bios = z
  .looseObject({
    assettag: str,
    bdate: date,
    bmanufacturer: str,
    bversion: str,
    mmanufacturer: str,
    mmodel: str,
    msn: str,
    skunumber: str,
    smanufacturer: str,
    smodel: str,
    ssn: str,
  })
  .partial();

const hardware = z
  .looseObject({
    name: str,
    chassis_type: str,
    memory: int,
    uuid: str,
    vmsystem: str,
    osname: str,
    osversion: str,
    processort: str,
    workgroup: str,
  })
  .partial();

const operatingsystem = z
  .looseObject({ full_name: str, name: str, version: str, fqdn: str, arch: str, kernel_version: str })
  .partial();

const cpu = z.looseObject({ name: str, core: int, corecount: int, thread: int, speed: int }).partial();
const storage = z.looseObject({ name: str, model: str, disksize: int, serial: str, serialnumber: str }).partial();
const memory = z.looseObject({ capacity: int, serialnumber: str, type: str }).partial();
const accountinfo = z.looseObject({ keyname: str, keyvalue: str });

const content = z.looseObject({
  versionclient: str.min(1),
  bios: bios.optional(),
  hardware: hardware.optional(),
  operatingsystem: operatingsystem.optional(),
  cpus: z.array(cpu).optional(),
  storages: z.array(storage).optional(),
  memories: z.array(memory).optional(),
  accountinfo: oneOrMany(accountinfo).optional(),
});

/** What the agent says first: who it is and which tasks it runs; the server answers which to do. */
export const glpiContact = z.looseObject({
  action: z.literal('contact'),
  deviceid: str.min(1),
  name: str.optional(),
  version: str.optional(),
  tag: str.optional(),
  'installed-tasks': z.array(str).optional(),
  'enabled-tasks': z.array(str).optional(),
  'httpd-port': z.union([int, str]).optional(),
});

/** An inventory: the machine's device id and what the agent found, with the kind of item. */
export const glpiInventory = z.looseObject({
  action: z.literal('inventory').optional(),
  deviceid: str.min(1),
  itemtype: str.optional(),
  partial: z.boolean().optional(),
  tag: str.optional(),
  content,
});

export type GlpiMessage = { action: 'contact' } | { action: 'inventory' };

export class GlpiFormatError extends Error {
  constructor(
    message: string,
    /** The faulty fields: their path in the message, and what is wrong. */
    readonly problems: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

/**
 * Checks a GLPI Agent JSON message (its keys as sent: the format is lower case). Throws a
 * GlpiFormatError naming up to five faulty fields; answers the kind of message.
 */
export function checkGlpiMessage(doc: unknown): GlpiMessage['action'] {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new GlpiFormatError('Expected a JSON object.', []);
  const action = (doc as { action?: unknown }).action;
  if (action !== undefined && action !== 'contact' && action !== 'inventory')
    throw new GlpiFormatError(
      `Only the "contact" and "inventory" messages are accepted here (action ${JSON.stringify(action).slice(0, 40)}).`,
      [{ path: 'action', message: 'Expected "contact" or "inventory"' }],
    );
  const schema = action === 'contact' ? glpiContact : glpiInventory;
  const r = schema.safeParse(doc);
  if (r.success) return action === 'contact' ? 'contact' : 'inventory';
  const problems = r.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new GlpiFormatError(
    `Not a GLPI Agent ${action === 'contact' ? 'contact message' : 'inventory'} (glpi-project/inventory_format): ${problems
      .map((p) => `${p.path || '(document)'}: ${p.message}`)
      .join('; ')}`,
    problems,
  );
}
