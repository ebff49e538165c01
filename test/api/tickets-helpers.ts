import type { TestApp } from '../harness';

/** Town-hall hours of the reference (Mon–Fri 8:30–12:00, 13:00–17:00), French holidays. */
export const townHall = {
  name: 'Mairie',
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

/** The commune's calendar id, creating the town-hall calendar when the demo seed has none. */
export async function ensureCalendar(t: TestApp, communeId: string): Promise<string> {
  const admin = await as(t, 'admin@mutualis.test');
  const got = await t.app.inject({ url: `/api/v1/communes/${communeId}/calendar`, headers: admin });
  if (got.statusCode === 200) return got.json().id;
  const made = await t.app.inject({
    method: 'POST',
    url: '/api/v1/calendars',
    headers: admin,
    payload: { ...townHall, communeId },
  });
  if (made.statusCode !== 201) throw new Error(`calendar: ${made.statusCode} ${made.body}`);
  return made.json().id;
}

export const incident = (over: Record<string, unknown> = {}) => ({
  type: 'incident',
  title: 'Imprimante en panne',
  description: 'Plus aucune impression.',
  impact: 'medium',
  urgency: 'medium',
  channel: 'portal',
  ...over,
});

/** Opens a ticket as the given account; returns the body (throws unless 201). */
export async function openTicket(
  t: TestApp,
  email: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: { ...(await as(t, email)), ...headers },
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function move(t: TestApp, email: string, id: string, to: string, comment?: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${id}/transitions`,
    headers: await as(t, email),
    payload: comment ? { to, comment } : { to },
  });
}

const sessions = new WeakMap<TestApp, Map<string, { at: number; headers: Record<string, string> }>>();

/**
 * Headers of a signed-in demo account, signing in again when the test clock has jumped by more
 * than a few hours (sessions expire after 12 idle hours of the controllable clock).
 */
export async function as(t: TestApp, email: string): Promise<Record<string, string>> {
  let m = sessions.get(t);
  if (!m) sessions.set(t, (m = new Map()));
  const now = t.clock.now().getTime();
  const hit = m.get(email);
  if (hit && Math.abs(now - hit.at) < 4 * 3_600_000) return hit.headers;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: 'http://localhost', host: 'localhost' },
    payload: { email, password: 'mutualis-demo' },
  });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'mutualis_session')!;
  const headers = { cookie: `mutualis_session=${c.value}`, origin: 'http://localhost', host: 'localhost' };
  m.set(email, { at: now, headers });
  return headers;
}
