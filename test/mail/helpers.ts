import { expect } from 'vitest';
import type { TestApp } from '../harness';
import type { TestSmtp } from './smtp';

/** Town-hall hours (3.2.1): Mon–Fri 8:30–12:00 and 13:00–17:00, French holidays, Paris time. */
export const townHall = {
  timezone: 'Europe/Paris',
  weekly: {
    mon: [
      ['08:30', '12:00'],
      ['13:00', '17:00'],
    ],
    tue: [
      ['08:30', '12:00'],
      ['13:00', '17:00'],
    ],
    wed: [
      ['08:30', '12:00'],
      ['13:00', '17:00'],
    ],
    thu: [
      ['08:30', '12:00'],
      ['13:00', '17:00'],
    ],
    fri: [
      ['08:30', '12:00'],
      ['13:00', '17:00'],
    ],
    sat: [],
    sun: [],
  },
  holidays: 'FR',
  closures: [],
  workedDates: [],
};

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
      payload: { name, communeId, ...townHall },
    });
    if (res.statusCode !== 201 && res.statusCode !== 409) throw new Error(`calendar: ${res.statusCode} ${res.body}`);
  }
  t.app.ctx.config.smtp = smtp ? smtp.config() : null;
}

/**
 * Signs in now (at the test clock), bypassing the harness's cookie cache: tests that move the
 * clock by days would otherwise present sessions that have expired meanwhile.
 */
export async function signIn(t: TestApp, email: string): Promise<Record<string, string>> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: 'http://localhost', host: 'localhost' },
    payload: { email, password: 'mutualis-demo' },
  });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'mutualis_session')!;
  return { cookie: `mutualis_session=${c.value}`, origin: 'http://localhost', host: 'localhost' };
}

/** Opens a ticket through the API as a demo account; returns its JSON. */
export async function openTicket(
  t: TestApp,
  email: string,
  body: Record<string, unknown> = {},
): Promise<{
  id: string;
  reference: string;
  priority: string;
  resolveDueAt: string | null;
  acknowledgeDueAt: string | null;
  [k: string]: unknown;
}> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: await signIn(t, email),
    payload: {
      type: 'incident',
      title: 'Imprimante en panne',
      description: 'Plus rien ne sort.',
      impact: 'medium',
      urgency: 'medium',
      channel: 'portal',
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
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
