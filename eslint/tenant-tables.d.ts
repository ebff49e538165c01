/** The keys of the `tenantColumn` object in the given source of scope.ts. */
export function tenantTablesFromScope(source: string): string[];
/** The tenant tables of src/server/db/scope.ts. */
export const tenantTables: string[];
