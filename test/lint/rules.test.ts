import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own lint rules (eslint/mutualis.js), run through the project's configuration on
// small files written where the code they stand for would live (type-aware rules need the file in
// the TypeScript project), then removed.
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lint(file: string, code: string) {
  const full = path.join(root, file.replace(/lint-case\.ts$/, `lint-case-${process.pid}-${Date.now()}.ts`));
  fs.writeFileSync(full, code);
  try {
    const [result] = await eslint.lintFiles([full]);
    const messages = result?.messages ?? [];
    const fatal = messages.filter((m) => m.fatal);
    if (fatal.length) throw new Error(`lint could not parse ${file}: ${fatal.map((m) => m.message).join('; ')}`);
    return messages;
  } finally {
    fs.rmSync(full, { force: true });
  }
}

async function problems(file: string, code: string): Promise<string[]> {
  return (await lint(file, code)).map((m) => m.ruleId ?? '').filter((r) => r.startsWith('mutualis/'));
}

const header = `import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../access/actor';
import { scoped, unscoped } from '../../../db/scope';
declare const db: Kysely<DB>;
declare const actor: Actor;
`;

describe('mutualis/no-raw-tenant-query', () => {
  it('refuses a raw query on a tenant table in a service', async () => {
    expect(
      await problems(
        'src/server/modules/tickets/commands/lint-case.ts',
        `${header}export const q = () => db.selectFrom('tickets').selectAll().execute();\n`,
      ),
    ).toEqual(['mutualis/no-raw-tenant-query']);
    expect(
      await problems(
        'src/server/modules/tickets/commands/lint-case.ts',
        `${header}export const q = () => db.updateTable('ticketComments as c').set({ body: '' }).execute();\n`,
      ),
    ).toEqual(['mutualis/no-raw-tenant-query']);
  });

  it('accepts scoped(), a named unscoped() and a non-tenant table', async () => {
    expect(
      await problems(
        'src/server/modules/tickets/commands/lint-case.ts',
        `${header}export const a = () => scoped(db, actor).selectFrom('tickets').selectAll().execute();
export const b = () => unscoped(db, 'system job').selectFrom('tickets').selectAll().execute();
const u = unscoped(db, 'system job');
export const c = () => u.deleteFrom('tickets').execute();
export const d = () => db.selectFrom('jobs').selectAll().execute();\n`,
      ),
    ).toEqual([]);
  });

  it('leaves repositories and jobs their raw queries', async () => {
    expect(
      await problems(
        'src/server/modules/tickets/lint-case-repo.ts',
        `${header.replaceAll('../../../', '../../')}export const q = () => db.selectFrom('tickets').selectAll().execute();\n`,
      ),
    ).toEqual([]);
  });
});

describe('mutualis/module-boundaries', () => {
  it("refuses an import into another module's internals, accepts its index", async () => {
    expect(
      await problems(
        'src/server/modules/escalations/lint-case.ts',
        `import { getVisibleTicket } from '../tickets/repo';\nexport { getVisibleTicket };\n`,
      ),
    ).toEqual(['mutualis/module-boundaries']);
    expect(
      await problems(
        'src/server/modules/escalations/lint-case.ts',
        `import { getVisibleTicket } from '../tickets';\nexport { getVisibleTicket };\n`,
      ),
    ).toEqual([]);
  });

  it('lets a module import its own files', async () => {
    expect(
      await problems(
        'src/server/modules/tickets/commands/lint-case.ts',
        `import { getVisibleTicket } from '../repo';\nexport { getVisibleTicket };\n`,
      ),
    ).toEqual([]);
  });

  it('keeps the web app out of the server', async () => {
    expect(
      await problems(
        'web/src/features/lint-case.ts',
        `import type { Actor } from '../../../src/server/access/actor';\nexport type A = Actor;\n`,
      ),
    ).toEqual(['mutualis/module-boundaries']);
  });
});

describe('environment variables', () => {
  it('are read in config.ts only', async () => {
    const messages = await lint('src/server/modules/health/lint-case.ts', 'export const port = process.env.PORT;\n');
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-syntax');
  });
});
