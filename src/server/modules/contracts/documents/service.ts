import type { AppContext } from '../../../context';
import type { Actor } from '../../../access/actor';
import { notFound } from '../../../errors';
import { amendmentContentSchema, contractContentSchema, type AnnexVersionView } from '../model';
import { contractDocumentData, loadAmendment } from '../service';
import { compareAnnexes } from '../diff';
import { signedVersions, toAnnexView, parseAnnexContent } from '../queries';
import { amendmentBlocks, contractBlocks, type DocAnnex } from './layout';
import { renderPdf } from './pdf';
import { renderDocx } from './docx';
import { scoped } from '../../../db/scope';
import { agreementsOf, type AgreementRef } from '../agreements';

/** The latest agreement of each indicator in force at a date. */
function inForce(all: readonly AgreementRef[], at: string): AgreementRef[] {
  const latest = new Map<string, AgreementRef>();
  for (const a of all) if (a.effectiveFrom <= at) latest.set(a.indicatorCode, a);
  return [...latest.values()].sort((a, b) => a.indicatorCode.localeCompare(b.indicatorCode, 'fr', { numeric: true }));
}

/** Contract and amendment documents (PDF, DOCX), laid out like the reference. */

export type DocFormat = 'pdf' | 'docx';
export interface RenderedDocument {
  filename: string;
  contentType: string;
  body: Buffer;
}

const contentTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

async function render(
  format: DocFormat,
  blocks: Parameters<typeof renderPdf>[0],
  meta: { title: string; subject: string },
  base: string,
): Promise<RenderedDocument> {
  const body = format === 'pdf' ? await renderPdf(blocks, meta) : await renderDocx(blocks, meta);
  return { filename: `${base}.${format}`, contentType: contentTypes[format], body };
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const docAnnex = (a: AnnexVersionView): DocAnnex => ({
  domainTitle: a.domainTitle,
  version: a.version,
  effectiveFrom: a.effectiveFrom,
  content: a,
});

/** GET /amendments/{id}/document.(pdf|docx) — the amendment and the annexes it installs; priorities it removes are shown struck through, as in the reference. */
export async function amendmentDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  format: DocFormat,
): Promise<RenderedDocument> {
  const row = await loadAmendment(ctx.db, actor, id);
  const contract = await scoped(ctx.db, actor)
    .selectFrom('contracts')
    .selectAll()
    .where('id', '=', row.contractId)
    .executeTakeFirst();
  if (!contract) throw notFound('contract');
  const commune = await scoped(ctx.db, actor)
    .selectFrom('communes')
    .select('name')
    .where('id', '=', row.communeId)
    .executeTakeFirstOrThrow();
  const versions = await scoped(ctx.db, actor)
    .selectFrom('annexVersions')
    .selectAll()
    .where('amendmentId', '=', id)
    .orderBy('domain')
    .execute();
  const annexes: DocAnnex[] = [];
  const struck = new Map<string, string[]>();
  for (const v of versions) {
    const view = toAnnexView(v, null);
    annexes.push(docAnnex(view));
    const previous = (await signedVersions(ctx.db, row.communeId, v.domain))
      .filter((p) => p.version < v.version)
      .at(-1);
    if (previous) {
      const removed = compareAnnexes(parseAnnexContent(previous.content), view)
        .filter((c) => c.section === 'priorities' && c.op === 'removed')
        .map((c) => c.key);
      if (removed.length) struck.set(v.domainTitle, removed);
    }
  }
  const title = `Avenant n°${row.number}`;
  const blocks = amendmentBlocks({
    number: row.number,
    communeName: commune.name,
    contract: contractContentSchema.parse(JSON.parse(contract.content)),
    amendment: amendmentContentSchema.parse(JSON.parse(row.content)),
    signedAt: row.signedAt,
    effectiveFrom: row.effectiveFrom,
    annexes,
    struckPriorities: struck,
  });
  return render(
    format,
    blocks,
    { title: `${title} — ${commune.name}`, subject: "Avenant au contrat d'engagement" },
    `avenant-${row.number}-${slug(commune.name)}`,
  );
}

/** GET /communes/{id}/contract/document.(pdf|docx)?at= — the contract with the annexes in force at a date. */
export async function contractDocument(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  at: string | undefined,
  format: DocFormat,
): Promise<RenderedDocument> {
  const d = await contractDocumentData(ctx, actor, communeId, at);
  const content = contractContentSchema.parse(JSON.parse(d.contract.content));
  const blocks = contractBlocks({
    communeName: d.communeName,
    contract: content,
    signedAt: d.contract.signedAt,
    at: d.at,
    annexes: d.annexes.map(docAnnex),
    agreements: inForce(await agreementsOf(ctx.db, communeId), d.at),
  });
  return render(
    format,
    blocks,
    { title: `${content.title}`, subject: `Contrat d'engagement en vigueur au ${d.at}` },
    `contrat-${slug(d.communeName)}-${d.at}`,
  );
}
