/**
 * Indicator tables: frozen snapshots (immutable, for a committee), manual values for indicators
 * without a computable rule, and the evidence files behind those values.
 */
export interface IndicatorSnapshotTable {
  id: string;
  communeId: string;
  /** Indicator code (`3.3.1`) or a standard figure (`SD.volume`). */
  code: string;
  /** Canonical period text (`2026-Q3`). */
  period: string;
  /** The whole measurement as it was when frozen (JSON). */
  measurement: string;
  frozenById: string | null;
  frozenByLabel: string;
  frozenAt: string;
}

export interface IndicatorManualValueTable {
  id: string;
  communeId: string;
  code: string;
  period: string;
  /** The value when numeric (a share in [0,1], a count …). */
  valueNumber: number | null;
  /** The value when textual ("Plan adopted on 2026-03-12"). */
  valueText: string | null;
  /** The status the contract manager states (met, at_risk, missed), or null. */
  status: string | null;
  comment: string;
  enteredById: string | null;
  enteredByLabel: string;
  enteredAt: string;
}

/**
 * An evidence file of a manual value. Stored in the database (base64 text, identical on both
 * engines) so that several processes serving one PostgreSQL database all see it.
 */
export interface IndicatorEvidenceTable {
  id: string;
  communeId: string;
  manualValueId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  dataBase64: string;
  uploadedById: string | null;
  uploadedByLabel: string;
  uploadedAt: string;
}

/**
 * A counter per commune and UTC month ('2026-07'), bumped by database triggers whenever a ticket
 * created or resolved in that month is inserted, deleted or changed in a column the cached
 * aggregates read (migration 2026112812). Internal: read by the trend cache only.
 */
export interface IndicatorDataVersionTable {
  communeId: string;
  month: string;
  version: number;
}

/**
 * The aggregate rows of one closed trend bucket [fromUtc, toUtc) of a commune (trend-cache.ts):
 * `kind` 'ack' (by creation) or 'resolve' (by resolution), valid while the sum of the data
 * versions of the months it overlaps still equals `dataVersion`. Internal, recomputable.
 */
export interface IndicatorTrendCacheTable {
  communeId: string;
  kind: 'ack' | 'resolve';
  fromUtc: string;
  toUtc: string;
  dataVersion: number;
  /** JSON array of the bucket's aggregate rows (without the bucket number). */
  rows: string;
  computedAt: string;
}

export interface IndicatorTables {
  indicatorSnapshots: IndicatorSnapshotTable;
  indicatorManualValues: IndicatorManualValueTable;
  indicatorEvidence: IndicatorEvidenceTable;
  indicatorDataVersions: IndicatorDataVersionTable;
  indicatorTrendCache: IndicatorTrendCacheTable;
}
