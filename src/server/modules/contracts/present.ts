import { can, type Actor } from '../../access/actor';
import type { AmendmentTable, ContractTable } from './tables';
import { amendmentContentSchema, contractContentSchema, type AnnexVersionView } from './model';

/** Row → response objects of the contracts API (typed by schemas.ts). */

export type AmendmentStatus = 'draft' | 'signed' | 'in_force';

/** `in_force` is derived: a signed amendment whose effective date has come (local date `today`). */
export function amendmentStatus(row: Pick<AmendmentTable, 'status' | 'effectiveFrom'>, today: string): AmendmentStatus {
  if (row.status !== 'signed') return 'draft';
  return row.effectiveFrom !== null && row.effectiveFrom <= today ? 'in_force' : 'signed';
}

export function presentContract(row: ContractTable, communeName: string, view: 'full' | 'public') {
  const c = contractContentSchema.parse(JSON.parse(row.content));
  return {
    id: row.id,
    communeId: row.communeId,
    communeName,
    title: c.title,
    signedAt: row.signedAt,
    effectiveFrom: row.effectiveFrom,
    place: c.place,
    parties: c.parties,
    ...(view === 'full' ? { recitals: c.recitals, articles: c.articles } : {}),
  };
}

export interface AnnexRef {
  id: string;
  domain: string;
  domainTitle: string;
  version: number;
  status: 'draft' | 'signed';
}

export function presentAmendment(actor: Actor, row: AmendmentTable, annexes: AnnexRef[], today: string) {
  const c = amendmentContentSchema.parse(JSON.parse(row.content));
  const draft = row.status !== 'signed';
  return {
    id: row.id,
    communeId: row.communeId,
    contractId: row.contractId,
    number: row.number,
    title: `Avenant n°${row.number}`,
    status: amendmentStatus(row, today),
    signedAt: row.signedAt,
    effectiveFrom: row.effectiveFrom,
    recordedAt: row.recordedAt,
    object: c.object,
    recitals: c.recitals,
    revisions: c.revisions,
    articles: c.articles,
    annexVersions: annexes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    abilities: {
      canEdit: draft && can(actor, 'contracts.draft'),
      canSign: draft && can(actor, 'contracts.sign'),
      canDelete: draft && can(actor, 'contracts.draft'),
    },
  };
}

/** The support opening hours promised by the annex (indicator with a `support_hours` rule), if any. */
export function supportHoursOf(a: AnnexVersionView) {
  for (const cm of a.commitments) {
    for (const i of cm.indicators) {
      if (i.rule?.kind === 'support_hours')
        return { indicatorCode: i.code, text: i.baseline, weekly: i.rule.weekly, channels: i.rule.channels };
    }
  }
  return null;
}

/**
 * An annex version for the API. The public view (commune users without `contracts.read`: a
 * requester needs to know whom to call and when) keeps the sub-domain titles, the escalation
 * matrix and the support hours, and omits every other part.
 */
export function presentAnnex(actor: Actor, a: AnnexVersionView, view: 'full' | 'public') {
  const head = {
    id: a.id,
    contractId: a.contractId,
    communeId: a.communeId,
    domain: a.domain,
    domainTitle: a.domainTitle,
    version: a.version,
    status: a.status,
    effectiveFrom: a.effectiveFrom,
    effectiveTo: a.effectiveTo,
    amendmentId: a.amendmentId,
    signedAt: a.signedAt,
    supportHours: supportHoursOf(a),
    abilities: { canEdit: a.status === 'draft' && can(actor, 'contracts.draft') },
  };
  if (view === 'public') {
    return {
      ...head,
      subdomains: a.subdomains.map((s) => ({ code: s.code, title: s.title, footnoteRefs: [], groups: [], notes: [] })),
      escalationMatrix: a.escalationMatrix,
    };
  }
  const {
    id: _id,
    contractId: _c,
    communeId: _cm,
    domain: _d,
    domainTitle: _dt,
    version: _v,
    status: _s,
    effectiveFrom: _ef,
    effectiveTo: _et,
    amendmentId: _a,
    signedAt: _sa,
    ...content
  } = a;
  return { ...head, ...content };
}
