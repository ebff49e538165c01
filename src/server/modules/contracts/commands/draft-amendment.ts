import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../../context';
import { authorize, type Actor } from '../../../access/actor';
import { scoped, unscoped } from '../../../db/scope';
import type { DB } from '../../../db/schema';
import { AppError, conflict, invalid, notFound } from '../../../errors';
import { recordAudit } from '../../audit';
import { insertAmendment, insertAnnexVersion } from '../repo';
import {
  amendmentContentSchema,
  annexContentSchema,
  contractContentSchema,
  type AmendmentContent,
  type AnnexContent,
} from '../model';
import { frenchDate } from '../dates';
import { findContractAt, getAmendment, getAnnexVersion, todayOf } from '../service';
import { parseAnnexContent } from '../queries';
import type { amendmentCreate, amendmentPatch, annexPatch } from '../schemas';

/**
 * Drafting amendments: a draft amendment copies, for each domain it revises, the latest signed
 * annex as a new draft version; drafts are edited freely; signed ones never change (409
 * `immutable`: revising a signed annex means drafting a new amendment).
 */

/** The latest signed version of a domain (what a new draft starts from). */
async function latestSigned(trx: Transaction<DB>, contractId: string, domain: string) {
  return unscoped(trx, "contract already read through the caller's scope")
    .selectFrom('annexVersions')
    .selectAll()
    .where('contractId', '=', contractId)
    .where('domain', '=', domain)
    .where('status', '=', 'signed')
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

async function addDraftVersion(
  trx: Transaction<DB>,
  amendment: { id: string; communeId: string; contractId: string },
  domain: string,
  at: string,
  field: string,
): Promise<{ id: string; domainTitle: string }> {
  const base = await latestSigned(trx, amendment.contractId, domain);
  if (!base) throw invalid(field, `The contract has no signed annex for the domain "${domain}" to revise.`);
  const max = await unscoped(trx, "contract already read through the caller's scope")
    .selectFrom('annexVersions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('contractId', '=', amendment.contractId)
    .where('domain', '=', domain)
    .executeTakeFirst();
  const id = await insertAnnexVersion(trx, {
    communeId: amendment.communeId,
    contractId: amendment.contractId,
    domain,
    domainTitle: base.domainTitle,
    version: Number(max?.v ?? 0) + 1,
    status: 'draft',
    effectiveFrom: null,
    amendmentId: amendment.id,
    signedAt: null,
    content: parseAnnexContent(base.content),
    at,
  });
  return { id, domainTitle: base.domainTitle };
}

/** The default text of a new amendment, as in the reference's Avenant n°1. */
function defaultContent(
  contract: { signedAt: string; content: string },
  revisions: AmendmentContent['revisions'],
  object: string | undefined,
): AmendmentContent {
  const c = contractContentSchema.parse(JSON.parse(contract.content));
  const provider = c.parties.find((p) => p.side === 'provider');
  const commune = c.parties.find((p) => p.side === 'commune');
  const by = [provider, commune]
    .filter(Boolean)
    .map((p) => `${p!.representedBy}, ${p!.capacity} de ${p!.name}`)
    .join(' et ');
  return amendmentContentSchema.parse({
    object:
      object ??
      "L'objet du présent avenant est de faire évoluer le contrat d'engagement afin d'y intégrer l'impact des révisions de niveaux de services arrêtées entre la commune et la Métropole.",
    recitals: [
      `VU le contrat d'engagement signé en date du ${frenchDate(contract.signedAt)} par ${by}.`,
      "Considérant la volonté des parties de réviser les niveaux de services en application de l'article 6 du contrat d'engagement,",
    ],
    revisions,
    articles: [
      {
        number: '1',
        title: 'OBJET',
        body:
          object ??
          "L'objet du présent avenant est de faire évoluer le contrat d'engagement afin d'y intégrer l'impact des révisions de niveaux de services arrêtées entre la commune et la Métropole.",
      },
      {
        number: '2',
        title: 'MODIFICATION DES ANNEXES',
        body: 'Les annexes des domaines concernés par ces révisions de niveaux de services sont :\n\n{{revisions}}\n\nCes annexes sont modifiées et remplacent celles établies précédemment.',
      },
      { number: '3', title: '', body: "Les autres articles et annexes au contrat d'engagement restent inchangés." },
      { number: '4', title: '', body: 'Cet avenant entre en vigueur au {{effectiveFrom}}.' },
    ],
  });
}

/** POST /communes/{id}/amendments — a draft amendment with a draft annex version per revised domain. */
export async function createAmendment(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: z.infer<typeof amendmentCreate>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'contracts.draft');
  const at = ctx.now().toISOString();
  const today = todayOf(ctx);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const contract = await findContractAt(trx, communeId, today);
    if (!contract) throw notFound('contract in force');
    const open = await scoped(trx, actor)
      .selectFrom('amendments')
      .select('number')
      .where('contractId', '=', contract.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (open) throw conflict(`Avenant n°${open.number} is still a draft: finish or delete it first.`);
    const max = await scoped(trx, actor)
      .selectFrom('amendments')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('contractId', '=', contract.id)
      .executeTakeFirst();
    const number = Number(max?.n ?? 0) + 1;
    let wanted = input.revisions;
    if (!wanted) {
      const domains = await scoped(trx, actor)
        .selectFrom('annexVersions')
        .select('domain')
        .distinct()
        .where('contractId', '=', contract.id)
        .where('status', '=', 'signed')
        .execute();
      wanted = domains.map((d) => ({ domain: d.domain, object: '' }));
    }
    const amendmentId = await insertAmendment(trx, {
      communeId,
      contractId: contract.id,
      number,
      status: 'draft',
      signedAt: null,
      effectiveFrom: null,
      content: defaultContent(contract, [], input.object),
      at,
    });
    const revisions: AmendmentContent['revisions'] = [];
    for (const [i, r] of wanted.entries()) {
      const v = await addDraftVersion(
        trx,
        { id: amendmentId, communeId, contractId: contract.id },
        r.domain,
        at,
        `revisions.${i}.domain`,
      );
      revisions.push({ domain: r.domain, domainTitle: v.domainTitle, object: r.object });
    }
    const content = defaultContent(contract, revisions, input.object);
    await scoped(trx, actor)
      .updateTable('amendments')
      .set({ content: JSON.stringify(content) })
      .where('id', '=', amendmentId)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'amendment.create',
        targetType: 'amendment',
        targetId: amendmentId,
        communeId,
        changes: { number, revisions },
      },
      ctx.now(),
    );
    return amendmentId;
  });
  return getAmendment(ctx, actor, id);
}

async function loadDraft(trx: Transaction<DB>, actor: Actor, id: string) {
  const row = await scoped(trx, actor).selectFrom('amendments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('amendment');
  authorize(actor, 'contracts.draft');
  if (row.status !== 'draft')
    throw new AppError('immutable', `Avenant n°${row.number} is signed and can no longer be changed.`);
  return row;
}

/** PATCH /amendments/{id} — edit a draft amendment's texts and revised domains. */
export async function updateAmendment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: z.infer<typeof amendmentPatch>,
) {
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadDraft(trx, actor, id);
    const content = JSON.parse(row.content) as AmendmentContent;
    if (patch.object !== undefined) content.object = patch.object;
    if (patch.recitals !== undefined) content.recitals = patch.recitals;
    if (patch.articles !== undefined) content.articles = patch.articles;
    if (patch.revisions !== undefined) {
      const drafts = await scoped(trx, actor)
        .selectFrom('annexVersions')
        .select(['id', 'domain', 'domainTitle'])
        .where('amendmentId', '=', id)
        .execute();
      const byDomain = new Map(drafts.map((d) => [d.domain, d]));
      const keep = new Set(patch.revisions.map((r) => r.domain));
      if (keep.size !== patch.revisions.length) throw invalid('revisions', 'A domain appears twice.');
      for (const d of drafts)
        if (!keep.has(d.domain)) await scoped(trx, actor).deleteFrom('annexVersions').where('id', '=', d.id).execute();
      const revisions: AmendmentContent['revisions'] = [];
      for (const [i, r] of patch.revisions.entries()) {
        const existing = byDomain.get(r.domain);
        const title =
          existing?.domainTitle ?? (await addDraftVersion(trx, row, r.domain, at, `revisions.${i}.domain`)).domainTitle;
        revisions.push({ domain: r.domain, domainTitle: title, object: r.object });
      }
      content.revisions = revisions;
    }
    await scoped(trx, actor)
      .updateTable('amendments')
      .set({ content: JSON.stringify(content), updatedAt: at })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      { action: 'amendment.update', targetType: 'amendment', targetId: id, communeId: row.communeId, changes: patch },
      ctx.now(),
    );
  });
  return getAmendment(ctx, actor, id);
}

/** DELETE /amendments/{id} — abandon a draft amendment and its draft annex versions. */
export async function deleteAmendment(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadDraft(trx, actor, id);
    await scoped(trx, actor)
      .deleteFrom('annexVersions')
      .where('amendmentId', '=', id)
      .where('status', '=', 'draft')
      .execute();
    await scoped(trx, actor).deleteFrom('amendments').where('id', '=', id).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'amendment.delete',
        targetType: 'amendment',
        targetId: id,
        communeId: row.communeId,
        changes: { number: row.number },
      },
      ctx.now(),
    );
  });
}

/** Zod issues → our 400 field list, prefixed with where the document sits in the request. */
function fieldErrors(issues: z.core.$ZodIssue[]) {
  return issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
}

/**
 * PUT (whole content) / PATCH (some top-level parts) of a draft annex version. The merged
 * document is validated as a whole (cross-checks included); a signed version answers 409.
 */
export async function updateAnnexVersion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof annexPatch>,
  mode: 'put' | 'patch',
) {
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await scoped(trx, actor)
      .selectFrom('annexVersions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('annex version');
    authorize(actor, 'contracts.draft');
    if (row.status !== 'draft')
      throw new AppError(
        'immutable',
        `Version ${row.version} of this annex is signed and can no longer be changed; draft an amendment to revise it.`,
      );
    const current: AnnexContent = parseAnnexContent(row.content);
    const merged = mode === 'put' ? input : { ...current, ...input };
    const parsed = annexContentSchema.safeParse(merged);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error.issues), 'The annex has invalid parts.');
    await scoped(trx, actor)
      .updateTable('annexVersions')
      .set({ content: JSON.stringify(parsed.data), updatedAt: at })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'annex_version.update',
        targetType: 'annex_version',
        targetId: id,
        communeId: row.communeId,
        changes: { parts: Object.keys(input) },
      },
      ctx.now(),
    );
  });
  return getAnnexVersion(ctx, actor, id);
}
