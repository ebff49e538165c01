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

export interface FleetTables {
  devices: DevicesTable;
  deviceHistory: DeviceHistoryTable;
}
