import { z } from 'zod';
import type { AppContext } from '../../../context';
import { authorize, type Actor } from '../../../access/actor';
import { scoped } from '../../../db/scope';
import { conflict, invalid } from '../../../errors';
import { localDate } from '../../../lib/http';
import { recordAudit } from '../../audit';
import { isValidDate } from '../dates';
import { amendmentContentSchema, annexContentSchema, contractContentSchema } from '../model';
import { insertAmendment, insertAnnexVersion, insertContract } from '../repo';
import { getAmendment, getContractAt, todayOf } from '../service';

/**
 * Entering real contracts (docs/contracts.md, "Entering a contract"): a commune's contract as it
 * was signed — parties, signing and effective dates, articles — with the first version of each
 * annex; and amendments **already signed** with their real past dates, a separate audited action
 * from drafting a new one (commands/draft-amendment.ts, sign-amendment.ts: those never backdate).
 * Both bodies are the documented file format (JSON, schema at GET /api/v1/contract-formats): the
 * UI reads a file and posts it as it is.
 */

const domainSlug = z
  .string()
  .regex(/^[a-z0-9-]+$/, 'Lower-case slug, e.g. numerique')
  .describe('Domain slug, e.g. "numerique"');

export const contractEntrySchema = z
  .object({
    signedAt: localDate.describe('Signing date, as on the signed document'),
    effectiveFrom: localDate.describe('In force from (the first annex versions too)'),
    content: contractContentSchema.describe('Title, place, parties, recitals and articles, as signed'),
    annexes: z
      .array(
        z.object({
          domain: domainSlug,
          domainTitle: z.string().trim().min(1).max(500).describe('e.g. "Numérique et systèmes d\'information"'),
          content: annexContentSchema.describe('The annex as signed (version 1)'),
        }),
      )
      .min(1)
      .max(20)
      .describe('The annexes signed with the contract, one per domain'),
  })
  .describe('A contract as signed, with its annexes (file format: docs/contracts.md)');
export type ContractEntry = z.infer<typeof contractEntrySchema>;

export const signedAmendmentEntrySchema = z
  .object({
    number: z
      .number()
      .int()
      .min(1)
      .max(999)
      .optional()
      .describe('Avenant number as on the document (default: the next one)'),
    signedAt: localDate
      .nullable()
      .describe('Signing date; null when the signed document leaves it blank ("Fait à …, le ____")'),
    effectiveFrom: localDate.describe(
      'Effective date as signed: may be in the past, after the versions it replaces and the contract',
    ),
    content: amendmentContentSchema.describe('Object, recitals, revisions and articles, as signed'),
    annexes: z
      .array(z.object({ domain: domainSlug, content: annexContentSchema.describe('The revised annex as signed') }))
      .max(20)
      .default([])
      .describe('The annex versions it installs, one per revised domain'),
  })
  .describe('An amendment already signed, recorded with its real dates (file format: docs/contracts.md)');
export type SignedAmendmentEntry = z.infer<typeof signedAmendmentEntrySchema>;

/** POST /communes/{id}/contracts — a contract manager enters a commune's signed contract. */
export async function recordContract(ctx: AppContext, actor: Actor, communeId: string, input: ContractEntry) {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'contracts.record');
  const today = todayOf(ctx);
  if (!isValidDate(input.signedAt)) throw invalid('signedAt', 'signedAt must be a real date YYYY-MM-DD.');
  if (!isValidDate(input.effectiveFrom))
    throw invalid('effectiveFrom', 'effectiveFrom must be a real date YYYY-MM-DD.');
  if (input.signedAt > today) throw invalid('signedAt', `The signing date ${input.signedAt} is in the future.`);
  const domains = input.annexes.map((a) => a.domain);
  const dup = domains.find((d, i) => domains.indexOf(d) !== i);
  if (dup) throw invalid(`annexes`, `The "${dup}" annex is given twice: one version 1 per domain.`);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await scoped(trx, actor)
      .selectFrom('contracts')
      .select(['effectiveFrom'])
      .where('communeId', '=', communeId)
      .executeTakeFirst();
    if (existing)
      throw conflict(
        `This commune already has a contract (in force from ${existing.effectiveFrom}): record its amendments instead.`,
      );
    const contractId = await insertContract(trx, {
      communeId,
      signedAt: input.signedAt,
      effectiveFrom: input.effectiveFrom,
      content: input.content,
      at,
    });
    const versions: string[] = [];
    for (const a of input.annexes)
      versions.push(
        await insertAnnexVersion(trx, {
          communeId,
          contractId,
          domain: a.domain,
          domainTitle: a.domainTitle,
          version: 1,
          status: 'signed',
          effectiveFrom: input.effectiveFrom,
          amendmentId: null,
          signedAt: input.signedAt,
          content: a.content,
          at,
        }),
      );
    await recordAudit(
      trx,
      actor,
      {
        action: 'contract.record',
        targetType: 'contract',
        targetId: contractId,
        communeId,
        changes: {
          signedAt: input.signedAt,
          effectiveFrom: input.effectiveFrom,
          title: input.content.title,
          annexVersions: versions,
        },
      },
      ctx.now(),
    );
  });
  return getContractAt(ctx, actor, communeId, input.effectiveFrom);
}

/**
 * POST /communes/{id}/amendments/signed — records an amendment signed on paper, with its real
 * dates (past ones included) and the annex versions it installs. The effective date must follow
 * the contract's and every version it replaces (versions never reorder); a draft in progress must
 * be finished first (numbers stay in order). Periods already frozen keep their snapshots; the live
 * figures follow the recorded terms (the indicators show both). Audited as `amendment.record`.
 */
export async function recordSignedAmendment(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: SignedAmendmentEntry,
) {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'contracts.record');
  const today = todayOf(ctx);
  if (input.signedAt !== null && !isValidDate(input.signedAt))
    throw invalid('signedAt', 'signedAt must be a real date YYYY-MM-DD, or null when the document leaves it blank.');
  if (!isValidDate(input.effectiveFrom))
    throw invalid('effectiveFrom', 'effectiveFrom must be a real date YYYY-MM-DD.');
  if (input.signedAt !== null && input.signedAt > today)
    throw invalid('signedAt', `The signing date ${input.signedAt} is in the future: draft the amendment instead.`);
  const revised = input.content.revisions.map((r) => r.domain);
  input.annexes.forEach((a, i) => {
    if (!revised.includes(a.domain))
      throw invalid(`annexes.${i}.domain`, `The "${a.domain}" annex is not among the revisions of content.revisions.`);
  });
  const domains = input.annexes.map((a) => a.domain);
  const dup = domains.find((d, i) => domains.indexOf(d) !== i);
  if (dup) throw invalid('annexes', `The "${dup}" annex is given twice.`);
  const at = ctx.now().toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const sc = scoped(trx, actor);
    const contract = await sc
      .selectFrom('contracts')
      .selectAll()
      .where('communeId', '=', communeId)
      .where('effectiveFrom', '<=', input.effectiveFrom)
      .orderBy('effectiveFrom', 'desc')
      .executeTakeFirst();
    if (!contract)
      throw invalid(
        'effectiveFrom',
        `No contract of this commune is in force on ${input.effectiveFrom}: enter it first.`,
      );
    if (input.signedAt !== null && input.signedAt < contract.signedAt)
      throw invalid('signedAt', `The amendment cannot be signed before the contract (${contract.signedAt}).`);
    const draft = await sc
      .selectFrom('amendments')
      .select('number')
      .where('contractId', '=', contract.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (draft)
      throw conflict(
        `Avenant n°${draft.number} is a draft in progress: sign or delete it before recording a signed one.`,
      );
    const numbers = await sc
      .selectFrom('amendments')
      .select(['number', 'effectiveFrom'])
      .where('contractId', '=', contract.id)
      .execute();
    const number = input.number ?? Math.max(0, ...numbers.map((n) => n.number)) + 1;
    if (numbers.some((n) => n.number === number))
      throw conflict(`Avenant n°${number} is already recorded.`, {
        fields: [{ field: 'number', message: 'Already recorded.' }],
      });
    const later = numbers.find(
      (n) => n.number < number && n.effectiveFrom !== null && n.effectiveFrom > input.effectiveFrom,
    );
    if (later)
      throw invalid(
        'effectiveFrom',
        `Avenant n°${later.number} takes effect on ${later.effectiveFrom}, after ${input.effectiveFrom}: amendments take effect in their order.`,
      );
    const plans: Array<{
      domain: string;
      domainTitle: string;
      version: number;
      content: (typeof input.annexes)[number]['content'];
    }> = [];
    for (const a of input.annexes) {
      const latest = await sc
        .selectFrom('annexVersions')
        .select(['version', 'effectiveFrom', 'domainTitle'])
        .where('contractId', '=', contract.id)
        .where('domain', '=', a.domain)
        .where('status', '=', 'signed')
        .orderBy('version', 'desc')
        .executeTakeFirst();
      if (!latest) throw invalid('annexes', `The contract has no "${a.domain}" annex to revise.`);
      if (latest.effectiveFrom! >= input.effectiveFrom)
        throw conflict(
          `The effective date ${input.effectiveFrom} is not after version ${latest.version} of the "${a.domain}" annex, in force from ${latest.effectiveFrom}.`,
          { fields: [{ field: 'effectiveFrom', message: `Must be after ${latest.effectiveFrom}.` }] },
        );
      const title = input.content.revisions.find((r) => r.domain === a.domain)?.domainTitle ?? latest.domainTitle;
      plans.push({ domain: a.domain, domainTitle: title, version: latest.version + 1, content: a.content });
    }
    const amendmentId = await insertAmendment(trx, {
      communeId,
      contractId: contract.id,
      number,
      status: 'signed',
      signedAt: input.signedAt,
      effectiveFrom: input.effectiveFrom,
      content: input.content,
      at,
      recordedAt: at,
    });
    const versions: string[] = [];
    for (const p of plans)
      versions.push(
        await insertAnnexVersion(trx, {
          communeId,
          contractId: contract.id,
          domain: p.domain,
          domainTitle: p.domainTitle,
          version: p.version,
          status: 'signed',
          effectiveFrom: input.effectiveFrom,
          amendmentId,
          signedAt: input.signedAt,
          content: p.content,
          at,
        }),
      );
    await recordAudit(
      trx,
      actor,
      {
        action: 'amendment.record',
        targetType: 'amendment',
        targetId: amendmentId,
        communeId,
        changes: { number, signedAt: input.signedAt, effectiveFrom: input.effectiveFrom, annexVersions: versions },
      },
      ctx.now(),
    );
    return amendmentId;
  });
  ctx.events.emit('termsChanged', { communeId, from: input.effectiveFrom });
  return getAmendment(ctx, actor, id);
}
