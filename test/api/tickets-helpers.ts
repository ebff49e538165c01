import type { BareTestApp, TestApp } from '../harness';
import { townHallCalendar } from '../factories';

/** The commune's calendar id, creating the town-hall calendar when the demo seed has none. */
export async function ensureCalendar(t: TestApp, communeId: string): Promise<string> {
  const admin = await t.as('admin@mutualis.test');
  const got = await t.app.inject({ url: `/api/v1/communes/${communeId}/calendar`, headers: admin });
  if (got.statusCode === 200) return got.json().id;
  const made = await t.app.inject({
    method: 'POST',
    url: '/api/v1/calendars',
    headers: admin,
    payload: { ...townHallCalendar(), communeId },
  });
  if (made.statusCode !== 201) throw new Error(`calendar: ${made.statusCode} ${made.body}`);
  return made.json().id;
}

export async function move(t: BareTestApp, email: string, id: string, to: string, comment?: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${id}/transitions`,
    headers: await t.as(email),
    payload: comment ? { to, comment } : { to },
  });
}
