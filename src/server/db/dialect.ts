import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './database';

/**
 * The few places where SQLite and PostgreSQL differ, in one file. Capabilities add their
 * helpers here (full-text search, percentiles, locking) rather than branching in repositories.
 */

/** A text column or expression cast to a number for arithmetic on both engines. */
export function asReal(expr: RawBuilder<unknown>, dialect: DialectName): RawBuilder<number> {
  return dialect === 'postgres' ? sql<number>`(${expr})::double precision` : sql<number>`cast(${expr} as real)`;
}

/** Case- and accent-insensitive normal form used for portable search columns (`search_text`). */
export function searchNormalize(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
