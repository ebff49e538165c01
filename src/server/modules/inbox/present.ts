import type { z } from 'zod';
import type { inboxItemSchema } from './schemas';
import type { InboxData, InboxItemTable } from './tables';

export type InboxItemView = z.infer<typeof inboxItemSchema>;

function dataOf(row: InboxItemTable): Partial<InboxData> {
  try {
    return JSON.parse(row.data) as Partial<InboxData>;
  } catch {
    return {};
  }
}

/** A stored item → the API's shape (absent facts as null). */
export function presentItem(row: InboxItemTable): InboxItemView {
  const d = dataOf(row);
  return {
    id: row.id,
    kind: row.kind,
    ticketId: row.ticketId,
    communeId: row.communeId,
    reference: d.reference ?? '',
    title: d.title ?? '',
    actorName: d.actorName ?? null,
    excerpt: d.excerpt ?? null,
    clock: d.clock ?? null,
    dueAt: d.dueAt ?? null,
    threshold: d.threshold ?? null,
    level: d.level ?? null,
    automatic: d.automatic ?? null,
    internal: d.internal ?? null,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}
