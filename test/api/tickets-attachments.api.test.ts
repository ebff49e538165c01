import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { incident, makeServiceDesk, multipart, openTicket, type ServiceDesk } from '../factories';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

describeEachDb('tickets API: attachments', (dialect) => {
  let t: BareTestApp;
  let d: ServiceDesk;
  let ticketId: string;
  beforeAll(async () => {
    t = await makeBareApp(dialect);
    d = await makeServiceDesk(t);
    ticketId = (await openTicket(t, d.requester.email, incident())).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = async (email: string | null, filename: string, data: Buffer, contentType?: string, id = ticketId) => {
    const m = multipart(filename, data, contentType);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/attachments`,
      headers: { ...(email ? await t.as(email) : ANON), 'content-type': m.contentType },
      payload: m.payload,
    });
  };

  it('accepts a PNG and a PDF by their content and serves them as downloads with nosniff', async () => {
    const png = await upload(d.requester.email, 'capture.png', PNG, 'image/png');
    expect(png.statusCode).toBe(201);
    expect(png.json()).toMatchObject({ contentType: 'image/png', size: PNG.length, filename: 'capture.png' });
    // The client's type is ignored: a PDF announced as an image is stored as a PDF.
    const pdf = await upload(d.agent.email, 'facture.pdf', PDF, 'image/png');
    expect(pdf.json().contentType).toBe('application/pdf');
    const dl = await t.app.inject({ url: png.json().url, headers: await t.as(d.requester.email) });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    const page = (
      await t.app.inject({ url: `/api/v1/tickets/${ticketId}`, headers: await t.as(d.requester.email) })
    ).json();
    expect(page.attachments.map((a: { filename: string }) => a.filename)).toEqual(['capture.png', 'facture.pdf']);
    const history = (
      await t.app.inject({ url: `/api/v1/tickets/${ticketId}/history`, headers: await t.as(d.requester.email) })
    ).json();
    expect(history.items.filter((h: { kind: string }) => h.kind === 'attachment')).toHaveLength(2);
  });

  it('accepts plain text and CSV by sniffing, refuses executables and markup with 415', async () => {
    expect(
      (await upload(d.requester.email, 'log.txt', Buffer.from('Erreur 0x80070005 à 9h12\n'))).json().contentType,
    ).toBe('text/plain');
    expect(
      (await upload(d.requester.email, 'export.csv', Buffer.from('nom;poste\nDupont;PC-12\n'))).json().contentType,
    ).toBe('text/csv');
    const exe = await upload(d.requester.email, 'photo.png', ELF, 'image/png');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('unsupported_media_type');
    expect(
      (await upload(d.requester.email, 'page.txt', Buffer.from('<html><script>alert(1)</script></html>'))).statusCode,
    ).toBe(415);
    expect((await upload(d.requester.email, 'empty.txt', Buffer.alloc(0))).statusCode).toBe(415);
  });

  it('refuses a file over the configured limit with 413', async () => {
    const limit = t.app.ctx.config.maxUploadBytes;
    t.app.ctx.config.maxUploadBytes = 1000;
    try {
      const big = await upload(d.requester.email, 'big.txt', Buffer.alloc(1001, 'a'));
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('payload_too_large');
    } finally {
      t.app.ctx.config.maxUploadBytes = limit;
    }
    // Beyond the multipart parser's own limit (set from the same configuration at start-up).
    const huge = await upload(d.requester.email, 'huge.txt', Buffer.alloc(limit + 1, 'a'));
    expect(huge.statusCode).toBe(413);
  });

  it('checks the scope on every download and upload: other commune 404, the commune referent 200, anonymous 401', async () => {
    const att = (await upload(d.requester.email, 'scope.png', PNG)).json();
    for (const who of [d.otherRequester.email, d.otherReferent.email]) {
      expect((await t.app.inject({ url: att.url, headers: await t.as(who) })).statusCode).toBe(404);
      expect((await upload(who, 'intrusion.png', PNG)).statusCode).toBe(404);
    }
    expect((await t.app.inject({ url: att.url, headers: await t.as(d.referent.email) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: att.url, headers: ANON })).statusCode).toBe(401);
    expect((await upload(null, 'anon.png', PNG)).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/v1/attachments/no-such-id', headers: await t.as(d.requester.email) }))
        .statusCode,
    ).toBe(404);
  });

  it('ties a file to its message: own reply or note only, a note’s file hidden from the commune', async () => {
    const comment = async (email: string, body: string, internal = false) => {
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticketId}/comments`,
        headers: await t.as(email),
        payload: { body, internal },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const uploadTo = async (email: string, commentId: string, filename: string, data: Buffer) => {
      const m = multipart(filename, data);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticketId}/attachments?commentId=${encodeURIComponent(commentId)}`,
        headers: { ...(await t.as(email)), 'content-type': m.contentType },
        payload: m.payload,
      });
    };
    const reply = await comment(d.requester.email, 'Voici la capture demandée.');
    const withReply = await uploadTo(d.requester.email, reply, 'ecran.png', PNG);
    expect(withReply.statusCode, withReply.body).toBe(201);
    expect(withReply.json().commentId).toBe(reply);

    // Someone else's message, a note the requester cannot read, a message of another ticket: 400.
    const note = await comment(d.agent.email, 'Vu avec le fournisseur, devis en pièce jointe.', true);
    for (const [email, id] of [
      [d.agent.email, reply],
      [d.requester.email, note],
      [d.requester.email, 'nope'],
    ] as const) {
      const r = await uploadTo(email, id, 'x.pdf', PDF);
      expect(r.statusCode, `${email} → ${id}`).toBe(400);
      expect(r.json().error.details.fields[0].field).toBe('commentId');
    }
    const noteFile = await uploadTo(d.agent.email, note, 'devis.pdf', PDF);
    expect(noteFile.statusCode).toBe(201);

    // Staff see both files with their message; the requester only the reply's, and cannot fetch the note's.
    const page = async (email: string) =>
      (await t.app.inject({ url: `/api/v1/tickets/${ticketId}`, headers: await t.as(email) })).json() as {
        attachments: Array<{ filename: string; commentId: string | null }>;
      };
    const staff = (await page(d.agent.email)).attachments.filter((a) => a.commentId);
    expect(staff.map((a) => [a.filename, a.commentId])).toEqual([
      ['ecran.png', reply],
      ['devis.pdf', note],
    ]);
    const requester = (await page(d.requester.email)).attachments.filter((a) => a.commentId);
    expect(requester.map((a) => a.filename)).toEqual(['ecran.png']);
    const hidden = await t.app.inject({ url: noteFile.json().url, headers: await t.as(d.requester.email) });
    expect(hidden.statusCode).toBe(404);
    expect((await t.app.inject({ url: noteFile.json().url, headers: await t.as(d.agent.email) })).statusCode).toBe(200);
    // Nor does the history tell the requester about the note's file.
    const history = (
      await t.app.inject({ url: `/api/v1/tickets/${ticketId}/history`, headers: await t.as(d.requester.email) })
    ).json();
    expect(JSON.stringify(history)).not.toContain('devis.pdf');
  });
});
