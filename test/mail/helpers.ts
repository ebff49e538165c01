import type { TestApp } from '../harness';
import { townHallCalendar } from '../factories';
import type { TestSmtp } from './smtp';

/** Gives both demo communes their town-hall calendar (through the API) and points the mailer at the test SMTP server. */
export async function prepareMail(t: TestApp, smtp: TestSmtp | null): Promise<void> {
  const admin = await t.as('admin@mutualis.test');
  for (const [name, communeId] of [
    ['Mairie du Bouscat', t.org.communes.leBouscat],
    ['Mairie de Villedemo', t.org.communes.villedemo],
  ] as const) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendars',
      headers: admin,
      payload: { ...townHallCalendar(name), communeId },
    });
    if (res.statusCode !== 201 && res.statusCode !== 409) throw new Error(`calendar: ${res.statusCode} ${res.body}`);
  }
  t.app.ctx.config.smtp = smtp ? smtp.config() : null;
}

/** The id of a demo category by code. */
export async function categoryId(t: TestApp, code: string): Promise<string> {
  const c = await t.app.ctx.db
    .selectFrom('ticketCategories')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return c.id;
}

/** History entries of a ticket of one kind, payloads parsed. */
export async function historyOf(t: TestApp, ticketId: string, kind: string): Promise<Array<Record<string, unknown>>> {
  const rows = await t.app.ctx.db
    .selectFrom('ticketHistory')
    .select(['data'])
    .where('ticketId', '=', ticketId)
    .where('kind', '=', kind)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>);
}
