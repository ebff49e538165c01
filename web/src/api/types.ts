// The API's shapes for the web app: one place, src/shared/api.ts (inferred from the server's schemas).
export type {
  ApiToken,
  AuditRecord,
  Commune,
  Entity,
  FieldProblem,
  InboxItem,
  InboxList,
  InboxReadAll,
  Me,
  Page,
  Permission,
  Role,
  User,
} from '../../../src/shared/api';
