import type { Executor } from '../../db/schema';
import type { AnnexVersionTable } from './tables';
import { annexContentSchema, type AnnexContent, type AnnexVersionView, type IndicatorView } from './model';

/**
 * Effective-dated reads of the contract, for the rest of the product. These are
 * unscoped system reads by commune id: callers (ticket deadlines, indicators, escalation) have
 * already established the commune; HTTP routes go through the scoped service instead.
 *
 * Dating rule: a signed annex version is in force from its `effectiveFrom` (inclusive) until the
 * `effectiveFrom` of the next signed version of the same domain (exclusive, `effectiveTo`).
 */

type Row = Pick<
  AnnexVersionTable,
  | 'id'
  | 'communeId'
  | 'contractId'
  | 'domain'
  | 'domainTitle'
  | 'version'
  | 'status'
  | 'effectiveFrom'
  | 'amendmentId'
  | 'signedAt'
  | 'content'
>;

export const DEFAULT_DOMAIN = 'numerique';

// Signed versions never change, so their parsed content is cached by id (drafts are never cached).
const contentCache = new Map<string, AnnexContent>();
const CACHE_MAX = 500;

/** Parses stored annex content; a stored document that fails validation is a bug, so it throws. */
export function parseAnnexContent(json: string): AnnexContent {
  return annexContentSchema.parse(JSON.parse(json));
}

function contentOf(row: Row): AnnexContent {
  if (row.status !== 'signed') return parseAnnexContent(row.content);
  let c = contentCache.get(row.id);
  if (!c) {
    c = parseAnnexContent(row.content);
    if (contentCache.size >= CACHE_MAX) contentCache.delete(contentCache.keys().next().value!);
    contentCache.set(row.id, c);
  }
  return c;
}

/** Row → view (effectiveTo supplied by the caller, who knows the next version). */
export function toAnnexView(row: Row, effectiveTo: string | null): AnnexVersionView {
  return {
    ...contentOf(row),
    id: row.id,
    contractId: row.contractId,
    communeId: row.communeId,
    domain: row.domain,
    domainTitle: row.domainTitle,
    version: row.version,
    status: row.status === 'signed' ? 'signed' : 'draft',
    effectiveFrom: row.effectiveFrom,
    effectiveTo,
    amendmentId: row.amendmentId,
    signedAt: row.signedAt,
  };
}

const columns = [
  'id',
  'communeId',
  'contractId',
  'domain',
  'domainTitle',
  'version',
  'status',
  'effectiveFrom',
  'amendmentId',
  'signedAt',
  'content',
] as const;

/** Signed versions of one domain of a commune, oldest first (by effective date, then version). */
export async function signedVersions(db: Executor, communeId: string, domain: string): Promise<Row[]> {
  return db
    .selectFrom('annexVersions')
    .select(columns)
    .where('communeId', '=', communeId)
    .where('domain', '=', domain)
    .where('status', '=', 'signed')
    .orderBy('effectiveFrom')
    .orderBy('version')
    .execute();
}

/** The signed annex version in force on `date` (YYYY-MM-DD) for a commune and domain, if any. */
export async function annexInForce(
  db: Executor,
  communeId: string,
  date: string,
  domain = DEFAULT_DOMAIN,
): Promise<AnnexVersionView | undefined> {
  const row = await db
    .selectFrom('annexVersions')
    .select(columns)
    .where('communeId', '=', communeId)
    .where('domain', '=', domain)
    .where('status', '=', 'signed')
    .where('effectiveFrom', '<=', date)
    .orderBy('effectiveFrom', 'desc')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  const next = await db
    .selectFrom('annexVersions')
    .select('effectiveFrom')
    .where('communeId', '=', communeId)
    .where('domain', '=', domain)
    .where('status', '=', 'signed')
    .where('effectiveFrom', '>', date)
    .orderBy('effectiveFrom')
    .limit(1)
    .executeTakeFirst();
  return toAnnexView(row, next?.effectiveFrom ?? null);
}

/** Every domain's signed annex in force on `date` for a commune. */
export async function annexesInForce(db: Executor, communeId: string, date: string): Promise<AnnexVersionView[]> {
  const domains = await db
    .selectFrom('annexVersions')
    .select('domain')
    .distinct()
    .where('communeId', '=', communeId)
    .where('status', '=', 'signed')
    .where('effectiveFrom', '<=', date)
    .orderBy('domain')
    .execute();
  const out: AnnexVersionView[] = [];
  for (const d of domains) {
    const a = await annexInForce(db, communeId, date, d.domain);
    if (a) out.push(a);
  }
  return out;
}

/** One indicator of the annex in force on `date`, with the id of that annex version. */
export async function indicatorAt(
  db: Executor,
  communeId: string,
  date: string,
  code: string,
  domain = DEFAULT_DOMAIN,
): Promise<{ annexVersionId: string; indicator: IndicatorView } | undefined> {
  const annex = await annexInForce(db, communeId, date, domain);
  if (!annex) return undefined;
  for (const cm of annex.commitments) {
    const indicator = cm.indicators.find((i) => i.code === code);
    if (indicator) return { annexVersionId: annex.id, indicator };
  }
  return undefined;
}

/**
 * The pieces of [fromDate, toDateExclusive) by annex version in force, in order, for piecewise
 * measurement across an amendment. Days before the first signed version belong to no piece.
 */
export async function annexVersionsOverPeriod(
  db: Executor,
  communeId: string,
  fromDate: string,
  toDateExclusive: string,
  domain = DEFAULT_DOMAIN,
): Promise<Array<{ annex: AnnexVersionView; from: string; to: string }>> {
  if (toDateExclusive <= fromDate) return [];
  const rows = await signedVersions(db, communeId, domain);
  const pieces: Array<{ annex: AnnexVersionView; from: string; to: string }> = [];
  rows.forEach((row, i) => {
    const start = row.effectiveFrom!;
    const end = rows[i + 1]?.effectiveFrom ?? null;
    const from = start > fromDate ? start : fromDate;
    const to = end !== null && end < toDateExclusive ? end : toDateExclusive;
    if (from < to) pieces.push({ annex: toAnnexView(row, end), from, to });
  });
  return pieces;
}
