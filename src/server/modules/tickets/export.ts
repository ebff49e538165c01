import type { z } from 'zod';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { invalid } from '../../errors';
import { exportTable, type ExportFormat } from '../../lib/table-export';
import { serviceDeskLabels } from '../../../shared/service-desk-labels';
import { listTickets } from './queries';
import type { ticketQuery } from './schemas';

/** Past this many tickets an export asks for narrower filters rather than build a huge file. */
export const TICKET_EXPORT_MAX = 10_000;

const ZONE = 'Europe/Paris';

const headers = {
  fr: [
    'Référence',
    'Titre',
    'Commune',
    'Type',
    'Catégorie',
    'Priorité',
    'Statut',
    'Canal',
    'Demandeur',
    'Groupe',
    'Assigné à',
    'Créée le',
    'Prise en compte due le',
    'Résolution due le',
    'Délai de prise en compte dépassé',
    'Délai de résolution dépassé',
    'Résolue le',
  ],
  en: [
    'Reference',
    'Title',
    'Commune',
    'Type',
    'Category',
    'Priority',
    'Status',
    'Channel',
    'Requester',
    'Group',
    'Assignee',
    'Created',
    'Acknowledgement due',
    'Resolution due',
    'Acknowledgement deadline missed',
    'Resolution deadline missed',
    'Resolved',
  ],
} as const;

/**
 * The current view of the ticket list (the same filters, search, queue and order as
 * GET /api/v1/tickets) as CSV or XLSX: every matching ticket up to TICKET_EXPORT_MAX, in words in
 * the caller's language (statuses, types, channels, categories, names), local times.
 */
export async function exportTickets(
  ctx: AppContext,
  actor: Actor,
  q: Omit<z.infer<typeof ticketQuery>, 'limit' | 'offset' | 'count'> & { format: ExportFormat; lang?: 'fr' | 'en' },
) {
  const lang = q.lang ?? actor.locale;
  const { format, lang: _lang, ...filters } = q;
  const list = await listTickets(ctx, actor, { ...filters, count: 'capped', limit: TICKET_EXPORT_MAX + 1, offset: 0 });
  if (list.items.length > TICKET_EXPORT_MAX)
    throw invalid(
      'q',
      `More than ${TICKET_EXPORT_MAX.toLocaleString('en')} tickets: narrow the filters to export them.`,
      'too_many',
    );
  const ids = (rows: Array<string | null>) => [...new Set(rows.filter((v): v is string => Boolean(v)))];
  const [communes, categories, groups] = await Promise.all([
    names(ctx, 'communes', ids(list.items.map((t) => t.communeId))),
    ids(list.items.map((t) => t.categoryId)).length
      ? ctx.db
          .selectFrom('ticketCategories')
          .select(['id', 'labelFr', 'labelEn'])
          .where('id', 'in', ids(list.items.map((t) => t.categoryId)))
          .execute()
      : [],
    names(ctx, 'supportGroups', ids(list.items.map((t) => t.groupId))),
  ]);
  const category = new Map(categories.map((c) => [c.id, lang === 'en' ? c.labelEn : c.labelFr]));
  const words = serviceDeskLabels[lang];
  const yes = lang === 'fr' ? 'oui' : 'yes';
  const no = lang === 'fr' ? 'non' : 'no';
  const local = (iso: string | null) =>
    iso ? DateTime.fromISO(iso, { zone: ZONE }).toFormat('dd/LL/yyyy HH:mm') : null;
  const stamp = DateTime.fromJSDate(ctx.now(), { zone: ZONE }).toFormat('yyyy-LL-dd');
  return exportTable(
    format,
    `${lang === 'fr' ? 'demandes' : 'tickets'}-${stamp}`,
    lang === 'fr' ? 'Demandes' : 'Tickets',
    headers[lang],
    list.items.map((t) => [
      t.reference,
      t.title,
      communes.get(t.communeId) ?? '',
      words.type[t.type],
      t.categoryId ? (category.get(t.categoryId) ?? '') : '',
      t.priority,
      words.status[t.status],
      words.channel[t.channel],
      t.requesterName ?? '',
      t.groupId ? (groups.get(t.groupId) ?? '') : '',
      t.assigneeName ?? '',
      local(t.createdAt),
      local(t.acknowledgeDueAt),
      local(t.resolveDueAt),
      t.ackBreached ? yes : no,
      t.resolveBreached ? yes : no,
      local(t.resolvedAt),
    ]),
  );
}

/** Names by id of communes or support groups named by tickets the caller may read. */
async function names(ctx: AppContext, table: 'communes' | 'supportGroups', idList: string[]) {
  if (!idList.length) return new Map<string, string>();
  const rows = await ctx.db.selectFrom(table).select(['id', 'name']).where('id', 'in', idList).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
