import { inflateSync, gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import type { DeviceKind } from './model';
import { checkGlpiMessage } from './glpi-inventory';

/**
 * Inventories posted by the agents communes run: FusionInventory / OCS Inventory XML
 * (`<REQUEST><CONTENT>…</CONTENT><DEVICEID>…</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`) and
 * the GLPI Agent JSON format (glpi-project/inventory_format: the same tree in lower case,
 * `{"deviceid", "content": {…}, "action"|"query", "itemtype"}`), optionally zlib-compressed as
 * the agents send them. Both are read into one lower-cased tree, then into the fields the fleet
 * keeps: identity (device id, serial, name, maker, model, kind) and a hardware summary.
 */

export interface AgentInventory {
  /** The document's format: the reply to the agent is in the same one. */
  format: 'xml' | 'json';
  deviceId: string;
  query: string;
  tag: string | null;
  name: string | null;
  serial: string | null;
  manufacturer: string | null;
  model: string | null;
  kind: DeviceKind;
  hardware: Record<string, unknown>;
}

export class InventoryFormatError extends Error {}

type Tree = Record<string, unknown>;

function lowerKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(lowerKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Tree).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)]));
  return v;
}

/** The body as text: inflated when the agent compressed it (zlib or gzip). */
export function bodyText(body: Buffer): string {
  if (body.length >= 2 && body[0] === 0x78) {
    try {
      return inflateSync(body).toString('utf8');
    } catch {
      /* not zlib after all */
    }
  }
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) return gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/** A GLPI Agent JSON message, checked against the format (glpi-inventory.ts), as a lower-cased tree. */
function glpiTree(doc: unknown): Tree {
  const action = checkGlpiMessage(doc);
  return { ...(lowerKeys(doc) as Tree), action };
}

/** Parses an inventory in either format; throws InventoryFormatError naming what is wrong. */
export function parseInventory(input: Buffer | Tree): AgentInventory {
  let tree: Tree;
  let format: AgentInventory['format'] = 'json';
  if (Buffer.isBuffer(input)) {
    const text = bodyText(input)
      .replace(/^\ufeff/, '')
      .trim();
    if (text.startsWith('<')) {
      let xml: Tree;
      try {
        xml = parser.parse(text, true) as Tree;
      } catch (e) {
        throw new InventoryFormatError(`Not well-formed XML: ${(e as Error).message.slice(0, 200)}`);
      }
      const req = (lowerKeys(xml) as Tree).request;
      if (!req || typeof req !== 'object') throw new InventoryFormatError('Expected a <REQUEST> document.');
      tree = req as Tree;
      format = 'xml';
    } else {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        throw new InventoryFormatError('Neither XML nor JSON.');
      }
      tree = glpiTree(doc);
    }
  } else tree = glpiTree(input);
  if (!tree || typeof tree !== 'object' || Array.isArray(tree)) throw new InventoryFormatError('Expected an object.');
  const deviceId = str(tree.deviceid);
  if (!deviceId) throw new InventoryFormatError('No device id (DEVICEID / deviceid).');
  const query = (str(tree.query) ?? str(tree.action) ?? 'inventory').toLowerCase();
  const content = (tree.content ?? {}) as Tree;
  if (typeof content !== 'object' || Array.isArray(content))
    throw new InventoryFormatError('content must be an object.');
  const one = (k: string): Tree => {
    const v = content[k];
    return ((Array.isArray(v) ? v[0] : v) ?? {}) as Tree;
  };
  const many = (k: string): Tree[] => {
    const v = content[k];
    return (Array.isArray(v) ? v : v ? [v] : []) as Tree[];
  };
  const bios = one('bios');
  const hw = one('hardware');
  const os = one('operatingsystem');
  const tag =
    many('accountinfo').find((a) => str(a.keyname)?.toUpperCase() === 'TAG')?.keyvalue ?? str(tree.tag) ?? null;
  const itemtype = (str(tree.itemtype) ?? 'Computer').toLowerCase();
  const chassis = (str(hw.chassis_type) ?? '').toLowerCase();
  const kind: DeviceKind =
    itemtype === 'phone'
      ? 'smartphone'
      : itemtype === 'printer'
        ? 'printer'
        : /laptop|notebook|portable|convertible|detachable|hand ?held/.test(chassis)
          ? 'laptop'
          : /tablet/.test(chassis)
            ? 'tablet'
            : 'desktop';
  const cpus = many('cpus');
  const storages = many('storages').filter((s) => num(s.disksize) !== null);
  const memories = many('memories');
  const hardware: Record<string, unknown> = {
    os: str(os.full_name) ?? str(hw.osname) ?? null,
    osVersion: str(os.version) ?? str(hw.osversion) ?? null,
    cpu: str(cpus[0]?.name) ?? str(hw.processort) ?? null,
    cpuCores: cpus.reduce((s, c) => s + (num(c.core) ?? 0), 0) || null,
    memoryMb: num(hw.memory) ?? (memories.reduce((s, m) => s + (num(m.capacity) ?? 0), 0) || null),
    disks: storages.map((s) => ({
      model: str(s.model) ?? str(s.name),
      sizeMb: num(s.disksize),
      serial: str(s.serialnumber) ?? str(s.serial),
    })),
    uuid: str(hw.uuid) ?? null,
    chassis: str(hw.chassis_type) ?? null,
    vmSystem: str(hw.vmsystem) ?? null,
    biosDate: str(bios.bdate) ?? null,
    agent: str(content.versionclient) ?? null,
  };
  return {
    format,
    deviceId: deviceId.slice(0, 200),
    query,
    tag: typeof tag === 'string' && tag.trim() ? tag.trim() : null,
    name: (str(hw.name) ?? str(os.fqdn))?.slice(0, 200) ?? null,
    serial: realSerial(str(bios.ssn) ?? str(bios.msn)),
    manufacturer: str(bios.smanufacturer) ?? str(bios.mmanufacturer) ?? null,
    model: str(bios.smodel) ?? str(bios.mmodel) ?? null,
    kind,
    hardware,
  };
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  return null;
}

function num(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Serial numbers firmware fills with placeholders are no serial. */
export function realSerial(s: string | null): string | null {
  if (!s) return null;
  const n = s.trim();
  if (
    /^(to be filled by o\.?e\.?m\.?|default string|system serial number|not specified|none|n\/a|0+|x+|\.+|chassis serial number|123456789|invalid)$/i.test(
      n,
    )
  )
    return null;
  return n.slice(0, 100);
}
