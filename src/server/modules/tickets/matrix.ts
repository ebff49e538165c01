import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize } from '../../access/actor';
import { scoped } from '../../db/scope';
import { invalid } from '../../errors';
import { recordAudit } from '../audit';
import { checkProviderActor } from '../../access/grant';
import {
  defaultMatrix,
  matrixCells,
  matrixFromCells,
  type Level,
  type Priority,
  type PriorityMatrix,
} from './priority';

/** The matrix that applies to a commune: its override, else the provider's, else the default. */
export async function matrixFor(db: Executor, communeId: string | null): Promise<PriorityMatrix> {
  const keys = communeId ? [communeId, 'provider'] : ['provider'];
  const rows = await db
    .selectFrom('priorityMatrices')
    .select(['scopeKey', 'cells'])
    .where('scopeKey', 'in', keys)
    .execute();
  const row = rows.find((r) => r.scopeKey === communeId) ?? rows.find((r) => r.scopeKey === 'provider');
  return row ? (JSON.parse(row.cells) as PriorityMatrix) : defaultMatrix;
}

/** GET /priority-matrix: the matrix that applies (to a commune when named). */
export async function getPriorityMatrix(ctx: AppContext, actor: Actor, q: { communeId?: string }) {
  authorize(actor, 'tickets.read');
  const communeId = q.communeId ?? null;
  if (communeId) await scoped(ctx.db, actor).assertCommune(communeId);
  const own = communeId
    ? await ctx.db
        .selectFrom('priorityMatrices')
        .select('scopeKey')
        .where('scopeKey', '=', communeId)
        .executeTakeFirst()
    : undefined;
  return { communeId, inherited: Boolean(communeId) && !own, cells: matrixCells(await matrixFor(ctx.db, communeId)) };
}

/** PUT /priority-matrix: replaces the provider matrix or a commune's override (tickets.configure). */
export async function putPriorityMatrix(
  ctx: AppContext,
  actor: Actor,
  input: { communeId?: string | null; cells: Array<{ impact: Level; urgency: Level; priority: Priority }> },
) {
  authorize(actor, 'tickets.configure');
  const m = matrixFromCells(input.cells);
  if (!m) throw invalid('cells', 'Give one priority for each of the 16 impact × urgency cells.');
  const communeId = input.communeId ?? null;
  if (communeId) await scoped(ctx.db, actor).assertCommune(communeId);
  else checkProviderActor(actor);
  const at = ctx.now().toISOString();
  const scopeKey = communeId ?? 'provider';
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('priorityMatrices')
      .values({
        scopeKey,
        communeId,
        cells: JSON.stringify(m),
        updatedAt: at,
        updatedBy: actor.kind === 'user' ? actor.id : null,
      })
      .onConflict((oc) =>
        oc
          .column('scopeKey')
          .doUpdateSet({ cells: JSON.stringify(m), updatedAt: at, updatedBy: actor.kind === 'user' ? actor.id : null }),
      )
      .execute();
    await recordAudit(
      trx,
      actor,
      { action: 'priority_matrix.update', targetType: 'priority_matrix', targetId: scopeKey, communeId, changes: m },
      ctx.now(),
    );
  });
  return getPriorityMatrix(ctx, actor, { communeId: communeId ?? undefined });
}
