import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { makeCommune, makeUser, multipart } from '../factories';
import { newId } from '../../src/server/lib/ids';

// Fleet files: CSV (French headers, semicolons) and XLSX (GLPI's computer export columns), dry
// run then import, bad rows reported by row and field, duplicates, re-import, formula cells.
describeEachDb('fleet import', (dialect) => {
  let t: BareTestApp;
  let communeId: string;
  let other: string;
  let tech: Record<string, string>;
  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    communeId = await makeCommune(t, { name: 'Importville', slug: 'importville' });
    other = await makeCommune(t, { name: 'Autreville', slug: 'autreville' });
    await t.app.ctx.db
      .insertInto('entities')
      .values({
        id: newId(),
        communeId,
        parentId: null,
        name: 'CCAS d’Importville',
        kind: 'ccas',
        createdAt: '2026-01-01T00:00:00.000Z',
      } as never)
      .execute();
    const u = await makeUser(t, { roles: ['technician'], assigned: [communeId] });
    tech = await t.as(u.email);
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = async (name: string, data: Buffer, query = '', commune = communeId, headers = tech) => {
    const f = multipart(name, data);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${commune}/devices/import${query}`,
      headers: { ...headers, 'content-type': f.contentType },
      payload: f.payload,
    });
  };
  const total = async (q = '') =>
    (await t.app.inject({ url: `/api/v1/communes/${communeId}/devices?limit=1${q}`, headers: tech })).json()
      .total as number;

  const good = [
    'Type;Nom;Numéro de série;Numéro d’inventaire;Fabricant;Modèle;Date d’achat;Fin de garantie;Coût;Lieu;Utilisateur;Statut;Mise en service;Entité;Couleur',
    'Ordinateur portable;IMP-PF001;5CG1234ABC;IMP-2021-001;HP;EliteBook 840 G8;12/03/2021;2024-03-11;1 099,90 €;Mairie;État civil;En service;15/03/2021;;bleu',
    'Poste fixe;IMP-PC002;CZC9876XYZ;IMP-2019-014;HP;EliteDesk 800 G4;2019-05-02;2024-05-01;849;Mairie;Urbanisme;En service;2019-05-10;CCAS d’Importville;gris',
    'Écran;;CN0ABC123;IMP-2019-015;Dell;P2419H;2019-05-02;;219.5;Mairie;Urbanisme;Déployé;;;noir',
    'Imprimante multifonction;;E123456789;;Ricoh;IM C3000;2020-01-10;;3 450,00;Accueil;Accueil;En stock;;;blanc',
  ].join('\r\n');

  it('previews a good file without writing, then imports it; the same file again changes nothing', async () => {
    const dry = await upload('parc.csv', Buffer.from(`\ufeff${good}`), '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, format: 'csv', rows: 4, created: 4, rejected: 0, errors: [] });
    expect(dry.json().columns.find((c: { header: string }) => c.header === 'Couleur').field).toBeNull();
    expect(await total()).toBe(0);

    const real = await upload('parc.csv', Buffer.from(good));
    expect(real.json()).toMatchObject({ dryRun: false, created: 4, updated: 0, unchanged: 0 });
    expect(await total()).toBe(4);
    const list = (
      await t.app.inject({ url: `/api/v1/communes/${communeId}/devices?sort=serial`, headers: tech })
    ).json();
    const laptop = list.items.find((d: { serial: string }) => d.serial === '5CG1234ABC');
    expect(laptop).toMatchObject({
      kind: 'laptop',
      name: 'IMP-PF001',
      inventoryNumber: 'IMP-2021-001',
      purchaseDate: '2021-03-12',
      warrantyEnd: '2024-03-11',
      cost: 1099.9,
      status: 'deployed',
      inServiceFrom: '2021-03-15',
      source: 'import',
      assignedTo: 'État civil',
    });
    expect(list.items.find((d: { serial: string }) => d.serial === 'CZC9876XYZ').entityName).toBe('CCAS d’Importville');
    // Deployed without a service date: in service from its purchase.
    expect(list.items.find((d: { serial: string }) => d.serial === 'CN0ABC123')).toMatchObject({
      kind: 'screen',
      inServiceFrom: '2019-05-02',
    });
    expect(list.items.find((d: { serial: string }) => d.serial === 'E123456789')).toMatchObject({
      kind: 'multifunction',
      status: 'in_stock',
      inServiceFrom: null,
    });

    const again = await upload('parc.csv', Buffer.from(good));
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await total()).toBe(4);
    const detail = (await t.app.inject({ url: `/api/v1/devices/${laptop.id}`, headers: tech })).json();
    expect(detail.history).toHaveLength(1);

    // A changed row updates its device, matched by inventory number when the serial is blank.
    const changed = 'Numéro d’inventaire;Statut;Utilisateur\nimp-2021-001;En réparation;État civil';
    const upd = await upload('maj.csv', Buffer.from(changed));
    expect(upd.json()).toMatchObject({ created: 0, updated: 1 });
    expect(upd.json().actions[0].changes).toEqual({ status: ['deployed', 'in_repair'] });
  });

  it('reports bad rows by row and field, imports the good ones', async () => {
    const bad = [
      'Type;Numéro de série;Date d’achat;Coût;Nom;Remplace',
      'Grille-pain;BAD-001;2022-01-01;100;;', // row 2: unknown kind
      'Portable;BAD-002;31/02/2022;100;;', // row 3: no such day
      'Portable;BAD-003;2022-01-01;cent euros;;', // row 4: amount
      'Portable;BAD-004;2022-01-01;100;"=HYPERLINK(""http://evil.test"";""x"")";', // row 5: formula-shaped
      'Portable;BAD-005;2022-01-01;100;@SUM(A1);', // row 6: formula-shaped
      'Portable;GOOD-006;2022-01-01;100;ok;', // row 7: good
      'Portable;good-006;2022-01-02;100;;', // row 8: same serial as row 7
      'Portable;;2022-01-01;100;sans série;', // row 9: no key
      'Portable;GOOD-010;2022-01-01;100;;NOPE-999', // row 10: nothing to replace
    ].join('\n');
    const r = await upload('bad.csv', Buffer.from(bad), '?dryRun=false');
    expect(r.statusCode, r.body).toBe(200);
    const { errors, created, rejected } = r.json();
    expect(errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'kind'],
      [3, 'purchaseDate'],
      [4, 'cost'],
      [5, 'name'],
      [6, 'name'],
      [8, 'serial'],
      [9, 'serial'],
      [10, 'replaces'],
    ]);
    expect(errors[5].reason).toBe('same as row 7');
    expect([created, rejected]).toEqual([1, 8]);
  });

  it('reads an XLSX with GLPI’s computer export columns, dates, formula results; renewals retire what they replace', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Computers');
    ws.addRow([
      'Name',
      'Entity',
      'Status',
      'Manufacturer',
      'Serial number',
      'Type',
      'Model',
      'Location',
      'Inventory number',
      'User',
      'Replaces',
      'Use date',
      'Cost',
    ]);
    ws.addRow([
      'PC-NEW-1',
      'Root entity > Importville > CCAS d’Importville',
      'In use',
      'Lenovo',
      'PF3ABCDE',
      'Laptop',
      'ThinkPad T14',
      'Mairie',
      'IMP-2026-001',
      'Finances',
      '5CG1234ABC',
      new Date(Date.UTC(2026, 1, 2)),
      { formula: '1000+99', result: 1099 },
    ]);
    ws.addRow([
      'PC-NEW-2',
      '',
      'In use',
      'Lenovo',
      'PF3FGHIJ',
      'Desktop',
      'ThinkCentre',
      'Mairie',
      'IMP-2026-002',
      'Finances',
      '',
      new Date(Date.UTC(2026, 1, 3)),
      { formula: 'A1*2' },
    ]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload('glpi.xlsx', data);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ format: 'xlsx', created: 1, rejected: 1 });
    expect(r.json().errors).toEqual([{ row: 3, field: 'cost', reason: 'formula without a computed value' }]);
    const fresh = (
      await t.app.inject({ url: `/api/v1/communes/${communeId}/devices?q=PF3ABCDE`, headers: tech })
    ).json().items[0];
    expect(fresh).toMatchObject({
      kind: 'laptop',
      renewal: true,
      cost: 1099,
      inServiceFrom: '2026-02-02',
      entityName: 'CCAS d’Importville',
    });
    const old = (await t.app.inject({ url: `/api/v1/devices/${fresh.replacesId}`, headers: tech })).json();
    expect(old).toMatchObject({
      serial: '5CG1234ABC',
      status: 'retired',
      retiredOn: '2026-02-02',
      replacedBy: fresh.id,
    });
    expect(await total('&renewedIn=2026')).toBe(1);
  });

  it('refuses what it cannot read, naming the field; another commune is not found', async () => {
    const noKey = await upload('x.csv', Buffer.from('Type;Nom\nPortable;A'));
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.details.fields[0].field).toBe('file');
    const badMap = await upload('x.csv', Buffer.from(good), `?mapping=${encodeURIComponent('{"Nom":"colour"}')}`);
    expect(badMap.json().error.details.fields[0].field).toBe('mapping');
    const notJson = await upload('x.csv', Buffer.from(good), '?mapping=nope&dryRun=maybe');
    expect(notJson.statusCode).toBe(400);
    expect(
      notJson
        .json()
        .error.details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['dryRun', 'mapping']);
    const mapped = await upload(
      'x.csv',
      Buffer.from('Appareil;Ident\nPortable;MAP-1'),
      `?dryRun=true&mapping=${encodeURIComponent('{"Appareil":"kind","Ident":"serial"}')}`,
    );
    expect(mapped.json()).toMatchObject({ created: 1, rejected: 0 });
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${communeId}/devices/import`,
      headers: tech,
      payload: {},
    });
    expect(json.statusCode).toBe(415);
    expect((await upload('x.csv', Buffer.from(good), '', other)).statusCode).toBe(404);
    expect((await upload('x.csv', Buffer.from(good), '', newId())).statusCode).toBe(404);
  });
});
