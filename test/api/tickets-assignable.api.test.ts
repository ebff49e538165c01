import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { makeCalendar, makeCommune, makeUser, openTicket } from '../factories';

// Who may be assigned a ticket is an access rule (access/staff.ts): active provider staff
// assigned to the ticket's commune, or a director/administrator. The web app asks these routes
// instead of deriving the list itself.
describeEachDb('assignable users', (dialect) => {
  let t: BareTestApp;
  let north: string;
  let south: string;
  let ticketNorth: string;
  const people: Record<string, { id: string; email: string }> = {};

  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    north = await makeCommune(t, { name: 'Nordville' });
    south = await makeCommune(t, { name: 'Sudville' });
    await makeCalendar(t, north);
    people.director = await makeUser(t, { roles: ['director'], name: 'Dana Direction' });
    people.both = await makeUser(t, { roles: ['technician'], assigned: [north, south], name: 'Bea Both' });
    people.northOnly = await makeUser(t, { roles: ['call_centre_agent'], assigned: [north], name: 'Nina North' });
    people.southOnly = await makeUser(t, { roles: ['technician'], assigned: [south], name: 'Sam South' });
    people.northRequester = await makeUser(t, { roles: ['requester'], communeId: north, name: 'Rita Requester' });
    people.southReferent = await makeUser(t, { roles: ['contract_referent'], communeId: south, name: 'Sol Referent' });
    ticketNorth = (await openTicket(t, people.northRequester!.email)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const names = (res: { json(): { items: Array<{ name: string }> } }) => res.json().items.map((u) => u.name);

  it("lists the ticket's commune staff: assigned to it, or seeing every commune", async () => {
    const res = await t.app.inject({
      url: `/api/v1/tickets/${ticketNorth}/assignable-users`,
      headers: await t.as(people.northOnly!.email),
    });
    expect(res.statusCode).toBe(200);
    expect(names(res)).toEqual(['Bea Both', 'Dana Direction', 'Nina North']);
    expect(res.json().total).toBe(3);
  });

  it('lists, for bulk work, the staff of every commune given', async () => {
    const res = await t.app.inject({
      url: `/api/v1/assignable-users?communeId=${north}&communeId=${south}`,
      headers: await t.as(people.director!.email),
    });
    expect(res.statusCode).toBe(200);
    expect(names(res)).toEqual(['Bea Both', 'Dana Direction']);
    const one = await t.app.inject({
      url: `/api/v1/assignable-users?communeId=${south}`,
      headers: await t.as(people.director!.email),
    });
    expect(names(one)).toEqual(['Bea Both', 'Dana Direction', 'Sam South']);
  });

  it('narrows to the members of a support group', async () => {
    const groupId = (
      await t.app.ctx.db
        .insertInto('supportGroups')
        .values({ id: 'grp-test', code: 'level2', name: 'Niveau 2', level: 2 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await t.app.ctx.db.insertInto('supportGroupMembers').values({ groupId, userId: people.both!.id }).execute();
    const res = await t.app.inject({
      url: `/api/v1/tickets/${ticketNorth}/assignable-users?groupId=${groupId}`,
      headers: await t.as(people.northOnly!.email),
    });
    expect(names(res)).toEqual(['Bea Both']);
  });

  it('answers 404 to staff of another commune, 403 to the requester, 401 anonymously', async () => {
    const other = await t.app.inject({
      url: `/api/v1/tickets/${ticketNorth}/assignable-users`,
      headers: await t.as(people.southOnly!.email),
    });
    expect(other.statusCode).toBe(404);
    const referent = await t.app.inject({
      url: `/api/v1/tickets/${ticketNorth}/assignable-users`,
      headers: await t.as(people.southReferent!.email),
    });
    expect(referent.statusCode).toBe(404);
    const requester = await t.app.inject({
      url: `/api/v1/tickets/${ticketNorth}/assignable-users`,
      headers: await t.as(people.northRequester!.email),
    });
    expect(requester.statusCode).toBe(403);
    const anonymous = await t.app.inject({ url: `/api/v1/tickets/${ticketNorth}/assignable-users`, headers: ANON });
    expect(anonymous.statusCode).toBe(401);
    const bulkAnonymous = await t.app.inject({ url: `/api/v1/assignable-users?communeId=${north}`, headers: ANON });
    expect(bulkAnonymous.statusCode).toBe(401);
  });

  it("gives nobody for a commune outside the caller's scope, and 400 without a commune", async () => {
    const res = await t.app.inject({
      url: `/api/v1/assignable-users?communeId=${north}&communeId=${south}`,
      headers: await t.as(people.southOnly!.email),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], total: 0 });
    const none = await t.app.inject({ url: '/api/v1/assignable-users', headers: await t.as(people.director!.email) });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details.fields[0].field).toBe('communeId');
  });
});
