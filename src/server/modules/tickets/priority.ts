import { levels, type Level, type Priority } from '../../../shared/service-desk';

/** Impact × urgency → priority (P1 most urgent). Pure. */
export { levels, priorities, type Level, type Priority } from '../../../shared/service-desk';
export type PriorityMatrix = Record<Level, Record<Level, Priority>>;

/**
 * The provider's default matrix (rows: impact, columns: urgency), the usual ITIL grid on four
 * levels; a provider-wide or per-commune matrix stored in `priority_matrices` replaces it.
 */
export const defaultMatrix: PriorityMatrix = {
  low: { low: 'P4', medium: 'P4', high: 'P3', critical: 'P3' },
  medium: { low: 'P4', medium: 'P3', high: 'P2', critical: 'P2' },
  high: { low: 'P3', medium: 'P2', high: 'P2', critical: 'P1' },
  critical: { low: 'P2', medium: 'P2', high: 'P1', critical: 'P1' },
};

export function priorityOf(matrix: PriorityMatrix, impact: Level, urgency: Level): Priority {
  return matrix[impact][urgency];
}

/** Matrix as a flat list of cells (API form) and back. */
export function matrixCells(m: PriorityMatrix): Array<{ impact: Level; urgency: Level; priority: Priority }> {
  return levels.flatMap((impact) => levels.map((urgency) => ({ impact, urgency, priority: m[impact][urgency] })));
}

export function matrixFromCells(
  cells: Array<{ impact: Level; urgency: Level; priority: Priority }>,
): PriorityMatrix | null {
  const m = Object.fromEntries(levels.map((i) => [i, {}])) as Record<Level, Partial<Record<Level, Priority>>>;
  for (const c of cells) m[c.impact][c.urgency] = c.priority;
  return levels.every((i) => levels.every((u) => m[i][u])) ? (m as PriorityMatrix) : null;
}

/**
 * The reference prefix of a commune: three letters of the last word of its slug
 * (`le-bouscat` → `BOU`, `villedemo` → `VIL`). Counters are kept per prefix and year, so two
 * communes sharing a prefix still get distinct references.
 */
export function referencePrefix(slug: string): string {
  const words = slug.split('-').filter((w) => /[a-z]/i.test(w));
  const last = (words[words.length - 1] ?? slug).replace(/[^a-z]/gi, '');
  return (last + 'XXX').slice(0, 3).toUpperCase();
}

export function formatReference(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}
