/**
 * `npm run bench:fleet` — on a fresh SQLite database: imports 20,000 devices from one XLSX file,
 * receives 1,000 agent inventories (GLPI Agent JSON, new machines), then computes indicator 3.1.1
 * for one year for 30 communes (each with a demo fleet of ~660 devices; the first also holds
 * the 20,000 imported). Targets (issue 14): import ≤ 10 s, ≤ 50 ms per inventory, ≤ 1 s for the
 * indicator across 30 communes. The last line printed is JSON with the figures.
 *
 * With DATABASE_URL set (`postgres://…/postgres`), the same runs on PostgreSQL: a fresh database
 * is created on that server for the run and dropped after it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { createContext } from '../src/server/context';
import { testConfig } from '../src/server/config';
import { newId } from '../src/server/lib/ids';
import { permissionsOf, systemActor, type Actor } from '../src/server/access/actor';
import { importDevices } from '../src/server/modules/fleet/import';
import { receiveInventory } from '../src/server/modules/fleet/inventory';
import { fleetRenewalProvider } from '../src/server/modules/fleet/indicator';
import { insertDemoFleet, leBouscatFleet } from '../src/server/modules/fleet/demo-seed';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 20_000);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 1_000);
const COMMUNES = Number(process.env.BENCH_COMMUNES ?? 30);
const NOW = new Date('2026-11-28T09:00:00.000Z');
const kinds = ['Portable', 'Poste fixe', 'Écran', 'Smartphone', 'Tablette', 'Imprimante', 'Téléphonie', 'Client léger'];

/** A fresh database: SQLite in a temporary folder, or a new PostgreSQL database when DATABASE_URL is set. */
async function freshDatabase(dir: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const admin = process.env.DATABASE_URL;
  if (!admin) return { database: openDatabase({ databaseUrl: null, dataDir: dir }), drop: async () => {} };
  const name = `mutualis_bench_fleet_${Date.now()}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await run(`CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    database: openDatabase({ databaseUrl: u.toString(), dataDir: dir }),
    drop: () => run(`DROP DATABASE IF EXISTS ${name}`),
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fleet-'));
  const { database, drop } = await freshDatabase(dir);
  await migrateToLatest(database);
  const ctx = createContext(testConfig(), database, () => NOW);
  const at = NOW.toISOString();
  const communes: string[] = [];
  for (let i = 0; i < COMMUNES; i++) {
    const id = newId();
    communes.push(id);
    await ctx.db
      .insertInto('communes')
      .values({ id, name: `Commune ${i + 1}`, slug: `commune-${i + 1}`, inseeCode: null, createdAt: at, updatedAt: at })
      .execute();
  }

  // 1. One XLSX of DEVICES rows (GLPI-like columns), imported into the first commune.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Parc');
  ws.addRow([
    'Type',
    'Nom',
    'Numéro de série',
    'Numéro d’inventaire',
    'Fabricant',
    'Modèle',
    'Date d’achat',
    'Coût',
    'Lieu',
    'Statut',
  ]);
  for (let i = 0; i < DEVICES; i++) {
    const y = 2015 + (i % 11);
    ws.addRow([
      kinds[i % kinds.length],
      `PC-${i}`,
      `SN${String(i).padStart(8, '0')}`,
      `INV-${y}-${i}`,
      'Dell',
      'OptiPlex 7010',
      new Date(Date.UTC(y, i % 12, 1 + (i % 27))),
      500 + (i % 700),
      'Mairie',
      i % 40 === 0 ? 'En stock' : 'En service',
    ]);
  }
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  let t = performance.now();
  const report = await importDevices(
    ctx,
    systemActor,
    communes[0]!,
    { filename: 'parc.xlsx', data, contentType: 'application/octet-stream', truncated: false },
    { dryRun: false },
  );
  const importSeconds = (performance.now() - t) / 1000;
  if (report.created !== DEVICES)
    throw new Error(`imported ${report.created} of ${DEVICES}: ${JSON.stringify(report.errors.slice(0, 3))}`);

  // 2. AGENTS inventories on a token scoped to the second commune.
  const agent: Actor = {
    kind: 'token',
    id: newId(),
    label: 'token:agents',
    email: null,
    roles: [],
    permissions: new Set([...permissionsOf(['administrator'])].filter((p) => p === 'fleet.inventory')),
    communeId: communes[1]!,
    entityId: null,
    communes: [communes[1]!],
    locale: 'fr',
  };
  t = performance.now();
  for (let i = 0; i < AGENTS; i++) {
    await receiveInventory(ctx, agent, {
      action: 'inventory',
      deviceid: `pc-${i}-2026-01-01-00-00-00`,
      content: {
        bios: { ssn: `AG${String(i).padStart(7, '0')}`, smanufacturer: 'HP', smodel: 'EliteBook 840 G8' },
        versionclient: 'GLPI-Agent_v1.7',
        hardware: { name: `PC-AG-${i}`, chassis_type: i % 2 ? 'Notebook' : 'Desktop', memory: 16000 },
        operatingsystem: { full_name: 'Microsoft Windows 11 Professionnel' },
        cpus: [{ name: 'Intel(R) Core(TM) i5-1135G7', core: 4 }],
      },
    });
  }
  const perInventoryMs = (performance.now() - t) / AGENTS;

  // 3. Demo fleets everywhere, then 3.1.1 for one year for every commune.
  await ctx.db.transaction().execute(async (trx) => {
    for (const c of communes)
      await insertDemoFleet(
        trx,
        c,
        {},
        { ...leBouscatFleet, sites: leBouscatFleet.sites.map((s) => ({ ...s, entity: undefined })) },
        '2026-11-28',
      );
  });
  const total = await ctx.db
    .selectFrom('devices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const def = {
    code: '3.1.1',
    title: 'Taux de modernisation du parc des PENT actuels',
    rule: { kind: 'fleet_renewal_share', sharePerYear: 0.1667 },
    commitmentCode: '3.1',
    commitmentText: 'Renouvellement des PENT',
  };
  t = performance.now();
  const statuses: string[] = [];
  for (const communeId of communes) {
    const m = await fleetRenewalProvider({
      db: ctx.db,
      communeId,
      period: { kind: 'year', year: 2025, index: 1 },
      bounds: {
        fromDate: '2025-01-01',
        toDate: '2026-01-01',
        fromUtc: '2024-12-31T23:00:00.000Z',
        toUtc: '2025-12-31T23:00:00.000Z',
      },
      zone: 'Europe/Paris',
      def,
      pieces: [{ from: '2025-01-01', to: '2026-01-01', annexVersionId: null, version: 1, def }],
      trendPeriods: [],
      locale: 'fr',
      now: NOW,
    });
    statuses.push(m.status);
  }
  const indicatorSeconds = (performance.now() - t) / 1000;
  await database.close();
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    `import ${DEVICES} devices: ${importSeconds.toFixed(2)} s; ${AGENTS} inventories: ${perInventoryMs.toFixed(1)} ms each; 3.1.1 for ${COMMUNES} communes: ${(indicatorSeconds * 1000).toFixed(0)} ms (${Number(total.n)} devices)`,
  );
  console.log(
    JSON.stringify({
      dialect: database.dialect,
      importDevices: DEVICES,
      importSeconds: Math.round(importSeconds * 100) / 100,
      inventories: AGENTS,
      perInventoryMs: Math.round(perInventoryMs * 10) / 10,
      communes: COMMUNES,
      devices: Number(total.n),
      indicatorSeconds: Math.round(indicatorSeconds * 1000) / 1000,
      statuses: [...new Set(statuses)],
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
