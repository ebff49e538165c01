import type { DeviceKind } from './model';
import { defaultPolicy } from './model';
import type { DevicesTable } from './tables';
import { inServiceAt } from './renewal-rate';

/**
 * A deterministic demo fleet for a commune: an initial fleet (reconstructed: the reference gives
 * no inventory, only the share to renew), then year after year the oldest devices renewed at a
 * chosen rate (some years above the contract's share, some below), a few additions and
 * retirements without replacement, a few devices in stock or in repair today. Pure: rows in
 * memory, ids by the caller's function; nothing after `today` happens.
 */

/** mulberry32: a small seeded PRNG (deterministic demo data). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FleetSpec {
  prefix: string;
  /** Kind mix of the initial fleet. */
  initial: Partial<Record<DeviceKind, number>>;
  /** First day of the initial fleet's service dates, and the day before which it was all in service. */
  initialFrom: string;
  initialTo: string;
  /** Share of the fleet at the start of each year renewed during it. */
  rates: Record<number, number>;
  /** Devices added (not renewals) per year, with their site, entity key and month. */
  additions?: Record<number, { count: number; kind?: DeviceKind; site: string; entity?: string; month: number }[]>;
  /** Devices retired without replacement per year. */
  reductions?: Record<number, number>;
  sites: Array<{ site: string; entity?: string; services: string[] }>;
  seed: number;
}

type Row = Omit<DevicesTable, 'id' | 'communeId' | 'entityId'> & {
  key: number;
  entityKey: string | null;
  replacesKey: number | null;
};

const catalogue: Record<DeviceKind, Array<[string, string[]]>> = {
  desktop: [
    ['Dell', ['OptiPlex 7010', 'OptiPlex 7050', 'OptiPlex 7090', 'OptiPlex 7010 Plus']],
    ['HP', ['EliteDesk 800 G1', 'EliteDesk 800 G4', 'EliteDesk 800 G8']],
    ['Lenovo', ['ThinkCentre M720q', 'ThinkCentre M90q Gen 3']],
  ],
  laptop: [
    ['Lenovo', ['ThinkPad T440', 'ThinkPad T480', 'ThinkPad T14 Gen 2', 'ThinkPad T14 Gen 4']],
    ['Dell', ['Latitude 5480', 'Latitude 5520', 'Latitude 5440']],
    ['HP', ['EliteBook 840 G5', 'EliteBook 840 G9']],
  ],
  thin_client: [
    ['HP', ['t520', 't640']],
    ['Dell Wyse', ['5070', '3040']],
  ],
  tablet: [
    ['Apple', ['iPad (6e génération)', 'iPad (9e génération)', 'iPad (10e génération)']],
    ['Samsung', ['Galaxy Tab A8', 'Galaxy Tab S6 Lite']],
  ],
  smartphone: [
    ['Samsung', ['Galaxy A5', 'Galaxy A52', 'Galaxy A54']],
    ['Apple', ['iPhone SE', 'iPhone 12', 'iPhone 13']],
    ['Crosscall', ['Core-X4', 'Core-Z5']],
  ],
  screen: [
    ['Dell', ['P2214H', 'P2419H', 'P2423D']],
    ['Iiyama', ['ProLite XU2493HS', 'ProLite XUB2492HSU']],
  ],
  printer: [
    ['HP', ['LaserJet Pro M402dn', 'LaserJet Pro 4002dn']],
    ['Brother', ['HL-L5100DN', 'HL-L6210DW']],
  ],
  multifunction: [
    ['Ricoh', ['MP C3004', 'IM C3000', 'IM C3010']],
    ['Canon', ['imageRUNNER ADVANCE C5535i', 'imageRUNNER ADVANCE DX C5840i']],
  ],
  telephony: [
    ['Alcatel-Lucent', ['8039 Premium DeskPhone', '8029s Premium DeskPhone']],
    ['Yealink', ['T54W', 'T46U']],
  ],
  peripheral: [
    ['Fujitsu', ['fi-7160 (scanner)', 'fi-8170 (scanner)']],
    ['Lenovo', ['ThinkPad USB-C Dock Gen 2']],
    ['Zebra', ['DS2208 (lecteur code-barres)']],
  ],
};

const serialPrefix: Record<DeviceKind, string> = {
  desktop: 'PC',
  laptop: 'PF',
  thin_client: 'CL',
  tablet: 'TB',
  smartphone: 'SP',
  screen: 'EC',
  printer: 'IM',
  multifunction: 'MF',
  telephony: 'TL',
  peripheral: 'PE',
};

const warrantyYears: Record<DeviceKind, number> = {
  desktop: 5,
  laptop: 3,
  thin_client: 5,
  tablet: 2,
  smartphone: 2,
  screen: 5,
  printer: 3,
  multifunction: 5,
  telephony: 3,
  peripheral: 2,
};

const day = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const addYears = (d: string, n: number) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`.replace('-02-29', '-02-28');

export function demoFleetRows(spec: FleetSpec, today: string): Row[] {
  const r = prng(spec.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const rows: Row[] = [];
  let key = 0;
  const counters = new Map<string, number>();
  const make = (
    kind: DeviceKind,
    inService: string,
    place: { site: string; entity?: string; service: string },
    opts: { renewal: boolean; replacesKey?: number | null; reconstructed?: boolean },
  ): Row => {
    const year = Number(inService.slice(0, 4));
    const era = Math.min(1, Math.max(0, (year - 2009) / 17));
    const [manufacturer, models] = pick(catalogue[kind]);
    const model = models[Math.min(models.length - 1, Math.floor(era * models.length))]!;
    const n = (counters.get(`${year}`) ?? 0) + 1;
    counters.set(`${year}`, n);
    const purchase = day(inService, -(7 + Math.floor(r() * 40)));
    const price = defaultPolicy[kind].replacementCost * (0.85 + r() * 0.3);
    const k = key++;
    return {
      key: k,
      entityKey: place.entity ?? null,
      kind,
      name: ['desktop', 'laptop', 'thin_client'].includes(kind)
        ? `${spec.prefix}-${serialPrefix[kind]}${String(k + 1).padStart(4, '0')}`
        : null,
      serial: `${serialPrefix[kind]}${manufacturer.slice(0, 2).toUpperCase()}${year}${String(
        Math.floor(r() * 1e6),
      ).padStart(6, '0')}${k}`,
      inventoryNumber: `${spec.prefix}-${year}-${String(n).padStart(4, '0')}`,
      manufacturer,
      model,
      purchaseDate: purchase,
      warrantyEnd: day(addYears(purchase, warrantyYears[kind]), -1),
      costCents: Math.round(price) * 100,
      site: place.site,
      assignedTo: place.service,
      status: 'deployed',
      inServiceFrom: inService,
      retiredOn: null,
      renewal: opts.renewal ? 1 : 0,
      replacesKey: opts.replacesKey ?? null,
      replacesId: null,
      source: 'demo',
      agentDeviceId: null,
      hardware: null,
      lastInventoryAt: null,
      notes: opts.reconstructed
        ? 'Parc initial reconstitué pour la démonstration (la référence ne donne pas d’inventaire).'
        : null,
      createdAt: `${inService}T08:00:00.000Z`,
      updatedAt: `${inService}T08:00:00.000Z`,
    };
  };
  const place = (entity?: string) => {
    const list = entity
      ? spec.sites.filter((s) => s.entity === entity)
      : spec.sites.filter((s) => !s.entity || r() < 0.15);
    const s = pick(list.length ? list : spec.sites);
    return { site: s.site, entity: s.entity, service: pick(s.services) };
  };

  // The initial fleet, service dates spread over [initialFrom, initialTo).
  const span = Math.round((Date.parse(initialTo(spec)) - Date.parse(spec.initialFrom)) / 86_400_000);
  for (const [kind, count] of Object.entries(spec.initial) as Array<[DeviceKind, number]>)
    for (let i = 0; i < count; i++)
      rows.push(
        make(kind, day(spec.initialFrom, Math.floor(r() * span)), place(), { renewal: false, reconstructed: true }),
      );

  const years = Object.keys(spec.rates)
    .map(Number)
    .sort((a, b) => a - b);
  for (const y of years) {
    const start = `${y}-01-01`;
    const yd = Math.round((Date.parse(`${y + 1}-01-01`) - Date.parse(start)) / 86_400_000);
    const fleet = rows
      .filter((d) => inServiceAt(d, start))
      .sort((a, b) => (a.inServiceFrom! < b.inServiceFrom! ? -1 : 1));
    const count = Math.round(spec.rates[y]! * fleet.length);
    const chosen = fleet.slice(0, count);
    chosen.forEach((old, i) => {
      const when = day(start, Math.min(yd - 1, Math.floor(((i + 0.2 + r() * 0.6) / count) * yd)));
      if (when >= today) return;
      old.retiredOn = when;
      old.status = 'retired';
      const fresh = make(
        old.kind as DeviceKind,
        when,
        { site: old.site!, entity: old.entityKey ?? undefined, service: old.assignedTo! },
        {
          renewal: true,
          replacesKey: old.key,
        },
      );
      rows.push(fresh);
    });
    for (const a of spec.additions?.[y] ?? [])
      for (let i = 0; i < a.count; i++) {
        const when = day(`${y}-${String(a.month).padStart(2, '0')}-01`, Math.floor(r() * 27));
        if (when >= today) continue;
        const kinds = Object.keys(spec.initial) as DeviceKind[];
        rows.push(make(a.kind ?? pick(kinds), when, { ...place(a.entity), site: a.site }, { renewal: false }));
      }
    const remaining = rows.filter((d) => inServiceAt(d, start) && !d.retiredOn);
    for (let i = 0; i < (spec.reductions?.[y] ?? 0) && remaining.length; i++) {
      const d = remaining.splice(Math.floor(r() * remaining.length), 1)[0]!;
      const when = day(start, Math.floor(r() * yd));
      if (when >= today) continue;
      d.retiredOn = when;
      d.status = 'retired';
    }
  }
  // Today: a few devices in repair, a few bought and waiting in stock.
  const live = rows.filter((d) => !d.retiredOn);
  for (let i = 0; i < 3 && live.length; i++) live[Math.floor(r() * live.length)]!.status = 'in_repair';
  for (let i = 0; i < 4; i++) {
    const d = make(pick(['laptop', 'desktop', 'screen'] as DeviceKind[]), day(today, -10 - i * 5), place(), {
      renewal: false,
    });
    d.inServiceFrom = null;
    d.status = 'in_stock';
    d.assignedTo = null;
    rows.push(d);
  }
  return rows;
}

function initialTo(spec: FleetSpec): string {
  return `${spec.initialTo}T00:00:00Z`;
}
