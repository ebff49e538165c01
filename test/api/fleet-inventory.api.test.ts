import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, serverAvailable, type BareTestApp } from '../harness';
import { makeCommune, makeUser } from '../factories';

// Inventory agents: Debian's real fusioninventory-agent (its --local XML output, as it would
// post it), the GLPI Agent JSON format, a machine reporting again, tokens of another commune.
const AGENT = '/usr/bin/fusioninventory-agent';
const execFileAsync = promisify(execFile);

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
  let otherId: string;
  let mintToken: (c: string | null, permissions?: string[]) => Promise<string>;
  let admin: Record<string, string>;
  let adminEmail: string;
  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    slug = `agentville-${Date.now()}`;
    otherSlug = `autreville-${Date.now()}`;
    communeId = await makeCommune(t, { name: 'Agentville', slug });
    const other = await makeCommune(t, { name: 'Autreville', slug: otherSlug });
    otherId = other;
    adminEmail = (await makeUser(t, { roles: ['administrator'] })).email;
    admin = await t.as(adminEmail);
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
    mintToken = mint;
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
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : ANON),
        'content-type': type,
        accept: 'application/json',
      },
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

  describe.runIf(installed)('Debian’s fusioninventory-agent over HTTP, on loopback', () => {
    it('PROLOG then INVENTORY with the token as Basic password: the machine joins the fleet, again updates it, another commune’s token is refused', async () => {
      const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
      const dir = mkdtempSync(join(tmpdir(), 'fi-http-'));
      const conf = join(dir, 'agent.cfg');
      writeFileSync(conf, '');
      const fleetSlug = `parc-agent-${Date.now()}`;
      const fleetCommune = await makeCommune(t, { name: 'Parc agent', slug: fleetSlug });
      const fleetToken = await mintToken(fleetCommune);
      const runAgent = async (password: string) => {
        const { stderr } = await execFileAsync(
          AGENT,
          [
            `--server=${address}/api/v1/inventory`,
            '--user=agent',
            `--password=${password}`,
            `--tag=${fleetSlug}`,
            `--conf-file=${conf}`,
            '--tasks=inventory',
            '--force',
            '--logger=stderr',
            '--debug',
            '--no-category=software,process,environment,user,local_user,local_group,printer',
          ],
          { timeout: 150_000 },
        ).catch((e: { stderr?: string; message: string }) => ({ stderr: e.stderr ?? e.message }));
        return stderr;
      };
      // The clock moves a day between runs: fresh sessions each time.
      const devices = async () =>
        (
          await t.app.inject({ url: `/api/v1/communes/${fleetCommune}/devices`, headers: await t.as(adminEmail) })
        ).json();
      const device = async (id: string) =>
        (await t.app.inject({ url: `/api/v1/devices/${id}`, headers: await t.as(adminEmail) })).json();
      try {
        const log1 = await runAgent(fleetToken);
        expect(log1, log1).toMatch(/authentication required, submitting credentials/);
        const first = await devices();
        expect(first.total, JSON.stringify(first) + log1).toBe(1);
        const d = first.items[0];
        expect(d).toMatchObject({ source: 'agent', status: 'deployed', inServiceFrom: '2026-03-02' });
        expect(d.hardware.os).toMatch(/Debian/);
        expect((await device(d.id)).history.map((h: { action: string }) => h.action)).toEqual(['created']);

        // As if the machine last reported less memory: its next inventory records the change.
        await t.app.ctx.db
          .updateTable('devices')
          .set({ hardware: JSON.stringify({ ...d.hardware, memoryMb: 1 }) })
          .where('id', '=', d.id)
          .execute();
        t.clock.advance(86_400_000);
        const log2 = await runAgent(fleetToken);
        const second = await devices();
        expect(second.total, log2).toBe(1);
        const again = await device(d.id);
        expect(again.lastInventoryAt).toBe('2026-03-03T09:00:00.000Z');
        expect(again.history.map((h: { action: string }) => h.action)).toEqual(['inventoried', 'created']);
        expect(again.history[0].changes['hardware.memoryMb'][0]).toBe(1);

        // The token of another commune: the inventory (tagged for this one) is refused, nothing written.
        t.clock.advance(86_400_000);
        const log3 = await runAgent(otherToken);
        // The agent logs any refusal after its credentials as "wrong credentials" (here a 403).
        expect(log3).toMatch(/sending prolog request[\s\S]*authentication required, wrong credentials/);
        const other = await t.app.inject({
          url: `/api/v1/communes/${otherId}/devices`,
          headers: await t.as(adminEmail),
        });
        expect(
          other.json().items.filter((x: { agentDeviceId: string }) => x.agentDeviceId === d.agentDeviceId),
        ).toEqual([]);
        expect((await device(d.id)).lastInventoryAt).toBe('2026-03-03T09:00:00.000Z');
        // A token that is none: 401 after the credentials, nothing written.
        const log4 = await runAgent('mut_not-a-token');
        expect(log4).toMatch(/wrong credentials/);
        expect((await devices()).total).toBe(1);
      } finally {
        t.clock.set('2026-03-02T09:00:00.000Z');
        rmSync(dir, { recursive: true, force: true });
      }
    }, 600_000);
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
      [Buffer.from('<REQUEST><DEVICEID>x</DEVICEID><QUERY>SNMPQUERY</QUERY></REQUEST>'), 'application/xml'],
      [{ deviceid: 'x', query: 'prolog', content: {} }, 'application/json'],
      [{ content: {} }, 'application/json'],
      [Buffer.from('not an inventory'), 'application/xml'],
    ] as Array<[Buffer | object, string]>) {
      const r = await post(body, type);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.details.fields[0].field).toMatch(/^body\b/);
    }
  });

  it('speaks the GLPI Agent protocol: a contact is answered with the inventory task, an inventory with status and expiration', async () => {
    const contact = await post(
      {
        action: 'contact',
        deviceid: 'pc-mairie-12-2026-03-02-08-00-00',
        name: 'GLPI-Agent',
        version: '1.7',
        tag: slug,
        'installed-tasks': ['inventory', 'netdiscovery', 'netinventory'],
        'enabled-tasks': ['inventory'],
        'httpd-port': 62354,
      },
      'application/json',
    );
    expect(contact.statusCode, contact.body).toBe(200);
    expect(contact.json()).toMatchObject({
      status: 'ok',
      expiration: 24,
      tasks: { inventory: { server: 'mutualis' } },
    });
    // A contact writes nothing: the machine joins the fleet with its inventory.
    const none = await t.app.inject({ url: `/api/v1/communes/${communeId}/devices?q=PC-MAIRIE-12`, headers: admin });
    expect(none.json().total).toBe(0);
    const inv = await post(
      {
        ...glpiLaptop(8192),
        deviceid: 'pc-mairie-12-2026-03-02-08-00-00',
        content: { ...glpiLaptop(8192).content, bios: { ssn: 'MAIRIE-12' }, hardware: { name: 'PC-MAIRIE-12' } },
      },
      'application/json',
    );
    expect(inv.json()).toMatchObject({ status: 'ok', expiration: 24, action: 'created' });
  });

  it('GLPI Agent JSON: printers and phones by their item type; a message that breaks the format is refused naming the field', async () => {
    const printer = await post(
      {
        action: 'inventory',
        deviceid: 'imprimante-accueil-2026-03-02',
        itemtype: 'Printer',
        content: {
          versionclient: 'GLPI-Agent_v1.7',
          bios: { ssn: 'VNB3R12345', smanufacturer: 'Hewlett-Packard', smodel: 'LaserJet M507' },
          hardware: { name: 'IMP-ACCUEIL' },
        },
      },
      'application/json',
    );
    expect(printer.statusCode, printer.body).toBe(200);
    expect(await device(printer.json().deviceId)).toMatchObject({ kind: 'printer', serial: 'VNB3R12345' });
    const phone = await post(
      {
        deviceid: 'telephone-dgs-2026-03-02',
        itemtype: 'Phone',
        content: { versionclient: 'GLPI-Agent_v1.7', hardware: { name: 'Fairphone 4' }, bios: { ssn: 'FP4-000123' } },
      },
      'application/json',
    );
    expect(await device(phone.json().deviceId)).toMatchObject({ kind: 'smartphone', name: 'Fairphone 4' });

    const broken = (content: Record<string, unknown>) =>
      post(
        { ...glpiLaptop(1), deviceid: 'cassé', content: { ...glpiLaptop(1).content, ...content } },
        'application/json',
      );
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ versionclient: undefined }, 'body.content.versionclient'],
      [{ hardware: { memory: '16 Go' } }, 'body.content.hardware.memory'],
      [{ bios: { bdate: '01/04/2021' } }, 'body.content.bios.bdate'],
      [{ storages: [{ disksize: 512.5 }] }, 'body.content.storages.0.disksize'],
      [{ cpus: { name: 'un seul' } }, 'body.content.cpus'],
    ];
    for (const [content, field] of cases) {
      const r = await broken(content);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const action = await post({ ...glpiLaptop(1), action: 'netinventory' }, 'application/json');
    expect(action.statusCode).toBe(400);
    expect(action.json().error.details.fields[0].field).toBe('body.action');
    // Nothing of the refused messages was written.
    const list = await t.app.inject({ url: `/api/v1/communes/${communeId}/devices?q=cass`, headers: admin });
    expect(list.json().total).toBe(0);
  });

  it('speaks the OCS protocol: a PROLOG is answered SEND, an XML inventory gets a <REPLY> compressed as it came', async () => {
    const prolog = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><REQUEST><DEVICEID>poste-xml-2026-03-02</DEVICEID><QUERY>PROLOG</QUERY><TOKEN>12345678</TOKEN></REQUEST>',
    );
    const agent = (
      body: Buffer,
      type: string,
      headers: Record<string, string> = { authorization: `Bearer ${token}` },
    ) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/inventory',
        headers: { ...headers, 'content-type': type },
        payload: body,
      });
    const r = await agent(deflateSync(prolog), 'application/x-compress-zlib');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/x-compress-zlib');
    expect(inflateSync(r.rawPayload).toString()).toContain(
      '<REPLY><PROLOG_FREQ>24</PROLOG_FREQ><RESPONSE>SEND</RESPONSE></REPLY>',
    );
    const inventory = Buffer.from(
      '<REQUEST><DEVICEID>poste-xml-2026-03-02</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT><BIOS><SSN>XML-0001</SSN><SMANUFACTURER>Dell Inc.</SMANUFACTURER><SMODEL>OptiPlex 7010</SMODEL></BIOS><HARDWARE><NAME>POSTE-XML</NAME><MEMORY>8192</MEMORY></HARDWARE></CONTENT></REQUEST>',
    );
    const plain = await agent(inventory, 'application/xml');
    expect(plain.headers['content-type']).toBe('application/xml');
    expect(plain.body).toMatch(
      /<REPLY><RESPONSE>no_account_update<\/RESPONSE><DEVICE_ID>[\w-]+<\/DEVICE_ID><ACTION>created<\/ACTION><\/REPLY>/,
    );
    // HTTP Basic with the token as password, as agents send it (--user/--password).
    const basic = (password: string) => ({
      authorization: `Basic ${Buffer.from(`agent:${password}`).toString('base64')}`,
    });
    const again = await agent(deflateSync(inventory), 'application/x-compress-zlib', basic(token));
    expect(again.statusCode, again.body).toBe(200);
    expect(inflateSync(again.rawPayload).toString()).toContain('<ACTION>unchanged</ACTION>');
    // No credentials: a 401 naming the Basic realm the agent answers; a wrong token: 401 again.
    const anonymous = await agent(deflateSync(prolog), 'application/x-compress-zlib', {});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="Mutualis inventory"');
    const wrong = await agent(deflateSync(prolog), 'application/x-compress-zlib', basic('mut_not-a-token'));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Basic realm="Mutualis inventory"');
    // Basic is read on the agent endpoint only: elsewhere it is no credential.
    const elsewhere = await t.app.inject({ url: `/api/v1/communes/${communeId}/devices`, headers: basic(token) });
    expect(elsewhere.statusCode).toBe(401);
    expect(elsewhere.headers['www-authenticate']).toBeUndefined();
  });
});
