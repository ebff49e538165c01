export interface CommuneTable {
  id: string;
  name: string;
  slug: string;
  inseeCode: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A commune's sub-entity: its CCAS, a service, a site such as a médiathèque. */
export interface EntityTable {
  id: string;
  communeId: string;
  parentId: string | null;
  name: string;
  kind: string;
  createdAt: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  /** Null for provider staff. */
  communeId: string | null;
  /** A commune user restricted to one sub-entity (and its children). */
  entityId: string | null;
  /** JSON array of role names. */
  roles: string;
  phone: string | null;
  locale: string;
  active: number;
  createdAt: string;
  updatedAt: string;
}

/** Provider staff assigned to a commune. */
export interface AssignmentTable {
  userId: string;
  communeId: string;
  createdAt: string;
}

export interface SessionTable {
  /** sha256 of the cookie value: a stolen database does not yield usable cookies. */
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  tokenHash: string;
  prefix: string;
  createdBy: string;
  communeId: string | null;
  /** JSON array of permissions. */
  permissions: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface LoginFailureTable {
  key: string;
  windowStart: string;
  count: number;
}

export interface AuditLogTable {
  /** UUIDv7: sortable by time. */
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  communeId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** JSON. */
  changes: string | null;
}

export interface CoreTables {
  communes: CommuneTable;
  entities: EntityTable;
  users: UserTable;
  assignments: AssignmentTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
  loginFailures: LoginFailureTable;
  auditLog: AuditLogTable;
}
