import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { makeCommune, makeUser } from '../factories';
import { avenant1File, leBouscatContractFile } from '../../src/server/modules/contracts/demo-le-bouscat';

/**
 * Entering real contracts: Le Bouscat's 2016 contract and Avenant n°1, entered from the documented
 * files into a new commune, reproduce the demo's contract at every date; the amendment keeps the
 * blank signing date of the reference; every refusal names its field.
 */
describeEachDb('entering a signed contract and recording a signed amendment', (dialect) => {
  let t: TestApp;
  let commune: string;
  let manager: string;
  const send = async (who: string | null, method: 'POST' | 'GET', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: who ? await t.as(who) : ANON, payload });

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    commune = await makeCommune(t, { name: 'Le Bouscat (saisie)' });
    manager = (await makeUser(t, { roles: ['contract_manager'], assigned: [commune] })).email;
  });
  afterAll(async () => {
    await t.close();
  });

  it('the documented example files are the demo contract (docs/examples stay true)', () => {
    const read = (f: string) => JSON.parse(fs.readFileSync(`docs/examples/${f}`, 'utf8')) as unknown;
    expect(read('le-bouscat.contract.json')).toEqual(leBouscatContractFile());
    expect(read('le-bouscat.avenant-1.json')).toEqual(avenant1File());
  });

  it('serves the file formats as JSON Schema', async () => {
    const r = await send(manager, 'GET', '/api/v1/contract-formats');
    expect(r.statusCode).toBe(200);
    expect(r.json().contract.properties).toHaveProperty('annexes');
    expect(r.json().signedAmendment.properties.signedAt).toBeDefined();
  });

  describe('refusals', () => {
    it.each([
      ['a signing date in the future', { signedAt: '2027-01-01' }, 400, 'signedAt'],
      ['a date that does not exist', { signedAt: '2016-02-30' }, 400, 'signedAt'],
      ['no annex', { annexes: [] }, 400, 'annexes'],
      ['a party missing', { content: { ...leBouscatContractFile().content, parties: [] } }, 400, 'content.parties'],
    ] as const)('refuses %s (400 naming the field), writes nothing', async (_name, change, status, field) => {
      const r = await send(manager, 'POST', `/api/v1/communes/${commune}/contracts`, {
        ...leBouscatContractFile(),
        ...change,
      });
      expect(r.statusCode, r.body).toBe(status);
      expect(JSON.stringify(r.json().error.details)).toContain(field);
      const n = await t.app.ctx.db
        .selectFrom('contracts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('communeId', '=', commune)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    });

    it('answers 401 anonymously, 403 to a commune referent, 404 for a commune out of scope', async () => {
      const file = leBouscatContractFile();
      expect((await send(null, 'POST', `/api/v1/communes/${commune}/contracts`, file)).statusCode).toBe(401);
      const lb = t.org.communes.leBouscat;
      expect(
        (await send('referent@le-bouscat.test', 'POST', `/api/v1/communes/${lb}/contracts`, file)).statusCode,
      ).toBe(403);
      expect(
        (await send('referent@villedemo.test', 'POST', `/api/v1/communes/${commune}/contracts`, file)).statusCode,
      ).toBe(404);
      expect(
        (await send('referent@villedemo.test', 'POST', `/api/v1/communes/${commune}/amendments/signed`, avenant1File()))
          .statusCode,
      ).toBe(404);
    });
  });

  it('enters the 2016 contract from its file: the same contract as the demo, audited', async () => {
    const r = await send(manager, 'POST', `/api/v1/communes/${commune}/contracts`, leBouscatContractFile());
    expect(r.statusCode, r.body).toBe(201);
    const demo = (
      await send('contrats@mutualis.test', 'GET', `/api/v1/communes/${t.org.communes.leBouscat}/contract?at=2017-06-01`)
    ).json();
    const entered = (await send(manager, 'GET', `/api/v1/communes/${commune}/contract?at=2017-06-01`)).json();
    const strip = (c: Record<string, unknown>) => {
      const { id: _id, communeId: _c, communeName: _n, ...rest } = c;
      return rest;
    };
    expect(strip(entered.contract)).toEqual(strip(demo.contract));
    // The same annex, in force until further notice until Avenant n°1 is recorded.
    const annexOf = (x: { annexes: Array<Record<string, unknown>> }) =>
      x.annexes.map(({ id: _i, contractId: _c, communeId: _m, effectiveTo: _t, ...rest }) => rest);
    expect(annexOf(entered)).toEqual(annexOf(demo));
    expect(entered.annexes[0].effectiveTo).toBeNull();
    expect(
      (await send(manager, 'POST', `/api/v1/communes/${commune}/contracts`, leBouscatContractFile())).statusCode,
    ).toBe(409);
  });

  it('records Avenant n°1 already signed, with its past effective date and its blank signing date', async () => {
    const bad = await send(manager, 'POST', `/api/v1/communes/${commune}/amendments/signed`, {
      ...avenant1File(),
      effectiveFrom: '2015-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('effectiveFrom');
    const wrongDomain = await send(manager, 'POST', `/api/v1/communes/${commune}/amendments/signed`, {
      ...avenant1File(),
      annexes: [{ domain: 'voirie', content: avenant1File().annexes[0]!.content }],
    });
    expect(wrongDomain.statusCode).toBe(400);
    expect(wrongDomain.json().error.details.fields[0].field).toBe('annexes.0.domain');

    const r = await send(manager, 'POST', `/api/v1/communes/${commune}/amendments/signed`, avenant1File());
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      number: 1,
      status: 'in_force',
      signedAt: null,
      effectiveFrom: '2018-01-01',
      recordedAt: '2026-03-02T09:00:00.000Z',
    });
    const demo = (
      await send('contrats@mutualis.test', 'GET', `/api/v1/communes/${t.org.communes.leBouscat}/contract?at=2019-06-01`)
    ).json();
    const entered = (await send(manager, 'GET', `/api/v1/communes/${commune}/contract?at=2019-06-01`)).json();
    const annexOf = (x: { annexes: Array<Record<string, unknown>> }) =>
      x.annexes.map(({ id: _i, contractId: _c, communeId: _m, amendmentId: _a, ...rest }) => rest);
    expect(annexOf(entered)).toEqual(annexOf(demo));
    expect(entered.amendments.map((a: { number: number }) => a.number)).toEqual([1]);
    // The same number again is a conflict.
    expect(
      (await send(manager, 'POST', `/api/v1/communes/${commune}/amendments/signed`, avenant1File())).statusCode,
    ).toBe(409);
    const audit = await t.app.ctx.db.selectFrom('auditLog').select('action').where('communeId', '=', commune).execute();
    expect(
      audit
        .map((a) => a.action)
        .filter((a) => a.endsWith('.record'))
        .sort(),
    ).toEqual(['amendment.record', 'contract.record']);
  });
});
