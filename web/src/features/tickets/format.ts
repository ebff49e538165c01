import type { TFunction } from 'i18next';

/** Remaining business time as "3 h 20" (negative: "en retard de …"); null → "—". */
export function remainingText(t: TFunction, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const text = h ? `${h} h ${String(m).padStart(2, '0')}` : `${m} min`;
  return seconds < 0 ? t('tickets:remaining.overdue', { time: text }) : t('tickets:remaining.left', { time: text });
}

/** A colour for a remaining time, always paired with text (never colour alone). */
export function remainingColor(seconds: number | null | undefined): string {
  // Shade 9: outline badges keep AA contrast on striped rows.
  if (seconds === null || seconds === undefined) return 'gray.9';
  if (seconds < 0) return 'red.9';
  return seconds < 2 * 3600 ? 'orange.9' : 'teal.9';
}

export const priorityColor: Record<string, string> = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'gray' };
