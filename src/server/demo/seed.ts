import type { AppContext } from '../context';
import { hashPassword } from '../modules/auth';
import { DEMO_PASSWORD, seedOrganisation, type DemoOrg } from './organisation';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { seedCalendars } from '../modules/calendars';
import { seedContracts } from '../modules/contracts';
import { seedServiceDesk } from '../modules/tickets';
import { seedDemoTickets } from './ticket-generator';
import { seedEscalations } from '../modules/escalations';
import { seedApplications, seedOutages } from '../modules/applications';
import { seedProjects } from '../modules/projects';
import { seedFleet } from '../modules/fleet';

/** A capability's demo seed, run in order inside the seeding transaction. */
export type DemoSeed = (trx: Transaction<DB>, org: DemoOrg, ctx: AppContext) => Promise<void>;

/** Every capability's seed after the organisation; add yours at the end. */
export const demoSeeds: Array<{ name: string; seed: DemoSeed; bulk?: boolean }> = [
  { name: 'calendars', seed: seedCalendars }, // first: the service desk computes deadlines on these calendars
  { name: 'contracts', seed: seedContracts },
  { name: 'servicedesk', seed: seedServiceDesk },
  { name: 'tickets', seed: seedDemoTickets, bulk: true },
  { name: 'escalations', seed: seedEscalations },
  { name: 'applications', seed: seedApplications },
  { name: 'outages', seed: seedOutages, bulk: true }, // after the generated tickets: outages match P1 incidents
  { name: 'projects', seed: seedProjects, bulk: true },
  { name: 'fleet', seed: seedFleet },
];

/** True when the database holds no commune yet (a fresh install). */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.selectFrom('communes').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Fills an empty database with the demo data, all or nothing. Bulk seeds (years of tickets)
 * run after the small ones, each in its own transaction.
 */
export async function seedDemo(ctx: AppContext, opts: { bulk?: boolean } = {}): Promise<DemoOrg> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const now = ctx.now();
  let org!: DemoOrg;
  await ctx.db.transaction().execute(async (trx) => {
    org = await seedOrganisation(trx, hash, now);
    for (const s of demoSeeds.filter((d) => !d.bulk)) await s.seed(trx, org, ctx);
  });
  if (opts.bulk !== false) {
    for (const s of demoSeeds.filter((d) => d.bulk)) await ctx.db.transaction().execute((trx) => s.seed(trx, org, ctx));
  }
  return org;
}
