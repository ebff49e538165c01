import type { AppContext } from '../../context';
import { authorize, can, type Actor } from '../../access/actor';
import { scoped, unscoped } from '../../db/scope';
import type { Executor } from '../../db/schema';
import { forbidden, invalid, notFound } from '../../errors';
import { annexesInForce, toAnnexView } from './queries';
import { compareAnnexes } from './diff';
import { isValidDate, localDateOf } from './dates';
import { presentAmendment, presentAnnex, presentContract, type AnnexRef } from './present';
import type { AnnexVersionView } from './model';

/**
 * Reads of the contracts API, through the commune scope: an object of another commune is not
 * found (404). Readers holding `contracts.read` see everything; commune users holding only
 * `contracts.read_public_parts` see the public view (escalation matrix and support hours).
 */

/** The local date "today" for contract dating (Europe/Paris). */
export function todayOf(ctx: AppContext): string {
  return localDateOf(ctx.now());
}

/** Which view of the contract the actor gets; 403 when neither. */
export function contractView(actor: Actor): 'full' | 'public' {
  if (can(actor, 'contracts.read')) return 'full';
  if (can(actor, 'contracts.read_public_parts')) return 'public';
  throw forbidden('Missing permission contracts.read.');
}

function checkDate(field: string, date: string): void {
  if (!isValidDate(date)) throw invalid(field, `${field} must be a date YYYY-MM-DD.`);
}

/** The contract in force at a date (the latest contract whose effective date has come). */
export async function findContractAt(db: Executor, communeId: string, at: string) {
  return unscoped(db, 'effective-dated read for a commune its caller checked')
    .selectFrom('contracts')
    .selectAll()
    .where('communeId', '=', communeId)
    .where('effectiveFrom', '<=', at)
    .orderBy('effectiveFrom', 'desc')
    .executeTakeFirst();
}

export async function annexRefs(db: Executor, amendmentIds: string[]): Promise<Map<string, AnnexRef[]>> {
  const map = new Map<string, AnnexRef[]>();
  if (amendmentIds.length === 0) return map;
  const rows = await unscoped(db, 'annexes of amendments its caller read through the scope')
    .selectFrom('annexVersions')
    .select(['id', 'domain', 'domainTitle', 'version', 'status', 'amendmentId'])
    .where('amendmentId', 'in', amendmentIds)
    .orderBy('domain')
    .execute();
  for (const r of rows) {
    const list = map.get(r.amendmentId!) ?? [];
    list.push({
      id: r.id,
      domain: r.domain,
      domainTitle: r.domainTitle,
      version: r.version,
      status: r.status === 'signed' ? 'signed' : 'draft',
    });
    map.set(r.amendmentId!, list);
  }
  return map;
}

/** GET /communes/{id}/contract?at= — the contract, its annexes and amendments in force at a date. */
export async function getContractAt(ctx: AppContext, actor: Actor, communeId: string, at: string | undefined) {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  const view = contractView(actor);
  const today = todayOf(ctx);
  const date = at ?? today;
  checkDate('at', date);
  const contract = await findContractAt(ctx.db, communeId, date);
  if (!contract) throw notFound('contract in force at this date');
  const commune = await scoped(ctx.db, actor)
    .selectFrom('communes')
    .select('name')
    .where('id', '=', communeId)
    .executeTakeFirstOrThrow();
  const annexes = (await annexesInForce(ctx.db, communeId, date)).filter((a) => a.contractId === contract.id);
  let amendments: Array<ReturnType<typeof presentAmendment>> = [];
  if (view === 'full') {
    const rows = await scoped(ctx.db, actor)
      .selectFrom('amendments')
      .selectAll()
      .where('contractId', '=', contract.id)
      .where('status', '=', 'signed')
      .where('effectiveFrom', '<=', date)
      .orderBy('number')
      .execute();
    const refs = await annexRefs(
      ctx.db,
      rows.map((r) => r.id),
    );
    amendments = rows.map((r) => presentAmendment(actor, r, refs.get(r.id) ?? [], today));
  }
  return {
    at: date,
    view,
    contract: presentContract(contract, commune.name, view),
    annexes: annexes.map((a) => presentAnnex(actor, a, view)),
    amendments,
  };
}

/** The loaded contract-in-force data a document needs (full view only). */
export async function contractDocumentData(ctx: AppContext, actor: Actor, communeId: string, at: string | undefined) {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'contracts.read');
  const date = at ?? todayOf(ctx);
  checkDate('at', date);
  const contract = await findContractAt(ctx.db, communeId, date);
  if (!contract) throw notFound('contract in force at this date');
  const commune = await scoped(ctx.db, actor)
    .selectFrom('communes')
    .select('name')
    .where('id', '=', communeId)
    .executeTakeFirstOrThrow();
  const annexes = (await annexesInForce(ctx.db, communeId, date)).filter((a) => a.contractId === contract.id);
  return { at: date, communeName: commune.name, contract, annexes };
}

/** GET /communes/{id}/amendments — every amendment of the commune's contracts (drafts for drafters only). */
export async function listAmendments(ctx: AppContext, actor: Actor, communeId: string) {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'contracts.read');
  let q = s.selectFrom('amendments').selectAll().where('communeId', '=', communeId);
  if (!can(actor, 'contracts.draft')) q = q.where('status', '=', 'signed');
  const rows = await q.orderBy('number').execute();
  const refs = await annexRefs(
    ctx.db,
    rows.map((r) => r.id),
  );
  const today = todayOf(ctx);
  const items = rows.map((r) => presentAmendment(actor, r, refs.get(r.id) ?? [], today));
  return { items, total: items.length };
}

/** One amendment row in scope and readable (drafts only for drafters), or 404. */
export async function loadAmendment(db: Executor, actor: Actor, id: string) {
  const row = await scoped(db, actor).selectFrom('amendments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('amendment');
  authorize(actor, 'contracts.read');
  if (row.status !== 'signed' && !can(actor, 'contracts.draft')) throw notFound('amendment');
  return row;
}

export async function getAmendment(ctx: AppContext, actor: Actor, id: string) {
  const row = await loadAmendment(ctx.db, actor, id);
  const refs = await annexRefs(ctx.db, [row.id]);
  return presentAmendment(actor, row, refs.get(row.id) ?? [], todayOf(ctx));
}

/** One annex version in scope as a view (with its effectiveTo), drafts only for drafters; 404 otherwise. */
export async function loadAnnexVersion(db: Executor, actor: Actor, id: string): Promise<AnnexVersionView> {
  const row = await scoped(db, actor).selectFrom('annexVersions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('annex version');
  authorize(actor, 'contracts.read');
  if (row.status !== 'signed' && !can(actor, 'contracts.draft')) throw notFound('annex version');
  let effectiveTo: string | null = null;
  if (row.status === 'signed') {
    const next = await scoped(db, actor)
      .selectFrom('annexVersions')
      .select('effectiveFrom')
      .where('communeId', '=', row.communeId)
      .where('domain', '=', row.domain)
      .where('status', '=', 'signed')
      .where('effectiveFrom', '>', row.effectiveFrom!)
      .orderBy('effectiveFrom')
      .limit(1)
      .executeTakeFirst();
    effectiveTo = next?.effectiveFrom ?? null;
  }
  return toAnnexView(row, effectiveTo);
}

export async function getAnnexVersion(ctx: AppContext, actor: Actor, id: string) {
  return presentAnnex(actor, await loadAnnexVersion(ctx.db, actor, id), 'full');
}

/** GET /communes/{id}/annexes/{domain}/versions — every version of a domain's annex, oldest first. */
export async function listAnnexVersions(ctx: AppContext, actor: Actor, communeId: string, domain: string) {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'contracts.read');
  let q = s
    .selectFrom('annexVersions')
    .select([
      'id',
      'domain',
      'domainTitle',
      'version',
      'status',
      'effectiveFrom',
      'signedAt',
      'amendmentId',
      'contractId',
      'createdAt',
    ])
    .where('communeId', '=', communeId)
    .where('domain', '=', domain);
  if (!can(actor, 'contracts.draft')) q = q.where('status', '=', 'signed');
  const rows = await q.orderBy('version').execute();
  const signed = rows
    .filter((r) => r.status === 'signed')
    .sort((a, b) => a.effectiveFrom!.localeCompare(b.effectiveFrom!));
  const items = rows.map((r) => {
    const i = signed.indexOf(r);
    return {
      ...r,
      status: r.status === 'signed' ? ('signed' as const) : ('draft' as const),
      effectiveTo: i >= 0 ? (signed[i + 1]?.effectiveFrom ?? null) : null,
    };
  });
  return { items, total: items.length };
}

/** GET /annex-versions/compare?from=&to= — what was added, removed and changed, item by item. */
export async function compareVersions(ctx: AppContext, actor: Actor, fromId: string, toId: string) {
  const from = await loadAnnexVersion(ctx.db, actor, fromId);
  const to = await loadAnnexVersion(ctx.db, actor, toId);
  const ref = (a: AnnexVersionView) => ({
    id: a.id,
    communeId: a.communeId,
    domain: a.domain,
    version: a.version,
    status: a.status,
    effectiveFrom: a.effectiveFrom,
  });
  const changes = compareAnnexes(from, to);
  return { from: ref(from), to: ref(to), changes, total: changes.length };
}
