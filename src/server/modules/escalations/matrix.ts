import type { Executor } from '../../db/schema';
import { annexInForce } from '../contracts';

import { referralLevels, type ReferralLevel, type Side } from '../../../shared/service-desk';
export { referralLevels, type ReferralLevel, type Side };

/** One cell of the escalation matrix: who to contact on each side for a level and a sub-domain. */
export interface MatrixCell {
  level: ReferralLevel;
  subdomain: string;
  commune: string;
  provider: string;
}

/**
 * A ticket without a category has no sub-domain; the service desk's own sub-domain applies
 * (C — "Fourniture des postes … / assistance utilisateurs" in the reference annex).
 */
export const DEFAULT_SUBDOMAIN = 'C';

/** The level after `level`, or null at the top. */
export function nextLevel(level: ReferralLevel): ReferralLevel | null {
  const i = referralLevels.indexOf(level);
  return referralLevels[i + 1] ?? null;
}

/** True when `a` is strictly above `b`. */
export function isAbove(a: ReferralLevel, b: ReferralLevel): boolean {
  return referralLevels.indexOf(a) > referralLevels.indexOf(b);
}

/** The escalation matrix of the annex in force for the commune on a local date (empty without one). */
export async function matrixInForce(
  db: Executor,
  communeId: string,
  date: string,
): Promise<{ annexVersionId: string | null; cells: MatrixCell[] }> {
  const annex = await annexInForce(db, communeId, date);
  if (!annex) return { annexVersionId: null, cells: [] };
  return {
    annexVersionId: annex.id,
    cells: annex.escalationMatrix.map((c) => ({
      level: c.level,
      subdomain: c.subdomain,
      commune: c.commune,
      provider: c.provider,
    })),
  };
}

/** The roles to notify for a level and sub-domain: one role per side, from the matrix cell. */
export function rolesFor(
  cells: readonly MatrixCell[],
  level: ReferralLevel,
  subdomain: string | null,
): Array<{ side: Side; role: string }> {
  const cell = cells.find((c) => c.level === level && c.subdomain === (subdomain ?? DEFAULT_SUBDOMAIN));
  if (!cell) return [];
  return [
    { side: 'commune', role: cell.commune },
    { side: 'provider', role: cell.provider },
  ];
}

/** Every distinct role the matrix names on each side, with the cells naming it. */
export function matrixRoles(
  cells: readonly MatrixCell[],
): Array<{ side: Side; role: string; cells: Array<{ level: ReferralLevel; subdomain: string }> }> {
  const map = new Map<
    string,
    { side: Side; role: string; cells: Array<{ level: ReferralLevel; subdomain: string }> }
  >();
  for (const c of cells) {
    for (const side of ['commune', 'provider'] as const) {
      const role = c[side];
      const key = `${side}\u0000${role}`;
      const entry = map.get(key) ?? { side, role, cells: [] };
      entry.cells.push({ level: c.level, subdomain: c.subdomain });
      map.set(key, entry);
    }
  }
  return [...map.values()];
}
