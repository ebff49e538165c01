import type { Executor } from '../../db/schema';
import { newId } from '../../lib/ids';
import type { AmendmentContent, AnnexContent, ContractContent } from './model';

/** Inserts of contracts, annex versions and amendments (used by the commands and the demo seed). */

export async function insertContract(
  db: Executor,
  v: { communeId: string; signedAt: string; effectiveFrom: string; content: ContractContent; at: string },
): Promise<string> {
  const id = newId(Date.parse(v.at));
  await db
    .insertInto('contracts')
    .values({
      id,
      communeId: v.communeId,
      signedAt: v.signedAt,
      effectiveFrom: v.effectiveFrom,
      content: JSON.stringify(v.content),
      createdAt: v.at,
      updatedAt: v.at,
    })
    .execute();
  return id;
}

export async function insertAnnexVersion(
  db: Executor,
  v: {
    communeId: string;
    contractId: string;
    domain: string;
    domainTitle: string;
    version: number;
    status: 'draft' | 'signed';
    effectiveFrom: string | null;
    amendmentId: string | null;
    signedAt: string | null;
    content: AnnexContent;
    at: string;
  },
): Promise<string> {
  const id = newId(Date.parse(v.at));
  await db
    .insertInto('annexVersions')
    .values({
      id,
      communeId: v.communeId,
      contractId: v.contractId,
      domain: v.domain,
      domainTitle: v.domainTitle,
      version: v.version,
      status: v.status,
      effectiveFrom: v.effectiveFrom,
      amendmentId: v.amendmentId,
      signedAt: v.signedAt,
      content: JSON.stringify(v.content),
      createdAt: v.at,
      updatedAt: v.at,
    })
    .execute();
  return id;
}

export async function insertAmendment(
  db: Executor,
  v: {
    communeId: string;
    contractId: string;
    number: number;
    status: 'draft' | 'signed';
    signedAt: string | null;
    effectiveFrom: string | null;
    content: AmendmentContent;
    at: string;
    /** Set when a signed amendment is recorded after the fact. */
    recordedAt?: string | null;
  },
): Promise<string> {
  const id = newId(Date.parse(v.at));
  await db
    .insertInto('amendments')
    .values({
      id,
      communeId: v.communeId,
      contractId: v.contractId,
      number: v.number,
      status: v.status,
      signedAt: v.signedAt,
      effectiveFrom: v.effectiveFrom,
      content: JSON.stringify(v.content),
      createdAt: v.at,
      updatedAt: v.at,
      recordedAt: v.recordedAt ?? null,
    })
    .execute();
  return id;
}
