import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { annexInForce, annexVersionsOverPeriod, indicatorAt } from '../../src/server/modules/contracts/queries';
import { listAmendments } from '../../src/server/modules/contracts/service';
import { systemActor } from '../../src/server/access/actor';
import { struckPriority } from '../../src/server/modules/contracts/demo-le-bouscat';

/** Text of every page of a PDF, as pdf.js extracts it. */
async function pdfText(data: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    parts.push(c.items.map((x) => ('str' in x ? x.str : '')).join(' '));
  }
  return parts.join('\n');
}

/** The text poppler's pdftotext extracts (what the acceptance check reads), when it is installed. */
function pdftotext(data: Buffer): string | null {
  const file = path.join(os.tmpdir(), `mutualis-contract-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, data);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch {
    return null;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function docxXml(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  return zip.file('word/document.xml')!.async('string');
}

const indicatorCodes = [
  '1.1.1',
  '1.2.1',
  '2.1.1',
  '2.1.2',
  '2.2.1',
  '3.1.1',
  '3.2.1',
  '3.3.1',
  '3.3.2',
  '4.1.1',
  '4.1.2',
  '4.2.1',
  '4.2.2',
];

describeEachDb('contracts', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-11-28T10:00:00.000Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('effective dating (exports for the other modules)', () => {
    it.each([
      ['2016-02-14', undefined, 'the day before the contract: nothing in force'],
      ['2016-02-15', 1, 'the signing day: the 2016 annex'],
      ['2017-12-31', 1, 'the day before Avenant n°1: the 2016 annex'],
      ['2018-01-01', 2, 'the day Avenant n°1 takes effect: version 2'],
      ['2018-01-02', 2, 'the day after: version 2'],
      ['2026-11-28', 2, 'today: version 2'],
    ] as Array<[string, number | undefined, string]>)(
      'annexInForce(Le Bouscat, %s) → version %s (%s)',
      async (date, version) => {
        const a = await annexInForce(t.app.ctx.db, t.org.communes.leBouscat, date);
        expect(a?.version).toBe(version);
        if (version === 1) {
          expect(a!.effectiveTo).toBe('2018-01-01');
          expect(a!.priorities).toHaveLength(6);
          expect(a!.priorities[5]).toBe(struckPriority);
        }
        if (version === 2) {
          expect(a!.effectiveTo).toBeNull();
          expect(a!.priorities).toHaveLength(5);
          expect(a!.escalationMatrix).toHaveLength(12);
        }
      },
    );

    it('indicatorAt gives the rule in force and the annex version id', async () => {
      const lb = await indicatorAt(t.app.ctx.db, t.org.communes.leBouscat, '2019-06-01', '3.3.2');
      // The reference leaves 3.3.2's delays to be agreed: the signed annex holds the kind only.
      expect(lb?.indicator.rule).toEqual({ kind: 'resolution_delay' });
      expect(lb?.indicator.targetOrigin).toBe('to_be_agreed');
      const v2 = await annexInForce(t.app.ctx.db, t.org.communes.leBouscat, '2019-06-01');
      expect(lb?.annexVersionId).toBe(v2!.id);
      const vd = await indicatorAt(t.app.ctx.db, t.org.communes.villedemo, '2019-06-01', '3.3.1');
      expect(vd?.indicator.rule).toMatchObject({ kind: 'acknowledgement', targetShare: 0.9 });
      expect(await indicatorAt(t.app.ctx.db, t.org.communes.villedemo, '2019-02-28', '3.3.1')).toBeUndefined();
      expect(await indicatorAt(t.app.ctx.db, t.org.communes.leBouscat, '2019-06-01', '9.9.9')).toBeUndefined();
    });

    it('annexVersionsOverPeriod cuts a quarter spanning Avenant n°1 in two pieces', async () => {
      const pieces = await annexVersionsOverPeriod(t.app.ctx.db, t.org.communes.leBouscat, '2017-11-01', '2018-02-01');
      expect(pieces.map((p) => [p.annex.version, p.from, p.to])).toEqual([
        [1, '2017-11-01', '2018-01-01'],
        [2, '2018-01-01', '2018-02-01'],
      ]);
      const one = await annexVersionsOverPeriod(t.app.ctx.db, t.org.communes.leBouscat, '2018-01-01', '2018-04-01');
      expect(one.map((p) => [p.annex.version, p.from, p.to])).toEqual([[2, '2018-01-01', '2018-04-01']]);
      const before = await annexVersionsOverPeriod(t.app.ctx.db, t.org.communes.leBouscat, '2016-01-01', '2016-03-01');
      expect(before.map((p) => [p.annex.version, p.from, p.to])).toEqual([[1, '2016-02-15', '2016-03-01']]);
      expect(await annexVersionsOverPeriod(t.app.ctx.db, t.org.communes.leBouscat, '2018-01-01', '2018-01-01')).toEqual(
        [],
      );
    });
  });

  const get = async (email: string | null, url: string) =>
    t.app.inject({ method: 'GET', url, headers: email ? await t.as(email) : ANON });
  const send = async (
    email: string | null,
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: email ? await t.as(email) : ANON,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const REF = 'referent@le-bouscat.test';
  const lbUrl = () => `/api/v1/communes/${t.org.communes.leBouscat}`;

  describe('GET /communes/{id}/contract', () => {
    it('gives the 2016 annex (6 priorities) before Avenant n°1 and the amended one (5) after, with 9 commitments, 13 indicators and 12 matrix cells', async () => {
      const r17 = await get(REF, `${lbUrl()}/contract?at=2017-06-01`);
      expect(r17.statusCode).toBe(200);
      const b17 = r17.json();
      expect(b17.view).toBe('full');
      expect(b17.contract).toMatchObject({ communeName: 'Le Bouscat', signedAt: '2016-02-15', place: 'Bordeaux' });
      expect(b17.contract.parties.map((p: { representedBy: string }) => p.representedBy)).toEqual([
        'Monsieur Alain Juppé',
        'Monsieur Patrick Bobet',
      ]);
      expect(b17.annexes).toHaveLength(1);
      expect(b17.annexes[0]).toMatchObject({
        domain: 'numerique',
        domainTitle: "Numérique et systèmes d'information",
        version: 1,
        effectiveFrom: '2016-02-15',
        effectiveTo: '2018-01-01',
      });
      expect(b17.annexes[0].priorities).toHaveLength(6);
      expect(b17.amendments).toEqual([]);

      const b19 = (await get(REF, `${lbUrl()}/contract?at=2019-06-01`)).json();
      const a = b19.annexes[0];
      expect(a.version).toBe(2);
      expect(a.priorities).toHaveLength(5);
      expect(a.priorities.some((p: string) => /surveillance/i.test(p))).toBe(false);
      expect(a.commitments).toHaveLength(9);
      expect(
        a.commitments.flatMap((c: { indicators: Array<{ code: string }> }) => c.indicators.map((i) => i.code)).sort(),
      ).toEqual(indicatorCodes);
      const i422 = a.commitments[8].indicators[1];
      expect(i422).toMatchObject({
        code: '4.2.2',
        periodicity: 'Annuelle',
        source: 'Direction des infrastructures et de la production',
        baseline: '1 journée (total mensuel et incrémental quotidien)',
        conditions: '',
        rule: { kind: 'data_loss_window', maxWindow: 'P1D' },
      });
      expect(a.escalationMatrix).toHaveLength(12);
      expect(a.escalationMatrix).toContainEqual({
        level: 'ordinary',
        subdomain: 'C',
        commune: 'utilisateur (élu, agent, citoyen, ...)',
        provider: "Centre d'appel",
      });
      expect(a.governance.bodies).toHaveLength(3);
      expect(a.subdomains[1].groups.map((g: { heading: string }) => g.heading)).toEqual([
        'Etudes et conseil',
        'Conduite des projets',
        'Maintenance applicative',
      ]);
      expect(a.supportHours).toMatchObject({ indicatorCode: '3.2.1', channels: ['web', 'phone'] });
      expect(
        b19.amendments.map((x: { number: number; effectiveFrom: string; status: string }) => [
          x.number,
          x.effectiveFrom,
          x.status,
        ]),
      ).toEqual([[1, '2018-01-01', 'in_force']]);
    });

    it.each([
      ['2017-12-31', 1],
      ['2018-01-01', 2],
      ['2018-01-02', 2],
    ])('at %s the Numérique annex in force is version %s', async (at, version) => {
      const b = (await get(REF, `${lbUrl()}/contract?at=${at}`)).json();
      expect(b.annexes[0].version).toBe(version);
    });

    it('defaults to today', async () => {
      const b = (await get(REF, `${lbUrl()}/contract`)).json();
      expect(b.at).toBe('2026-11-28');
      expect(b.annexes[0].version).toBe(2);
    });

    it.each(['2018-13-01', '2018-02-30', 'tomorrow', '18-01-01'])(
      'answers 400 naming "at" for the malformed date %s',
      async (at) => {
        const r = await get(REF, `${lbUrl()}/contract?at=${at}`);
        expect(r.statusCode).toBe(400);
        expect(r.json().error.details.fields.map((f: { field: string }) => f.field)).toContain('at');
      },
    );

    it('answers 404 when no contract is in force', async () => {
      expect((await get(REF, `${lbUrl()}/contract?at=2016-02-14`)).statusCode).toBe(404);
    });

    it('gives a requester of the commune only the escalation matrix and the support hours', async () => {
      const r = await get('agent@le-bouscat.test', `${lbUrl()}/contract?at=2019-06-01`);
      expect(r.statusCode).toBe(200);
      const b = r.json();
      expect(b.view).toBe('public');
      expect(b.annexes[0].escalationMatrix).toHaveLength(12);
      expect(b.annexes[0].supportHours.weekly.mon).toEqual([
        ['08:30', '12:00'],
        ['13:00', '17:00'],
      ]);
      for (const part of ['commitments', 'priorities', 'governance', 'roles', 'preamble'])
        expect(b.annexes[0]).not.toHaveProperty(part);
      expect(b.contract).not.toHaveProperty('articles');
      expect(b.amendments).toEqual([]);
      expect((await get('agent@le-bouscat.test', `${lbUrl()}/amendments`)).statusCode).toBe(403);
      expect((await get('agent@le-bouscat.test', `${lbUrl()}/contract/document.pdf`)).statusCode).toBe(403);
    });

    it('gives Villedemo its own contract with its own targets', async () => {
      const b = (
        await get('referent@villedemo.test', `/api/v1/communes/${t.org.communes.villedemo}/contract?at=2020-01-01`)
      ).json();
      const i = b.annexes[0].commitments
        .flatMap((c: { indicators: unknown[] }) => c.indicators)
        .find((x: { code: string }) => x.code === '3.3.2');
      expect(i.rule.byPriority.P1).toBe('PT2H');
      expect(
        (await get('referent@villedemo.test', `/api/v1/communes/${t.org.communes.villedemo}/contract?at=2019-02-28`))
          .statusCode,
      ).toBe(404);
    });
  });

  describe('amendments, versions and comparison', () => {
    it('lists Avenant n°1, effective 2018-01-01, in force, installing version 2', async () => {
      const b = (await get(REF, `${lbUrl()}/amendments`)).json();
      expect(b.total).toBe(1);
      expect(b.items[0]).toMatchObject({
        number: 1,
        title: 'Avenant n°1',
        effectiveFrom: '2018-01-01',
        status: 'in_force',
        revisions: [
          {
            domain: 'numerique',
            object:
              'Evolutions de parc, prise en charge de la Source, renvoi en commune de la vidéo-protection et télésurveillance',
          },
        ],
      });
      expect(b.items[0].annexVersions).toMatchObject([{ domain: 'numerique', version: 2, status: 'signed' }]);
      expect(b.items[0].abilities).toEqual({ canEdit: false, canSign: false, canDelete: false });
    });

    it('lists the versions of the Numérique annex with their validity', async () => {
      const b = (await get(REF, `${lbUrl()}/annexes/numerique/versions`)).json();
      expect(
        b.items.map((v: { version: number; effectiveFrom: string; effectiveTo: string | null }) => [
          v.version,
          v.effectiveFrom,
          v.effectiveTo,
        ]),
      ).toEqual([
        [1, '2016-02-15', '2018-01-01'],
        [2, '2018-01-01', null],
      ]);
      const one = (await get(REF, `/api/v1/annex-versions/${b.items[0].id}`)).json();
      expect(one).toMatchObject({ version: 1, effectiveTo: '2018-01-01' });
      expect(one.priorities[5]).toBe(struckPriority);
    });

    it('compares the two Le Bouscat versions: the struck priority removed and footnote (2) added, nothing else', async () => {
      const v = (await get(REF, `${lbUrl()}/annexes/numerique/versions`)).json().items;
      const r = await get(REF, `/api/v1/annex-versions/compare?from=${v[0].id}&to=${v[1].id}`);
      expect(r.statusCode).toBe(200);
      const b = r.json();
      expect(b.from.version).toBe(1);
      expect(b.to.version).toBe(2);
      expect(
        b.changes.map((c: { op: string; section: string; key: string; field?: string }) => [
          c.op,
          c.section,
          c.field ?? c.key,
        ]),
      ).toEqual([
        ['changed', 'subdomains', 'footnoteRefs'],
        ['added', 'footnotes', '2'],
        ['removed', 'priorities', struckPriority],
      ]);
      expect((await get(REF, `/api/v1/annex-versions/compare?from=${v[0].id}`)).statusCode).toBe(400);
    });
  });

  describe('documents', () => {
    it('prints Avenant n°1 as a PDF with real text: parties, Article 4 date in words, the indicators table', async () => {
      const id = (await get(REF, `${lbUrl()}/amendments`)).json().items[0].id;
      const r = await get(REF, `/api/v1/amendments/${id}/document.pdf`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const text = (await pdfText(r.rawPayload)).replace(/\s+/g, ' ');
      for (const w of [
        'Avenant n°1',
        'Bouscat',
        'Alain Juppé',
        'Patrick Bobet',
        "VU le contrat d'engagement",
        'Considérant',
        'ARTICLE 4',
        '1er janvier 2018',
        'Fait à Bordeaux',
        'Evolutions de parc',
        'Saisine exceptionnelle',
        "Comité de suivi du contrat d'engagement",
        'Etudes et conseil',
        ...indicatorCodes,
      ]) {
        expect(text, w).toContain(w);
      }
      // The priority the amendment removes is printed (struck through), as in the reference.
      expect(text).toContain('vidéosurveillance');
      // Nothing the reference does not hold: no signing date ("Fait à Bordeaux, le ____"), no target column.
      expect(text).not.toContain('18 décembre 2017');
      expect(text).not.toContain('Valeur cible');
      // Avenant n°1 is the reference itself: nothing in it is marked reconstructed.
      expect(text).not.toContain('reconstitué');
      const poppler = pdftotext(r.rawPayload);
      if (poppler !== null)
        for (const w of ['Avenant', 'Bouscat', '4.2.2', 'janvier 2018']) expect(poppler).toContain(w);
    });

    it('writes Avenant n°1 as a DOCX whose XML holds the text and the tables', async () => {
      const id = (await get(REF, `${lbUrl()}/amendments`)).json().items[0].id;
      const r = await get(REF, `/api/v1/amendments/${id}/document.docx`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('wordprocessingml');
      const xml = await docxXml(r.rawPayload);
      for (const w of [
        'Avenant n°1',
        'Bouscat',
        '1er janvier 2018',
        'Chef de service centre d&apos;appel et pilotage',
        '4.2.2',
        'Heures d&apos;ouvertures',
      ])
        expect(xml, w).toContain(w);
      expect(xml).toContain('<w:tbl>');
      expect(xml).toContain('<w:strike/>');
      expect(xml).not.toContain('Valeur cible');
      expect(xml).not.toContain('18 décembre 2017');
    });

    it('prints the contract in force at a date with its annex (2017: the 6th priority, no struck line)', async () => {
      const r = await get(REF, `${lbUrl()}/contract/document.pdf?at=2017-06-01`);
      expect(r.statusCode).toBe(200);
      const text = (await pdfText(r.rawPayload)).replace(/\s+/g, ' ');
      expect(text).toContain("Contrat d'engagement entre Bordeaux Métropole et la commune de Le Bouscat");
      expect(text).toContain('vidéosurveillance');
      expect(text).toContain('15 février 2016');
      // The 2016 articles and annex are not in the reference: printed marked as reconstructed.
      expect(text).toContain('Texte reconstitué');
      const d = await get(REF, `${lbUrl()}/contract/document.docx?at=2019-06-01`);
      expect(d.statusCode).toBe(200);
      const xml = await docxXml(d.rawPayload);
      expect(xml).not.toContain('vidéosurveillance');
      expect(xml).not.toContain('<w:strike/>');
    });
  });

  describe('drafting and signing', () => {
    const CM = 'contrats@mutualis.test';
    const DIR = 'directeur@mutualis.test';
    let amendmentId = '';
    let draftId = '';

    it('a contract manager drafts Avenant n°2: a draft copy (version 3) of the annex in force', async () => {
      const r = await send(CM, 'POST', `${lbUrl()}/amendments`, {
        object: 'Révision des délais de résolution',
        revisions: [{ domain: 'numerique', object: 'Délais de résolution P1 ramenés à 2 h' }],
      });
      expect(r.statusCode).toBe(201);
      const a = r.json();
      expect(a).toMatchObject({
        number: 2,
        status: 'draft',
        signedAt: null,
        effectiveFrom: null,
        revisions: [
          {
            domain: 'numerique',
            domainTitle: "Numérique et systèmes d'information",
            object: 'Délais de résolution P1 ramenés à 2 h',
          },
        ],
      });
      expect(a.recitals[0]).toBe(
        "VU le contrat d'engagement signé en date du 15 février 2016 par Monsieur Alain Juppé, Président de Bordeaux Métropole et Monsieur Patrick Bobet, Maire de Commune de Le Bouscat.",
      );
      expect(a.annexVersions).toMatchObject([{ version: 3, status: 'draft' }]);
      expect(a.abilities).toEqual({ canEdit: true, canSign: false, canDelete: true });
      amendmentId = a.id;
      draftId = a.annexVersions[0].id;
      const v = (await get(CM, `/api/v1/annex-versions/${draftId}`)).json();
      expect(v.priorities).toHaveLength(5);
      expect(v.abilities.canEdit).toBe(true);
    });

    it('refuses a second draft while one is open (409)', async () => {
      expect((await send(CM, 'POST', `${lbUrl()}/amendments`, {})).statusCode).toBe(409);
    });

    it('refuses to revise a domain the contract has no annex for (400 naming the field)', async () => {
      const r = await send(CM, 'PATCH', `/api/v1/amendments/${amendmentId}`, {
        revisions: [
          { domain: 'numerique', object: 'x' },
          { domain: 'voirie', object: 'y' },
        ],
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details.fields[0].field).toBe('revisions.1.domain');
    });

    it('hides drafts from commune readers (404)', async () => {
      expect((await get(REF, `/api/v1/amendments/${amendmentId}`)).statusCode).toBe(404);
      expect((await get(REF, `/api/v1/annex-versions/${draftId}`)).statusCode).toBe(404);
      expect((await get(REF, `${lbUrl()}/amendments`)).json().total).toBe(1);
    });

    it('edits any part of the draft annex, validated (PATCH parts, PUT whole)', async () => {
      const current = (await get(CM, `/api/v1/annex-versions/${draftId}`)).json();
      const commitments = structuredClone(current.commitments);
      // A target to be agreed cannot hold delays: the amendment must say it now signs them.
      commitments[6].indicators[1].rule = {
        kind: 'resolution_delay',
        byPriority: { P1: 'PT2H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' },
        targetShare: 0.9,
      };
      const mixed = await send(CM, 'PATCH', `/api/v1/annex-versions/${draftId}`, { commitments });
      expect(mixed.statusCode).toBe(400);
      expect(JSON.stringify(mixed.json().error.details)).toContain('byPriority');
      commitments[6].indicators[1].targetOrigin = 'contract';
      const r = await send(CM, 'PATCH', `/api/v1/annex-versions/${draftId}`, {
        priorities: [...current.priorities, 'Déployer la fibre dans les écoles ;'],
        commitments,
      });
      expect(r.statusCode).toBe(200);
      expect(r.json().priorities).toHaveLength(6);
      expect(r.json().footnotes).toHaveLength(2);

      const bad = await send(CM, 'PATCH', `/api/v1/annex-versions/${draftId}`, {
        escalationMatrix: [{ level: 'urgent', subdomain: 'Z', commune: 'x', provider: 'y' }],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(
        'escalationMatrix.0.subdomain',
      );
      const badRule = await send(CM, 'PATCH', `/api/v1/annex-versions/${draftId}`, {
        commitments: [
          { ...commitments[0], indicators: [{ ...commitments[0].indicators[0], rule: { kind: 'manual' } }] },
        ],
      });
      expect(badRule.statusCode).toBe(400);
      expect((await send(CM, 'PATCH', `/api/v1/annex-versions/${draftId}`, {})).statusCode).toBe(400);

      const whole = (await get(CM, `/api/v1/annex-versions/${draftId}`)).json();
      const content = Object.fromEntries(
        Object.entries(whole).filter(
          ([k]) =>
            ![
              'id',
              'contractId',
              'communeId',
              'domain',
              'domainTitle',
              'version',
              'status',
              'effectiveFrom',
              'effectiveTo',
              'amendmentId',
              'signedAt',
              'supportHours',
              'abilities',
            ].includes(k),
        ),
      );
      const put = await send(CM, 'PUT', `/api/v1/annex-versions/${draftId}`, {
        ...content,
        sourcesNote: 'Sources : révisées.',
      });
      expect(put.statusCode).toBe(200);
      expect(put.json().sourcesNote).toBe('Sources : révisées.');
      const compare = (
        await get(
          CM,
          `/api/v1/annex-versions/compare?from=${(await get(REF, `${lbUrl()}/contract`)).json().annexes[0].id}&to=${draftId}`,
        )
      ).json();
      expect(
        compare.changes.map((c: { op: string; section: string; key: string; field?: string }) => [
          c.op,
          c.section,
          c.field ?? c.key,
        ]),
      ).toEqual([
        ['changed', 'texts', 'sourcesNote'],
        ['added', 'priorities', 'Déployer la fibre dans les écoles ;'],
        ['changed', 'indicators', 'rule'],
      ]);
    });

    it("edits the draft amendment's texts", async () => {
      const r = await send(CM, 'PATCH', `/api/v1/amendments/${amendmentId}`, {
        object: 'Révision des délais de résolution des incidents',
      });
      expect(r.statusCode).toBe(200);
      expect(r.json().object).toBe('Révision des délais de résolution des incidents');
    });

    it('lets only the director sign (403 for the contract manager)', async () => {
      const r = await send(CM, 'POST', `/api/v1/amendments/${amendmentId}/sign`, {
        signedAt: '2026-11-27',
        effectiveFrom: '2027-01-01',
      });
      expect(r.statusCode).toBe(403);
    });

    it.each([
      [
        { signedAt: '2026-11-27', effectiveFrom: '2026-09-30' },
        400,
        'effectiveFrom',
        'backdated into a reported quarter',
      ],
      [{ signedAt: '2026-11-27', effectiveFrom: '2018-01-01' }, 400, 'effectiveFrom', "on the previous version's date"],
      [{ signedAt: '2026-12-01', effectiveFrom: '2027-01-01' }, 400, 'signedAt', 'signed in the future'],
      [{ signedAt: '2015-01-01', effectiveFrom: '2027-01-01' }, 400, 'signedAt', 'signed before the contract'],
      [{ signedAt: '2026-11-27', effectiveFrom: '2027-02-30' }, 400, 'effectiveFrom', 'not a date'],
    ])('refuses to sign with %j (%s naming %s: %s)', async (body, status, field) => {
      const r = await send(DIR, 'POST', `/api/v1/amendments/${amendmentId}/sign`, body);
      expect(r.statusCode).toBe(status);
      expect(r.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it('signs with a future effective date: signed, not yet in force; the contract switches on that date', async () => {
      const r = await send(DIR, 'POST', `/api/v1/amendments/${amendmentId}/sign`, {
        signedAt: '2026-11-27',
        effectiveFrom: '2027-01-01',
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({
        status: 'signed',
        signedAt: '2026-11-27',
        effectiveFrom: '2027-01-01',
        annexVersions: [{ version: 3, status: 'signed' }],
      });
      expect((await get(REF, `${lbUrl()}/contract?at=2026-12-31`)).json().annexes[0].version).toBe(2);
      const after = (await get(REF, `${lbUrl()}/contract?at=2027-01-01`)).json();
      expect(after.annexes[0].version).toBe(3);
      expect(after.annexes[0].priorities).toHaveLength(6);
      expect(after.amendments.map((x: { number: number }) => x.number)).toEqual([1, 2]);
      const i332 = await indicatorAt(t.app.ctx.db, t.org.communes.leBouscat, '2027-01-01', '3.3.2');
      expect(i332?.indicator.rule).toMatchObject({ byPriority: { P1: 'PT2H' } });
      const doc = await pdfText((await get(REF, `/api/v1/amendments/${amendmentId}/document.pdf`)).rawPayload);
      expect(doc.replace(/\s+/g, ' ')).toContain('Avenant n°2');
      expect(doc.replace(/\s+/g, ' ')).toContain('1er janvier 2027');
    });

    it('keeps signed amendments and annex versions immutable (409 immutable)', async () => {
      for (const [method, url, body] of [
        ['PATCH', `/api/v1/annex-versions/${draftId}`, { priorities: ['x'] }],
        [
          'PATCH',
          `/api/v1/annex-versions/${(await get(REF, `${lbUrl()}/contract?at=2019-01-01`)).json().annexes[0].id}`,
          { priorities: ['x'] },
        ],
        ['PATCH', `/api/v1/amendments/${amendmentId}`, { object: 'x' }],
        ['DELETE', `/api/v1/amendments/${amendmentId}`, undefined],
      ] as const) {
        const r = await send(CM, method, url, body);
        expect(r.statusCode, url).toBe(409);
        expect(r.json().error.code).toBe('immutable');
      }
      const again = await send(DIR, 'POST', `/api/v1/amendments/${amendmentId}/sign`, {
        signedAt: '2026-11-27',
        effectiveFrom: '2027-02-01',
      });
      expect(again.json().error.code).toBe('immutable');
    });

    it('refuses an effective date that overlaps the last signed version (409 naming effectiveFrom), then abandons the draft', async () => {
      const a3 = (await send(CM, 'POST', `${lbUrl()}/amendments`, {})).json();
      expect(a3.number).toBe(3);
      const r = await send(DIR, 'POST', `/api/v1/amendments/${a3.id}/sign`, {
        signedAt: '2026-11-28',
        effectiveFrom: '2026-12-15',
      });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.details.fields[0].field).toBe('effectiveFrom');
      expect((await send(CM, 'DELETE', `/api/v1/amendments/${a3.id}`)).statusCode).toBe(204);
      expect((await get(CM, `/api/v1/amendments/${a3.id}`)).statusCode).toBe(404);
      expect(
        (await get(CM, `${lbUrl()}/annexes/numerique/versions`))
          .json()
          .items.map((v: { version: number }) => v.version),
      ).toEqual([1, 2, 3]);
    });

    it('derives "in force" once the effective date has come', async () => {
      // Through the service (a 5-week clock jump would expire the test sessions).
      const before = await listAmendments(t.app.ctx, systemActor, t.org.communes.leBouscat);
      expect(before.items.map((x) => [x.number, x.status])).toEqual([
        [1, 'in_force'],
        [2, 'signed'],
      ]);
      t.clock.set('2026-12-31T23:30:00.000Z'); // already 1 January 2027 in Paris
      try {
        const after = await listAmendments(t.app.ctx, systemActor, t.org.communes.leBouscat);
        expect(after.items.map((x) => [x.number, x.status])).toEqual([
          [1, 'in_force'],
          [2, 'in_force'],
        ]);
      } finally {
        t.clock.set('2026-11-28T10:00:00.000Z');
      }
    });

    it('records every drafting step in the audit trail', async () => {
      const rows = await t.app.ctx.db
        .selectFrom('auditLog')
        .select('action')
        .where('communeId', '=', t.org.communes.leBouscat)
        .where('targetType', 'in', ['amendment', 'annex_version'])
        .execute();
      expect(new Set(rows.map((r) => r.action))).toEqual(
        new Set(['amendment.create', 'amendment.update', 'annex_version.update', 'amendment.sign', 'amendment.delete']),
      );
    });
  });

  describe("isolation: another commune's user gets 404, an anonymous caller 401, on every route", () => {
    const OTHER = 'referent@villedemo.test';
    const routes = async () => {
      const lb = lbUrl();
      const am = (await get(REF, `${lb}/amendments`)).json().items[0].id;
      const v = (await get(REF, `${lb}/annexes/numerique/versions`)).json().items;
      const draft = (await send('contrats@mutualis.test', 'POST', `${lb}/amendments`, {})).json().id as string;
      const meta = [
        'id',
        'contractId',
        'communeId',
        'domain',
        'domainTitle',
        'version',
        'status',
        'effectiveFrom',
        'effectiveTo',
        'amendmentId',
        'signedAt',
        'supportHours',
        'abilities',
      ];
      const whole = Object.fromEntries(
        Object.entries((await get(REF, `/api/v1/annex-versions/${v[0].id}`)).json()).filter(([k]) => !meta.includes(k)),
      );
      return [
        ['GET', `${lb}/contract?at=2019-06-01`],
        ['GET', `${lb}/contract/document.pdf`],
        ['GET', `${lb}/contract/document.docx`],
        ['GET', `${lb}/amendments`],
        ['POST', `${lb}/amendments`, {}],
        ['GET', `/api/v1/amendments/${am}`],
        ['GET', `/api/v1/amendments/${am}/document.pdf`],
        ['GET', `/api/v1/amendments/${am}/document.docx`],
        ['PATCH', `/api/v1/amendments/${draft}`, { object: 'x' }],
        ['DELETE', `/api/v1/amendments/${draft}`],
        ['POST', `/api/v1/amendments/${draft}/sign`, { signedAt: '2026-11-28', effectiveFrom: '2027-06-01' }],
        ['GET', `${lb}/annexes/numerique/versions`],
        ['GET', `/api/v1/annex-versions/${v[0].id}`],
        ['PATCH', `/api/v1/annex-versions/${v[v.length - 1].id}`, { priorities: ['x'] }],
        ['PUT', `/api/v1/annex-versions/${v[v.length - 1].id}`, whole],
        ['GET', `/api/v1/annex-versions/compare?from=${v[0].id}&to=${v[1].id}`],
      ] as Array<[string, string, unknown?]>;
    };

    it('404 for the referent of Villedemo, 401 anonymously', async () => {
      const list = await routes();
      expect(list).toHaveLength(16);
      for (const [method, url, body] of list) {
        const other = await t.app.inject({
          method: method as 'GET',
          url,
          headers: await t.as(OTHER),
          ...(body === undefined ? {} : { payload: body as object }),
        });
        const anon = await t.app.inject({
          method: method as 'GET',
          url,
          headers: ANON,
          ...(body === undefined ? {} : { payload: body as object }),
        });
        expect(other.statusCode, `${method} ${url} as ${OTHER}`).toBe(404);
        expect(anon.statusCode, `${method} ${url} anonymous`).toBe(401);
      }
      // Villedemo's own annex versions cannot be compared with Le Bouscat's either.
      const vd = (await get(OTHER, `/api/v1/communes/${t.org.communes.villedemo}/annexes/numerique/versions`)).json()
        .items[0].id;
      const lbv = (await get(REF, `${lbUrl()}/annexes/numerique/versions`)).json().items[0].id;
      expect((await get(OTHER, `/api/v1/annex-versions/compare?from=${vd}&to=${lbv}`)).statusCode).toBe(404);
    });
  });
});
