import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { DB } from './schema';

/**
 * A query of fixed shape on a hot path, built and compiled by Kysely once per database, then run
 * with new values. Building a query (the select list parsed, every identifier through the
 * camel-case plugin, the SQL text generated) costs more than running a small indexed statement;
 * for the session read that every request makes, or the desk's search, that is a tenth of the
 * request.
 *
 * `build` receives a stand-in for each named argument and must use it as a plain value (a `where`
 * operand, a `limit`), never compute with it: the compiled parameters are matched back to the
 * names, and `prepare` refuses a build where a stand-in went missing (it was transformed) or
 * where it cannot tell a stand-in from a constant.
 */
export function preparedQuery<Name extends string, R>(
  names: readonly Name[],
  build: (db: Kysely<DB>, arg: Record<Name, never>) => Compilable<R>,
): { execute(db: Kysely<DB>, values: Record<Name, unknown>): Promise<R[]> } {
  const compiled = new WeakMap<Kysely<DB>, { query: CompiledQuery<R>; slots: Array<Name | null> }>();
  const prepare = (db: Kysely<DB>) => {
    const standIns = new Map<string, Name>(names.map((n) => [`\u0000prepared:${n}\u0000`, n]));
    const arg = Object.fromEntries([...standIns].map(([s, n]) => [n, s])) as Record<Name, never>;
    const query = build(db, arg).compile();
    const slots = query.parameters.map((p) => (typeof p === 'string' ? (standIns.get(p) ?? null) : null));
    for (const n of names)
      if (!slots.includes(n)) throw new Error(`preparedQuery: argument ${n} is not a parameter of the compiled query`);
    return { query, slots };
  };
  return {
    async execute(db, values) {
      let entry = compiled.get(db);
      if (!entry) compiled.set(db, (entry = prepare(db)));
      const { query, slots } = entry;
      const parameters = query.parameters.map((p, i) => {
        const slot = slots[i];
        return slot === null || slot === undefined ? p : values[slot];
      });
      return (await db.executeQuery<R>({ ...query, parameters })).rows;
    },
  };
}
