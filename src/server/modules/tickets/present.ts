import type { z } from 'zod';
import { can, type Actor } from '../../access/actor';
import type { CompiledCalendar } from '../calendars';
import { remainingBusinessSeconds } from './clocks';
import { allowedTargets } from './lifecycle';
import { canEscalateTicket, isRequesterOf, isStaff, seesInternal } from './policy';
import type { attachmentSchema, commentSchema, ticketDetail, ticketSummary } from './schemas';
import type { TicketAttachmentTable, TicketCommentTable, TicketTable } from './tables';
import type { TicketDeviceView } from './devices-repo';

export type TicketSummaryView = z.infer<typeof ticketSummary>;
export type TicketView = z.infer<typeof ticketDetail>;
export type CommentView = z.infer<typeof commentSchema>;
export type AttachmentView = z.infer<typeof attachmentSchema>;

export type TicketRowWithNames = TicketTable & { requesterName?: string | null; assigneeName?: string | null };

/**
 * The columns a summary is made of. Lists select only these: materialising the long text columns
 * (description, search text) of every row of a page is most of a list's database time.
 */
export const summaryColumns = [
  'id',
  'reference',
  'communeId',
  'entityId',
  'type',
  'title',
  'categoryId',
  'subdomain',
  'requesterId',
  'channel',
  'impact',
  'urgency',
  'priority',
  'status',
  'groupId',
  'assigneeId',
  'referralLevel',
  'createdAt',
  'updatedAt',
  'acknowledgedAt',
  'resolvedAt',
  'closedAt',
  'acknowledgeDueAt',
  'resolveDueAt',
  'ackBreached',
  'resolveBreached',
  'mergedIntoId',
  'pausedSince',
  'pausedBusinessSeconds',
] as const satisfies readonly (keyof TicketTable)[];

export type TicketSummaryRow = Pick<TicketTable, (typeof summaryColumns)[number]> & {
  requesterName?: string | null;
  assigneeName?: string | null;
};

/** Remaining business time at read time: frozen at the pause start while pending. */
function remaining(row: TicketSummaryRow, cal: CompiledCalendar | undefined, nowMs: number) {
  if (!cal) return { acknowledge: null, resolve: null };
  const closed = row.status === 'resolved' || row.status === 'closed';
  const at = row.pausedSince ? Date.parse(row.pausedSince) : nowMs;
  return {
    acknowledge: row.acknowledgedAt || closed ? null : remainingBusinessSeconds(cal, row.acknowledgeDueAt, nowMs),
    resolve: closed ? null : remainingBusinessSeconds(cal, row.resolveDueAt, at),
  };
}

/**
 * The business time each open deadline allows in all, from creation (the resolution's pauses
 * deducted): with the remaining time it tells how much of the budget is used.
 */
function budget(row: TicketSummaryRow, cal: CompiledCalendar | undefined) {
  if (!cal) return { acknowledge: null, resolve: null };
  const closed = row.status === 'resolved' || row.status === 'closed';
  const created = Date.parse(row.createdAt);
  const ack = row.acknowledgedAt || closed ? null : remainingBusinessSeconds(cal, row.acknowledgeDueAt, created);
  const res = closed ? null : remainingBusinessSeconds(cal, row.resolveDueAt, created);
  return {
    acknowledge: ack === null ? null : Math.max(0, ack),
    resolve: res === null ? null : Math.max(0, res - Number(row.pausedBusinessSeconds ?? 0)),
  };
}

export function presentSummary(
  row: TicketSummaryRow,
  cal: CompiledCalendar | undefined,
  nowMs: number,
): TicketSummaryView {
  return {
    id: row.id,
    reference: row.reference,
    communeId: row.communeId,
    entityId: row.entityId,
    type: row.type,
    title: row.title,
    categoryId: row.categoryId,
    subdomain: row.subdomain,
    requesterId: row.requesterId,
    requesterName: row.requesterName ?? null,
    channel: row.channel,
    impact: row.impact,
    urgency: row.urgency,
    priority: row.priority,
    status: row.status,
    groupId: row.groupId,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName ?? null,
    referralLevel: row.referralLevel,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    acknowledgeDueAt: row.acknowledgeDueAt,
    resolveDueAt: row.resolveDueAt,
    ackBreached: row.ackBreached === 1,
    resolveBreached: row.resolveBreached === 1,
    remainingBusinessSeconds: remaining(row, cal, nowMs),
    budgetBusinessSeconds: budget(row, cal),
    mergedIntoId: row.mergedIntoId,
  };
}

export function presentComment(c: TicketCommentTable): CommentView {
  return {
    id: c.id,
    ticketId: c.ticketId,
    authorId: c.authorId,
    authorLabel: c.authorLabel,
    body: c.body,
    bodyHtml: c.bodyHtml,
    internal: c.internal === 1,
    createdAt: c.createdAt,
  };
}

export function presentAttachment(a: TicketAttachmentTable): AttachmentView {
  return {
    id: a.id,
    ticketId: a.ticketId,
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    createdAt: a.createdAt,
    url: `/api/v1/attachments/${a.id}`,
    commentId: a.commentId ?? null,
  };
}

export function presentDetail(
  actor: Actor,
  row: TicketRowWithNames,
  extra: {
    comments: TicketCommentTable[];
    attachments: TicketAttachmentTable[];
    surveyOpen: boolean;
    devices: TicketDeviceView[];
  },
  cal: CompiledCalendar | undefined,
  nowMs: number,
): TicketView {
  const staff = isStaff(actor);
  const requester = isRequesterOf(actor, row);
  const internal = seesInternal(actor);
  return {
    ...presentSummary(row, cal, nowMs),
    description: row.description,
    site: row.site,
    calendarId: row.calendarId,
    calendarVersion: row.calendarVersion,
    annexVersionId: row.annexVersionId,
    clockIssue: row.clockIssue,
    resolveTargetOrigin: row.resolveTargetOrigin,
    forceMajeure: row.forceMajeure
      ? { reason: row.forceMajeureReason ?? '', at: row.forceMajeureAt ?? '', by: row.forceMajeureBy ?? '' }
      : null,
    pausedSince: row.pausedSince,
    pausedBusinessSeconds: row.pausedBusinessSeconds,
    ackBusinessSeconds: row.ackBusinessSeconds,
    resolveBusinessSeconds: row.resolveBusinessSeconds,
    receivedOutsideHours: row.receivedOutsideHours === 1,
    reopenCount: row.reopenCount,
    firstContactResolution: row.firstContactResolution === 1,
    satisfaction: row.satisfaction,
    comments: extra.comments.filter((c) => internal || c.internal === 0).map(presentComment),
    attachments: extra.attachments.map(presentAttachment),
    devices: extra.devices,
    abilities: {
      canEdit: staff,
      canComment: true,
      canAddInternalNote: internal,
      canEscalate: canEscalateTicket(actor, row),
      canMerge: staff && row.status !== 'closed',
      canRuleForceMajeure: can(actor, 'tickets.force_majeure') && row.ackBreached === 1 && !row.mergedIntoId,
      canAnswerSurvey: requester && extra.surveyOpen,
      transitions: allowedTargets(row.status, { staff, requester }),
    },
  };
}
