/**
 * Commitment contracts (docs/contracts.md). Every row carries its commune (tenant tables, see
 * db/scope.ts). Structured content is stored as JSON text validated by the zod schemas of
 * model.ts on the way in and out.
 */

/** One contract per commune: signing date, place, parties, recitals and articles (JSON `ContractContent`). */
export interface ContractTable {
  id: string;
  communeId: string;
  /** Signing date YYYY-MM-DD. */
  signedAt: string;
  /** The contract is in force from this date (YYYY-MM-DD). */
  effectiveFrom: string;
  /** JSON `ContractContent`. */
  content: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * One version of the annex of one domain. A signed version is immutable and in force from
 * `effectiveFrom` until the next signed version of the same domain; drafts have no dates.
 */
export interface AnnexVersionTable {
  id: string;
  communeId: string;
  contractId: string;
  /** Domain slug, e.g. `numerique`. */
  domain: string;
  domainTitle: string;
  version: number;
  /** `draft` | `signed`. */
  status: string;
  effectiveFrom: string | null;
  /** The amendment that installs it (null for the contract's original annex). */
  amendmentId: string | null;
  signedAt: string | null;
  /** JSON `AnnexContent`. */
  content: string;
  createdAt: string;
  updatedAt: string;
}

/** An amendment (avenant): number, object, revised domains, articles; draft → signed (→ in force, derived). */
export interface AmendmentTable {
  id: string;
  communeId: string;
  contractId: string;
  number: number;
  /** `draft` | `signed`. `in_force` is derived: signed and effectiveFrom ≤ today. */
  status: string;
  signedAt: string | null;
  effectiveFrom: string | null;
  /** JSON `AmendmentContent`. */
  content: string;
  createdAt: string;
  updatedAt: string;
  /** Set when the amendment was recorded after the fact (signed on paper before it was entered). */
  recordedAt: string | null;
}

/**
 * A target the contract leaves "to be agreed" (or a share it leaves implicit), proposed from a
 * measured baseline and agreed by both parties: `proposed` until both sides approved, then
 * `agreed` (in force from `effectiveFrom`), or `withdrawn`.
 */
export interface TargetProposalTable {
  id: string;
  communeId: string;
  indicatorCode: string;
  ruleKind: string;
  /** The baseline period [from, to) as local dates. */
  baselineFrom: string;
  baselineTo: string;
  /** JSON: the measured distribution the proposal was made from. */
  baseline: string;
  /** JSON `AgreedTarget`. */
  target: string;
  effectiveFrom: string;
  /** The committee meeting or amendment that records the decision (free reference, later a link). */
  decisionRef: string | null;
  note: string;
  status: 'proposed' | 'agreed' | 'withdrawn';
  createdById: string | null;
  createdByLabel: string;
  createdAt: string;
  agreedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
}

/** One side's approval of a target proposal (one per side). */
export interface TargetApprovalTable {
  id: string;
  proposalId: string;
  communeId: string;
  side: 'provider' | 'commune';
  userId: string | null;
  userLabel: string;
  /** JSON array of the approver's roles at the time. */
  roles: string;
  comment: string;
  approvedAt: string;
}

export interface ContractTables {
  contracts: ContractTable;
  annexVersions: AnnexVersionTable;
  amendments: AmendmentTable;
  targetProposals: TargetProposalTable;
  targetApprovals: TargetApprovalTable;
}
