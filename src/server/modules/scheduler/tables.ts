/** A durable job: state lives in the database so scheduled work survives restarts. */
export interface JobTable {
  id: string;
  /** Handler name, e.g. `sla.warn`, `mail.send`, `mail.poll`. */
  kind: string;
  /** Instant from which the job may run (ISO-8601 UTC). */
  runAt: string;
  /** JSON payload. */
  payload: string;
  /** Unique: the same logical job can never be enqueued twice (glpi#1996). */
  dedupeKey: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  maxAttempts: number;
  /** Runner that claimed the job, and until when the claim holds (expired claims are reclaimed). */
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: string | null;
  communeId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Platform settings as JSON values, e.g. the SLA warning threshold. */
export interface SettingTable {
  key: string;
  value: string;
  updatedAt: string;
}

export interface SchedulerTables {
  jobs: JobTable;
  settings: SettingTable;
}
