import type { TFunction } from 'i18next';
import type { HistoryEntry } from './types';

/** How a history entry reads: a title and, for changes, one "what: from → to" line per field. */
export interface HistoryLine {
  title: string;
  changes: string[];
  /** Who did it: a name, or "the system" for automatic changes. */
  actor: string;
}

type Ref = { groupId?: string | null; assigneeId?: string | null };
type Data = {
  from?: unknown;
  to?: unknown;
  level?: string;
  /** The other ticket of a link. */
  reference?: string;
  automatic?: boolean;
  score?: number;
  comment?: string | null;
  changes?: Record<string, { from: unknown; to: unknown }>;
  added?: string[];
  removed?: string[];
  labels?: Record<string, string>;
} & Ref;

/** Fields of a ticket whose values are codes with a label in the catalogue. */
const coded: Record<string, string> = { type: 'type', impact: 'levels', urgency: 'levels', status: 'status' };

/**
 * The text of one history entry in the interface language: status moves and escalations as
 * "from → to", assignment and field changes as one line per field (group, assignee, type,
 * category, impact, urgency, priority…) with names, never ids, codes or e-mails.
 */
export function describeHistory(
  t: TFunction,
  h: Pick<HistoryEntry, 'kind' | 'data' | 'actorId' | 'actorLabel'> & { names?: Record<string, string> },
  categoryLabel: (id: string) => string | undefined = () => undefined,
): HistoryLine {
  const d = (h.data ?? {}) as Data;
  const names = h.names ?? {};
  const none = t('tickets:history.none');
  const actor = h.actorId === null && h.actorLabel === 'system' ? t('tickets:history.system') : h.actorLabel;
  const escalated = h.kind === 'escalated';
  const name = (v: unknown) => {
    const s = typeof v === 'string' ? v : '';
    return escalated ? t(`escalations:level.${s}`, { defaultValue: s }) : t(`tickets:status.${s}`, { defaultValue: s });
  };
  const changes: string[] = [];
  const line = (field: string, from: string, to: string) =>
    changes.push(t('tickets:history.change', { field: t(`tickets:fields.${field}`), from, to }));
  const ref = (id: unknown) => (typeof id === 'string' && id ? (names[id] ?? '…') : none);
  if (h.kind === 'assigned') {
    const from = (d.from ?? {}) as Ref;
    if ((from.groupId ?? null) !== (d.groupId ?? null)) line('group', ref(from.groupId), ref(d.groupId));
    if ((from.assigneeId ?? null) !== (d.assigneeId ?? null)) line('assignee', ref(from.assigneeId), ref(d.assigneeId));
  }
  if (h.kind === 'field' && d.changes) {
    for (const [field, c] of Object.entries(d.changes)) {
      const value = (raw: unknown): string => {
        if (raw === null || raw === undefined || raw === '') return none;
        const v = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '…';
        if (field === 'categoryId') return categoryLabel(v) ?? '…';
        if (coded[field]) return t(`tickets:${coded[field]}.${v}`, { defaultValue: v });
        if (field === 'entityId' || field === 'groupId' || field === 'assigneeId') return ref(v);
        return v;
      };
      const label = field === 'categoryId' ? 'category' : field === 'entityId' ? 'entity' : field;
      if (field === 'description') changes.push(t('tickets:history.descriptionChanged'));
      else line(label, value(c.from), value(c.to));
    }
  }
  if (h.kind === 'devices') {
    const label = (id: string) => d.labels?.[id] ?? '…';
    for (const id of d.added ?? []) changes.push(t('tickets:history.deviceAdded', { device: label(id) }));
    for (const id of d.removed ?? []) changes.push(t('tickets:history.deviceRemoved', { device: label(id) }));
  }
  if (h.kind === 'survey' && typeof d.score === 'number') {
    changes.push(t('tickets:history.score', { score: d.score }));
    if (d.comment) changes.push(`« ${d.comment} »`);
  }
  const title = t(escalated && d.automatic ? 'tickets:history.escalatedAutomatic' : `tickets:history.${h.kind}`, {
    defaultValue: h.kind,
    from: d.from && typeof d.from === 'string' ? name(d.from) : '',
    to: d.to && typeof d.to === 'string' ? name(d.to) : '',
    level: d.level ?? '',
    reference: d.reference ?? '',
  });
  return { title, changes, actor };
}
