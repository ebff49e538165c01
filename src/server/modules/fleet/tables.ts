/**
 * The workstation fleet (PENT, footnote (1) of the reference annex): one row per device of a
 * commune, and the dated history of its changes. Dates of service are local dates: a device is
 * in service from `inServiceFrom` (deployed) until `retiredOn` (exclusive); `renewal` marks a
 * device bought to renew an older one (`replacesId` names it when known), which is what
 * indicator 3.1.1 counts.
 */
export interface DevicesTable {
  id: string;
  communeId: string;
  entityId: string | null;
  kind: string;
  name: string | null;
  serial: string | null;
  inventoryNumber: string | null;
  manufacturer: string | null;
  model: string | null;
  purchaseDate: string | null;
  warrantyEnd: string | null;
  costCents: number | null;
  site: string | null;
  assignedTo: string | null;
  status: string;
  inServiceFrom: string | null;
  retiredOn: string | null;
  renewal: number;
  replacesId: string | null;
  source: string;
  agentDeviceId: string | null;
  hardware: string | null;
  lastInventoryAt: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One change of a device: created, updated (fields), hardware reported by an agent, retired … */
export interface DeviceHistoryTable {
  id: string;
  communeId: string;
  deviceId: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  source: string;
  /** JSON: `{ field: [before, after] }`. */
  changes: string;
}

/**
 * The age/warranty renewal policy of a commune, effective-dated: a version applies from
 * `effectiveFrom` until the next one. `rules` is JSON `{ kind: { maxAgeYears, renewOutOfWarranty } }`
 * (kinds not named keep the defaults of model.ts).
 */
export interface RenewalPolicyTable {
  id: string;
  communeId: string;
  effectiveFrom: string;
  rules: string;
  note: string | null;
  createdByLabel: string;
  createdAt: string;
}

/** A renewal plan approved by the commune: what was planned, frozen on the day of approval. */
export interface RenewalPlanTable {
  id: string;
  communeId: string;
  year: number;
  fleet: number;
  sharePerYear: number | null;
  annexVersionId: string | null;
  required: number | null;
  estimatedCost: number;
  budget: number | null;
  /** JSON: the policy in force when the plan was approved (`{ effectiveFrom, rules }`). */
  policy: string;
  approvedAt: string;
  approvedById: string | null;
  approvedByLabel: string;
}

/** One device of an approved plan, tracked: planned → ordered → delivered → deployed. */
export interface RenewalPlanLineTable {
  id: string;
  planId: string;
  communeId: string;
  rank: number;
  deviceId: string;
  kind: string;
  label: string;
  replacementCost: number;
  status: string;
  orderedOn: string | null;
  orderedBy: string | null;
  deliveredOn: string | null;
  deliveredBy: string | null;
  deployedOn: string | null;
  deployedBy: string | null;
  replacementDeviceId: string | null;
  updatedAt: string;
}

export interface FleetTables {
  devices: DevicesTable;
  deviceHistory: DeviceHistoryTable;
  renewalPolicies: RenewalPolicyTable;
  renewalPlans: RenewalPlanTable;
  renewalPlanLines: RenewalPlanLineTable;
}
