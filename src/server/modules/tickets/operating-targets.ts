import { z } from 'zod';
import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { checkProviderActor } from '../../access/grant';
import { scoped, unscoped } from '../../db/scope';
import { conflict, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { byPriorityDelays, localDateOf } from '../contracts';
import type { OperatingTargetTable } from './tables';

/**
 * The provider's operating targets ("objectifs de service internes"): resolution delays per
 * priority that run the service desk's queues, warnings and internal escalation when neither the
 * signed annex nor a two-party agreement sets one. They are the provider's own management
 * figures, not contract terms: a breach never escalates to the commune's matrix roles
 * (escalations/alerts.ts), and the indicators never judge the contract against them.
 * Provider-wide versions (scope 'provider') and a commune's override, each effective-dated: the
 * version in force on a ticket's creation date (local) applies, the commune's when it has one.
 */

export type OperatingTargetRow = Pick<
  OperatingTargetTable,
  'id' | 'scopeKey' | 'communeId' | 'effectiveFrom' | 'resolution' | 'note' | 'createdByLabel' | 'createdAt'
>;

export interface OperatingTargetView {
  id: string;
  scope: 'provider' | 'commune';
  communeId: string | null;
  effectiveFrom: string;
  resolution: Record<'P1' | 'P2' | 'P3' | 'P4', string>;
  note: string;
  createdBy: string;
  createdAt: string;
  /** True for the version that applies today (to the commune asked about, or provider-wide). */
  inForce: boolean;
}

/** The version in force at a local date among a commune's and the provider's versions (pure). */
export function operatingTargetAt(
  rows: readonly OperatingTargetRow[],
  communeId: string | null,
  date: string,
): OperatingTargetRow | null {
  const latest = (key: string) =>
    rows
      .filter((r) => r.scopeKey === key && r.effectiveFrom <= date)
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
      .at(-1) ?? null;
  return (communeId ? latest(communeId) : null) ?? latest('provider');
}

/** The operating-target versions that may apply to a commune (its own and the provider's). */
export async function operatingTargetRows(db: Executor, communeId: string | null): Promise<OperatingTargetRow[]> {
  return unscoped(db, 'provider-wide configuration and the override of a commune its caller checked')
    .selectFrom('operatingTargets')
    .selectAll()
    .where('scopeKey', 'in', communeId ? ['provider', communeId] : ['provider'])
    .orderBy('effectiveFrom')
    .execute();
}

/** The resolution delays in force for a commune at a local date, or null when none was set. */
export async function operatingTargetsFor(
  db: Executor,
  communeId: string,
  date: string,
): Promise<{ id: string; resolution: Record<string, string> } | null> {
  const row = operatingTargetAt(await operatingTargetRows(db, communeId), communeId, date);
  return row ? { id: row.id, resolution: JSON.parse(row.resolution) as Record<string, string> } : null;
}

function present(r: OperatingTargetRow, inForceId: string | null): OperatingTargetView {
  return {
    id: r.id,
    scope: r.scopeKey === 'provider' ? 'provider' : 'commune',
    communeId: r.communeId,
    effectiveFrom: r.effectiveFrom,
    resolution: JSON.parse(r.resolution) as OperatingTargetView['resolution'],
    note: r.note,
    createdBy: r.createdByLabel,
    createdAt: r.createdAt,
    inForce: r.id === inForceId,
  };
}

/** GET /operating-targets?communeId= — the versions that apply (provider's, and the commune's override). */
export async function listOperatingTargets(ctx: AppContext, actor: Actor, q: { communeId?: string }) {
  authorize(actor, 'tickets.read');
  const communeId = q.communeId ?? null;
  if (communeId) await scoped(ctx.db, actor).assertCommune(communeId);
  const rows = await operatingTargetRows(ctx.db, communeId);
  const today = localDateOf(ctx.now());
  const current = operatingTargetAt(rows, communeId, today);
  const items = rows.map((r) => present(r, current?.id ?? null));
  return { items, total: items.length };
}

export const operatingTargetCreate = z.object({
  communeId: z
    .string()
    .min(1)
    .max(100)
    .nullable()
    .optional()
    .describe("A commune's override; null or absent: the provider-wide targets"),
  effectiveFrom: z.iso.date().describe('First local day the targets apply to new tickets (today or later)'),
  resolution: byPriorityDelays.describe('Business-time resolution delay per priority (operating target)'),
  note: z.string().trim().max(2_000).default('').describe('Why these targets (shown with them)'),
});

/** POST /operating-targets — a new version (provider staff with tickets.configure); never in the past. */
export async function createOperatingTarget(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof operatingTargetCreate>,
): Promise<OperatingTargetView> {
  authorize(actor, 'tickets.configure');
  checkProviderActor(actor);
  const communeId = input.communeId ?? null;
  if (communeId) await scoped(ctx.db, actor).assertCommune(communeId);
  const today = localDateOf(ctx.now());
  // Tickets already created keep the deadlines they were given: a version starts today at the earliest.
  if (input.effectiveFrom < today)
    throw invalid('effectiveFrom', `Operating targets apply to new tickets: choose ${today} or later.`);
  const scopeKey = communeId ?? 'provider';
  const now = ctx.now();
  const id = newId(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    const clash = await unscoped(trx, 'provider-wide configuration')
      .selectFrom('operatingTargets')
      .select('id')
      .where('scopeKey', '=', scopeKey)
      .where('effectiveFrom', '=', input.effectiveFrom)
      .executeTakeFirst();
    if (clash)
      throw conflict(`A version of these operating targets already starts on ${input.effectiveFrom}.`, {
        fields: [{ field: 'effectiveFrom', message: 'Already taken by another version.' }],
      });
    await trx
      .insertInto('operatingTargets')
      .values({
        id,
        scopeKey,
        communeId,
        effectiveFrom: input.effectiveFrom,
        resolution: JSON.stringify(input.resolution),
        note: input.note,
        createdByLabel: actor.label,
        createdAt: now.toISOString(),
      })
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'operating_targets.create',
        targetType: 'operating_targets',
        targetId: id,
        communeId,
        changes: { effectiveFrom: input.effectiveFrom, resolution: input.resolution, note: input.note },
      },
      now,
    );
  });
  const { items } = await listOperatingTargets(ctx, actor, { communeId: communeId ?? undefined });
  return items.find((i) => i.id === id)!;
}

/** DELETE /operating-targets/{id} — withdraws a version not in force yet. */
export async function deleteOperatingTarget(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'tickets.configure');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await unscoped(trx, 'provider-wide configuration; a commune override is checked below')
      .selectFrom('operatingTargets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || (row.communeId && !scoped(trx, actor).includes(row.communeId))) throw notFound('operating targets');
    checkProviderActor(actor);
    if (row.effectiveFrom <= localDateOf(now))
      throw conflict('These operating targets are already in force: add a new version instead.');
    await unscoped(trx, 'the row checked above').deleteFrom('operatingTargets').where('id', '=', id).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'operating_targets.delete',
        targetType: 'operating_targets',
        targetId: id,
        communeId: row.communeId,
        changes: { effectiveFrom: row.effectiveFrom, resolution: JSON.parse(row.resolution) as unknown },
      },
      now,
    );
  });
}
