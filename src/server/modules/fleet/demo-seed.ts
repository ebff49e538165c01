import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { AppContext } from '../../context';
import type { DemoOrg } from '../../demo/organisation';
import { newId } from '../../lib/ids';
import { demoFleetRows, type FleetSpec } from './demo-fleet';
import { localToday } from './service';
import type { DeviceHistoryTable, DevicesTable } from './tables';

/**
 * Demo fleets. Le Bouscat: 212 devices when the contract starts (2016, the annex's baseline),
 * 238 from 2018 with the médiathèque La Source, a little growth since; renewals each year around
 * the contract's 1/6, above it in some years and below in others (2019–2020 missed, 2017, 2023
 * and 2025 short of it). Villedemo: 180 devices in 2019 against 1/5 a year. The initial fleets
 * are reconstructed (marked in their notes): the reference gives only the share to renew.
 */
export const leBouscatFleet: FleetSpec = {
  prefix: 'LB',
  seed: 1601,
  initial: {
    desktop: 62,
    laptop: 33,
    thin_client: 12,
    tablet: 10,
    smartphone: 25,
    screen: 35,
    printer: 8,
    multifunction: 7,
    telephony: 15,
    peripheral: 5,
  },
  initialFrom: '2009-02-01',
  initialTo: '2015-12-15',
  rates: {
    2016: 0.175,
    2017: 0.13,
    2018: 0.18,
    2019: 0.1,
    2020: 0.075,
    2021: 0.21,
    2022: 0.175,
    2023: 0.13,
    2024: 0.19,
    2025: 0.14,
    2026: 0.17,
  },
  additions: {
    2017: [
      { count: 20, site: 'Médiathèque La Source', entity: 'laSource', month: 9 },
      { count: 6, kind: 'screen', site: 'Médiathèque La Source', entity: 'laSource', month: 10 },
    ],
    2019: [{ count: 4, site: 'Hôtel de ville', month: 3 }],
    2021: [{ count: 8, kind: 'laptop', site: 'Hôtel de ville', month: 2 }],
    2023: [{ count: 5, site: 'Centre technique municipal', month: 5 }],
    2025: [{ count: 6, kind: 'tablet', site: 'Écoles', month: 8 }],
  },
  reductions: { 2020: 2, 2022: 3, 2024: 2 },
  sites: [
    {
      site: 'Hôtel de ville',
      entity: 'mairieLeBouscat',
      services: ['Accueil', 'État civil', 'Urbanisme', 'Finances', 'Ressources humaines', 'Direction générale'],
    },
    { site: 'Centre technique municipal', services: ['Services techniques', 'Espaces verts', 'Bâtiments'] },
    { site: 'Police municipale', services: ['Police municipale'] },
    { site: 'Écoles', services: ['Éducation', 'Restauration scolaire'] },
    { site: 'CCAS du Bouscat', entity: 'ccasLeBouscat', services: ['CCAS — accueil', 'CCAS — aide sociale'] },
    {
      site: 'Médiathèque La Source',
      entity: 'laSource',
      services: ['Médiathèque — prêt', 'Médiathèque — espace numérique'],
    },
  ],
};

export const villedemoFleet: FleetSpec = {
  prefix: 'VD',
  seed: 1903,
  initial: {
    desktop: 55,
    laptop: 30,
    tablet: 12,
    smartphone: 22,
    screen: 30,
    printer: 8,
    multifunction: 5,
    telephony: 14,
    peripheral: 4,
  },
  initialFrom: '2012-01-15',
  initialTo: '2018-12-15',
  rates: { 2019: 0.19, 2020: 0.12, 2021: 0.22, 2022: 0.2, 2023: 0.17, 2024: 0.23, 2025: 0.19, 2026: 0.18 },
  additions: { 2022: [{ count: 12, kind: 'tablet', site: 'École Jules-Ferry', entity: 'ecoleVilledemo', month: 9 }] },
  reductions: { 2021: 2, 2024: 3 },
  sites: [
    { site: 'Mairie', services: ['Accueil', 'État civil', 'Finances', 'Urbanisme', 'Direction générale'] },
    { site: 'CCAS de Villedemo', entity: 'ccasVilledemo', services: ['CCAS'] },
    { site: 'École Jules-Ferry', entity: 'ecoleVilledemo', services: ['École'] },
    { site: 'Ateliers municipaux', services: ['Services techniques'] },
  ],
};

/** Inserts a commune's demo fleet and its history (creation, renewal of the device replaced). */
export async function insertDemoFleet(
  trx: Transaction<DB>,
  communeId: string,
  entities: Record<string, string>,
  spec: FleetSpec,
  today: string,
): Promise<number> {
  const rows = demoFleetRows(spec, today);
  const ids = new Map(rows.map((r) => [r.key, newId(Date.parse(r.createdAt))]));
  const devices: DevicesTable[] = rows.map(({ key, entityKey, replacesKey, ...r }) => ({
    ...r,
    id: ids.get(key)!,
    communeId,
    entityId: entityKey ? (entities[entityKey] ?? null) : null,
    replacesId: replacesKey === null ? null : ids.get(replacesKey)!,
  }));
  const history: DeviceHistoryTable[] = [];
  for (const d of devices) {
    history.push({
      id: newId(Date.parse(d.createdAt)),
      communeId,
      deviceId: d.id,
      at: d.createdAt,
      actorId: null,
      actorLabel: 'démonstration',
      action: 'created',
      source: 'demo',
      changes: JSON.stringify({
        status: [null, d.inServiceFrom ? 'deployed' : 'in_stock'],
        inServiceFrom: [null, d.inServiceFrom],
      }),
    });
    if (d.retiredOn) {
      const by = devices.find((x) => x.replacesId === d.id);
      history.push({
        id: newId(Date.parse(`${d.retiredOn}T08:00:00Z`)),
        communeId,
        deviceId: d.id,
        at: `${d.retiredOn}T08:00:00.000Z`,
        actorId: null,
        actorLabel: 'démonstration',
        action: by ? 'renewed' : 'retired',
        source: 'demo',
        changes: JSON.stringify({
          status: ['deployed', 'retired'],
          retiredOn: [null, d.retiredOn],
          ...(by ? { replacedBy: [null, by.id] } : {}),
        }),
      });
    }
    if (d.retiredOn) d.updatedAt = `${d.retiredOn}T08:00:00.000Z`;
  }
  for (let i = 0; i < devices.length; i += 200)
    await trx
      .insertInto('devices')
      .values(devices.slice(i, i + 200))
      .execute();
  for (let i = 0; i < history.length; i += 200)
    await trx
      .insertInto('deviceHistory')
      .values(history.slice(i, i + 200))
      .execute();
  return devices.length;
}

export async function seedFleet(trx: Transaction<DB>, org: DemoOrg, ctx: AppContext): Promise<void> {
  const today = localToday(ctx.now());
  await insertDemoFleet(trx, org.communes.leBouscat, org.entities, leBouscatFleet, today);
  await insertDemoFleet(trx, org.communes.villedemo, org.entities, villedemoFleet, today);
}
