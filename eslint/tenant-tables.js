// The tenant tables, read from src/server/db/scope.ts (`tenantColumn`), for the lint rule
// mutualis/no-raw-tenant-query: one list, kept in the TypeScript source (a test checks the two agree).
import fs from 'node:fs';

/** The keys of the `tenantColumn` object in the given source of scope.ts. */
export function tenantTablesFromScope(source) {
  const block = /export const tenantColumn = \{([\s\S]*?)\} as const satisfies/.exec(source);
  if (!block) throw new Error('eslint/tenant-tables.js: tenantColumn not found in src/server/db/scope.ts');
  return [...block[1].matchAll(/^\s*(\w+):/gm)].map((m) => m[1]);
}

export const tenantTables = tenantTablesFromScope(
  fs.readFileSync(new URL('../src/server/db/scope.ts', import.meta.url), 'utf8'),
);
