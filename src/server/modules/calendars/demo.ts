import type { Transaction } from 'kysely';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context';
import type { DB } from '../../db/schema';
import type { DemoOrg } from '../../demo/organisation';
import { systemActor } from '../../access/actor';
import { newId } from '../../lib/ids';
import type { CalendarDefinition } from './clock';
import { easterSunday, dayNumberOf, isoDateOf } from './holidays';
import { insertCalendar } from './service';

type Ranges = Array<[string, string]>;
const week = (weekday: Ranges, sat: Ranges = []): CalendarDefinition['weekly'] => ({
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: weekday,
  sat,
  sun: [],
});

/** Whit Monday (Easter + 50 days) of a year, `YYYY-MM-DD`. */
function whitMonday(year: number): string {
  const e = easterSunday(year);
  return isoDateOf(dayNumberOf(year, e.month, e.day) + 50);
}

/**
 * Demo calendars and on-call rosters: Le Bouscat's town hall (the reference's support hours,
 * Mon–Fri 8:30–12:00 and 13:00–17:00, FR), Villedemo's (Saturday mornings, Whit Monday worked as
 * journée de solidarité this year and next), the provider's call centre, and Le Bouscat's on-call
 * cover for its next two municipal council meetings ("Maintenir les astreintes existantes (2 agents
 * aujourd'hui) pendant les conseils municipaux").
 */
export async function seedCalendars(trx: Transaction<DB>, org: DemoOrg, ctx: AppContext): Promise<void> {
  const now = ctx.now();
  const year = DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).year;
  const calendars: Array<{ communeId: string | null; definition: CalendarDefinition }> = [
    {
      communeId: org.communes.leBouscat,
      definition: {
        name: 'Mairie du Bouscat',
        timezone: 'Europe/Paris',
        weekly: week([
          ['08:30', '12:00'],
          ['13:00', '17:00'],
        ]),
        holidays: 'FR',
        closures: [],
        workedDates: [],
      },
    },
    {
      communeId: org.communes.villedemo,
      definition: {
        name: 'Mairie de Villedemo',
        timezone: 'Europe/Paris',
        weekly: week(
          [
            ['08:00', '12:00'],
            ['13:30', '17:30'],
          ],
          [['09:00', '12:00']],
        ),
        holidays: 'FR',
        closures: [],
        workedDates: [whitMonday(year), whitMonday(year + 1)],
      },
    },
    {
      communeId: null,
      definition: {
        name: "Centre d'appel",
        timezone: 'Europe/Paris',
        weekly: week([['08:00', '18:00']]),
        holidays: 'FR',
        closures: [],
        workedDates: [],
      },
    },
  ];
  for (const c of calendars) await insertCalendar(trx, systemActor, { ...c, now });

  // The next two council meetings: second Tuesday of the coming months, 18:30–23:00.
  const agents = [org.users['accueil@mutualis.test'], org.users['technicien@mutualis.test']].filter((u): u is string =>
    Boolean(u),
  );
  const firstOfMonth = DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).startOf('month');
  for (let m = 1; m <= 2; m++) {
    const month = firstOfMonth.plus({ months: m });
    const secondTuesday = month.plus({ days: ((2 - month.weekday + 7) % 7) + 7 });
    const start = secondTuesday.set({ hour: 18, minute: 30 });
    const id = newId();
    const at = now.toISOString();
    await trx
      .insertInto('oncallPeriods')
      .values({
        id,
        communeId: org.communes.leBouscat,
        name: `Conseil municipal du ${start.setLocale('fr').toFormat('d LLLL yyyy')}`,
        startsAt: start.toUTC().toISO()!,
        endsAt: start.set({ hour: 23, minute: 0 }).toUTC().toISO()!,
        notes: 'Astreinte pendant le conseil municipal : vidéoprojection, sonorisation, retransmission en ligne.',
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await trx
      .insertInto('oncallAgents')
      .values(agents.map((userId) => ({ periodId: id, userId, communeId: org.communes.leBouscat })))
      .execute();
  }
}
