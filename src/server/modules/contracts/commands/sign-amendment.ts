import type { AppContext } from '../../../context';
import { authorize, type Actor } from '../../../access/actor';
import { scoped } from '../../../db/scope';
import { AppError, conflict, invalid, notFound } from '../../../errors';
import { recordAudit } from '../../audit';
import { isValidDate, quarterStart } from '../dates';
import { getAmendment, todayOf } from '../service';

/**
 * Signing an amendment (director: `contracts.sign`) fixes its dates and makes it and its annex
 * versions immutable. The effective date may not rewrite the past that was already reported:
 * it must come after the effective date of every version it replaces (no overlap, no reordering
 * of versions) and not before the current quarter (the last reported period is the previous
 * quarter: comité de suivi, trimestriel).
 */
export async function signAmendment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { signedAt: string; effectiveFrom: string },
) {
  const today = todayOf(ctx);
  for (const f of ['signedAt', 'effectiveFrom'] as const)
    if (!isValidDate(input[f])) throw invalid(f, `${f} must be a real date YYYY-MM-DD.`);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await scoped(trx, actor).selectFrom('amendments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('amendment');
    authorize(actor, 'contracts.sign');
    if (row.status !== 'draft') throw new AppError('immutable', `Avenant n°${row.number} is already signed.`);
    if (input.signedAt > today) throw invalid('signedAt', `The signing date ${input.signedAt} is in the future.`);
    const contract = await scoped(trx, actor)
      .selectFrom('contracts')
      .select(['signedAt'])
      .where('id', '=', row.contractId)
      .executeTakeFirstOrThrow();
    if (input.signedAt < contract.signedAt)
      throw invalid('signedAt', `The amendment cannot be signed before the contract (${contract.signedAt}).`);
    const reportedUntil = quarterStart(today);
    if (input.effectiveFrom < reportedUntil) {
      throw invalid(
        'effectiveFrom',
        `The effective date ${input.effectiveFrom} is backdated into a period already reported: it must be on or after ${reportedUntil}, the start of the current quarter.`,
      );
    }
    const drafts = await scoped(trx, actor)
      .selectFrom('annexVersions')
      .select(['id', 'domain', 'version'])
      .where('amendmentId', '=', id)
      .where('status', '=', 'draft')
      .execute();
    for (const d of drafts) {
      const latest = await scoped(trx, actor)
        .selectFrom('annexVersions')
        .select(['version', 'effectiveFrom'])
        .where('contractId', '=', row.contractId)
        .where('domain', '=', d.domain)
        .where('status', '=', 'signed')
        .orderBy('effectiveFrom', 'desc')
        .executeTakeFirst();
      if (latest && latest.effectiveFrom! >= input.effectiveFrom) {
        throw conflict(
          `The effective date ${input.effectiveFrom} overlaps version ${latest.version} of the "${d.domain}" annex, in force from ${latest.effectiveFrom}: choose a later date.`,
          { fields: [{ field: 'effectiveFrom', message: `Must be after ${latest.effectiveFrom}.` }] },
        );
      }
    }
    const at = ctx.now().toISOString();
    await scoped(trx, actor)
      .updateTable('amendments')
      .set({ status: 'signed', signedAt: input.signedAt, effectiveFrom: input.effectiveFrom, updatedAt: at })
      .where('id', '=', id)
      .execute();
    await scoped(trx, actor)
      .updateTable('annexVersions')
      .set({ status: 'signed', signedAt: input.signedAt, effectiveFrom: input.effectiveFrom, updatedAt: at })
      .where('amendmentId', '=', id)
      .where('status', '=', 'draft')
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'amendment.sign',
        targetType: 'amendment',
        targetId: id,
        communeId: row.communeId,
        changes: { ...input, annexVersions: drafts.map((d) => d.id) },
      },
      ctx.now(),
    );
  });
  return getAmendment(ctx, actor, id);
}
