import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, serverAvailable, type BareTestApp } from '../harness';
import { makeCommune, makeUser } from '../factories';

// Inventory agents: Debian's real fusioninventory-agent (its --local XML output, as it would
// post it), the GLPI Agent JSON format, a machine reporting again, tokens of another commune.
const AGENT = '/usr/bin/fusioninventory-agent';

/** One real inventory of this machine by the agent, tagged as given. */
function agentInventory(tag: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'fi-'));
  try {
    execFileSync(
      AGENT,
      [
        '--local',
        dir,
        `--tag=${tag}`,
        '--no-category=software,process,environment,user,local_user,local_group,printer',
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const file = readdirSync(dir).find((f) => f.endsWith('.ocs'));
    if (!file) throw new Error('the agent wrote no inventory');
    return readFileSync(join(dir, file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A laptop in the GLPI Agent JSON inventory format (glpi-project/inventory_format). */
const glpiLaptop = (memory: number) => ({
  action: 'inventory',
  deviceid: 'pc-ccas-04-2024-05-02-10-11-12',
  itemtype: 'Computer',
  content: {
    bios: { ssn: '5CD1234XYZ', smanufacturer: 'HP', smodel: 'EliteBook 840 G8', bdate: '2021-04-01' },
    hardware: { name: 'PC-CCAS-04', chassis_type: 'Notebook', memory, uuid: '4c4c4544-0034-3010-8048-b6c04f503732' },
    operatingsystem: { full_name: 'Microsoft Windows 11 Professionnel', version: '23H2' },
    cpus: [{ name: 'Intel(R) Core(TM) i5-1135G7 CPU @ 2.40GHz', core: 4 }],
    storages: [{ name: 'nvme0n1', model: 'KXG6AZNV512G', disksize: 512110, serial: 'X0RS10ABCD' }],
    versionclient: 'GLPI-Agent_v1.7',
  },
});

describeEachDb('fleet: inventory agents', (dialect) => {
  let t: BareTestApp;
  let communeId: string;
  let slug: string;
  let otherSlug: string;
  let token: string;
  let otherToken: string;
  let providerToken: string;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    slug = `agentville-${Date.now()}`;
    otherSlug = `autreville-${Date.now()}`;
    communeId = await makeCommune(t, { name: 'Agentville', slug });
    const other = await makeCommune(t, { name: 'Autreville', slug: otherSlug });
    admin = await t.as((await makeUser(t, { roles: ['administrator'] })).email);
    const mint = async (c: string | null, permissions = ['fleet.inventory']) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin,
        payload: { name: `Agents ${c ?? 'tous'}`, permissions, ...(c ? { communeId: c } : {}) },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().token as string;
    };
    token = await mint(communeId);
    otherToken = await mint(other);
    providerToken = await mint(null);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: Buffer | object, type: string, bearer: string | null = token) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/inventory',
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : ANON), 'content-type': type },
      payload: Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
  const device = async (id: string) => (await t.app.inject({ url: `/api/v1/devices/${id}`, headers: admin })).json();

  const installed = serverAvailable('fleet: inventory agents', {
    name: 'fusioninventory-agent',
    installed: existsSync(AGENT),
    install: 'apt-get install fusioninventory-agent',
  });
  describe.runIf(installed)('Debian’s fusioninventory-agent', () => {
    it('a new machine joins the fleet; reporting again changes nothing; a hardware change is in its history', async () => {
      const xml = agentInventory(slug);
      expect(xml.toString()).toContain('<QUERY>INVENTORY</QUERY>');
      const first = await post(xml, 'application/xml');
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().action).toBe('created');
      const d = await device(first.json().deviceId);
      expect(d).toMatchObject({ source: 'agent', status: 'deployed', inServiceFrom: '2026-03-02', kind: 'desktop' });
      expect(d.hardware.os).toMatch(/Debian/);
      expect(d.hardware.memoryMb).toBeGreaterThan(0);
      expect(d.agentDeviceId).toBe(first.json().agentDeviceId);

      // The same inventory, compressed as the agent sends it over HTTP.
      const again = await post(deflateSync(xml), 'application/x-compress-zlib');
      expect(again.json()).toMatchObject({ action: 'unchanged', deviceId: first.json().deviceId });

      const upgraded = Buffer.from(xml.toString().replace(/<MEMORY>\d+<\/MEMORY>/, '<MEMORY>65536</MEMORY>'));
      const changed = await post(upgraded, 'text/xml');
      expect(changed.json()).toMatchObject({ action: 'updated', deviceId: first.json().deviceId });
      expect(changed.json().changes['hardware.memoryMb'][1]).toBe(65536);
      const history = (await device(first.json().deviceId)).history;
      expect(history.map((h: { action: string }) => h.action)).toEqual(['inventoried', 'created']);
      expect(history[0].source).toBe('agent');

      // Tagged for this commune: a token of another commune is refused, nothing written there.
      const refused = await post(xml, 'application/xml', otherToken);
      expect(refused.statusCode).toBe(403);
    }, 180_000);
  });

  it('GLPI Agent JSON: identity from the BIOS, kind from the chassis; the same machine again is updated in place', async () => {
    const first = await post(glpiLaptop(16000), 'application/json');
    expect(first.statusCode, first.body).toBe(200);
    const d = await device(first.json().deviceId);
    expect(d).toMatchObject({
      kind: 'laptop',
      serial: '5CD1234XYZ',
      manufacturer: 'HP',
      model: 'EliteBook 840 G8',
      name: 'PC-CCAS-04',
    });
    expect(d.hardware).toMatchObject({ os: 'Microsoft Windows 11 Professionnel', memoryMb: 16000, cpuCores: 4 });
    const same = await post(glpiLaptop(16000), 'application/json');
    expect(same.json().action).toBe('unchanged');
    const more = await post(glpiLaptop(32000), 'application/json');
    expect(more.json()).toMatchObject({ action: 'updated', changes: { 'hardware.memoryMb': [16000, 32000] } });
    // The agent reinstalled (new device id), same serial: still the same device.
    const reinstalled = await post(
      { ...glpiLaptop(32000), deviceid: 'pc-ccas-04-2026-03-01-08-00-00' },
      'application/json',
    );
    expect(reinstalled.json()).toMatchObject({ action: 'updated', deviceId: first.json().deviceId });
    const list = await t.app.inject({ url: `/api/v1/communes/${communeId}/devices?q=5CD1234XYZ`, headers: admin });
    expect(list.json().total).toBe(1);
  });

  it('refuses callers without a commune token, tags of another commune, and what is not an inventory', async () => {
    expect((await post(glpiLaptop(1), 'application/json', null)).statusCode).toBe(401);
    expect((await post(glpiLaptop(1), 'application/json', providerToken)).statusCode).toBe(403);
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inventory',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: glpiLaptop(1),
    });
    expect(session.statusCode).toBe(403);
    const tagged = {
      ...glpiLaptop(1),
      content: { ...glpiLaptop(1).content, accountinfo: { keyname: 'TAG', keyvalue: slug } },
    };
    expect((await post(tagged, 'application/json', otherToken)).statusCode).toBe(403);
    const withOther = {
      ...tagged,
      content: { ...tagged.content, accountinfo: { keyname: 'TAG', keyvalue: otherSlug } },
    };
    expect((await post(withOther, 'application/json', otherToken)).statusCode).toBe(200);
    for (const [body, type] of [
      [Buffer.from('<REQUEST><QUERY>INVENTORY'), 'application/xml'],
      [Buffer.from('<REQUEST><DEVICEID>x</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>'), 'application/xml'],
      [{ content: {} }, 'application/json'],
      [Buffer.from('not an inventory'), 'application/xml'],
    ] as Array<[Buffer | object, string]>) {
      const r = await post(body, type);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.details.fields[0].field).toBe('body');
    }
  });
});
