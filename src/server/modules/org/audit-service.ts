import { DateTime } from 'luxon';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { scoped, unscoped } from '../../db/scope';
import { invalid } from '../../errors';
import { exportTable, type ExportFormat } from '../../lib/table-export';
import { auditActionLabel } from '../../../shared/audit-actions';

/** The audit trail's filters; `from`/`to` are local days (Europe/Paris), both included. */
export interface AuditFilters {
  communeId?: string;
  targetType?: string;
  targetId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

/** Past this many records an export asks for narrower filters rather than build a huge file. */
export const AUDIT_EXPORT_MAX = 50_000;

const ZONE = 'Europe/Paris';

/** The instant a local day starts, or a 400 naming the field when the date does not exist. */
function dayStart(field: 'from' | 'to', date: string): DateTime {
  const d = DateTime.fromISO(date, { zone: ZONE });
  if (!d.isValid) throw invalid(field, 'Expected an existing date YYYY-MM-DD.', 'invalid_date');
  return d.startOf('day');
}

/** The records the caller may read that match the filters (not yet ordered nor paged). */
function filtered(ctx: AppContext, actor: Actor, q: AuditFilters) {
  authorize(actor, 'audit.read');
  // The administrator also sees provider-level records (no commune).
  let query =
    actor.communes === 'all'
      ? unscoped(ctx.db, "an actor seeing every commune also sees the provider's own entries").selectFrom('auditLog')
      : scoped(ctx.db, actor).selectFrom('auditLog');
  const from = q.from ? dayStart('from', q.from) : null;
  const to = q.to ? dayStart('to', q.to).plus({ days: 1 }) : null;
  if (from && to && to <= from) throw invalid('to', 'The end date comes before the start date.');
  if (q.communeId) query = query.where('auditLog.communeId', '=', q.communeId);
  if (q.targetType) query = query.where('auditLog.targetType', '=', q.targetType);
  if (q.targetId) query = query.where('auditLog.targetId', '=', q.targetId);
  if (q.actorId) query = query.where('auditLog.actorId', '=', q.actorId);
  if (from) query = query.where('auditLog.at', '>=', from.toUTC().toISO()!);
  if (to) query = query.where('auditLog.at', '<', to.toUTC().toISO()!);
  return query;
}

/** The audit trail, newest first, a page at a time. */
export async function listAudit(ctx: AppContext, actor: Actor, q: AuditFilters & { limit: number; offset: number }) {
  const query = filtered(ctx, actor, q);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('auditLog.id', 'desc').limit(q.limit).offset(q.offset).execute();
  return {
    items: rows.map((r) => ({ ...r, changes: r.changes ? (JSON.parse(r.changes) as unknown) : null })),
    total: Number(total.n),
  };
}

const headers = {
  fr: ['Date', 'Auteur', 'Commune', 'Action', 'Code de l’action', 'Objet', 'Identifiant', 'Modifications'],
  en: ['Date', 'Author', 'Commune', 'Action', 'Action code', 'Object', 'Id', 'Changes'],
} as const;

/**
 * The filtered audit trail as CSV or XLSX, newest first: local date and time in the caller's
 * language (Europe/Paris), the author's and the commune's names, the action in words beside its
 * code. More than AUDIT_EXPORT_MAX records → 400 asking for narrower filters.
 */
export async function exportAudit(
  ctx: AppContext,
  actor: Actor,
  q: AuditFilters & { format: ExportFormat; lang?: 'fr' | 'en' },
) {
  const lang = q.lang ?? actor.locale;
  const query = filtered(ctx, actor, q);
  const rows = await query
    .leftJoin('users', 'users.id', 'auditLog.actorId')
    .leftJoin('communes', 'communes.id', 'auditLog.communeId')
    .select([
      'auditLog.at',
      'auditLog.actorLabel',
      'users.name as actorName',
      'communes.name as communeName',
      'auditLog.action',
      'auditLog.targetType',
      'auditLog.targetId',
      'auditLog.changes',
    ])
    .orderBy('auditLog.id', 'desc')
    .limit(AUDIT_EXPORT_MAX + 1)
    .execute();
  if (rows.length > AUDIT_EXPORT_MAX)
    throw invalid(
      'to',
      `More than ${AUDIT_EXPORT_MAX.toLocaleString('en')} records: narrow the dates or the filters.`,
      'too_many',
    );
  const stamp = DateTime.fromJSDate(ctx.now(), { zone: ZONE }).toFormat('yyyy-LL-dd');
  return exportTable(
    q.format,
    `${lang === 'fr' ? 'journal-audit' : 'audit-trail'}-${stamp}`,
    lang === 'fr' ? 'Journal d’audit' : 'Audit trail',
    headers[lang],
    rows.map((r) => [
      DateTime.fromISO(r.at, { zone: ZONE })
        .setLocale(lang === 'fr' ? 'fr-FR' : 'en-GB')
        .toFormat('dd/LL/yyyy HH:mm:ss'),
      r.actorName ?? r.actorLabel,
      r.communeName ?? '',
      auditActionLabel(r.action, lang),
      r.action,
      r.targetType,
      r.targetId ?? '',
      r.changes ?? '',
    ]),
  );
}
