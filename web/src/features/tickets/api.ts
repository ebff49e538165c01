import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type {
  Attachment,
  BulkMergeResult,
  DeskSummary,
  BulkTransitionResult,
  Category,
  Comment,
  HistoryEntry,
  Status,
  SupportGroup,
  Ticket,
  TicketSummary,
} from './types';

export type TicketFilters = {
  q?: string;
  status?: string;
  queue?: string;
  assignee?: string;
  communeId?: string;
  requesterId?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
};

/** A page of tickets; past 1,000 matches the count stops there and says so (`totalCapped`). */
export type TicketPage = Page<TicketSummary> & { totalCapped: boolean };

/** A page of tickets (search, filters, queues). */
export const useTickets = (filters: TicketFilters) =>
  useQuery({
    queryKey: ['tickets', filters] as const,
    queryFn: () => api.get<TicketPage>('/tickets', filters),
    placeholderData: keepPreviousData,
  });
export const useTicket = (id: string) =>
  useQuery({ queryKey: ['ticket', id] as const, queryFn: () => api.get<Ticket>(`/tickets/${encodeURIComponent(id)}`) });
export const useHistory = (id: string) =>
  useQuery({
    queryKey: ['ticket', id, 'history'] as const,
    queryFn: () => api.get<Page<HistoryEntry>>(`/tickets/${encodeURIComponent(id)}/history`),
  });
export const useCategories = () =>
  useQuery({
    queryKey: ['ticket-categories'] as const,
    queryFn: () => api.get<Page<Category>>('/ticket-categories'),
    staleTime: 5 * 60_000,
  });
export const useGroups = () =>
  useQuery({
    queryKey: ['support-groups'] as const,
    queryFn: () => api.get<Page<SupportGroup>>('/support-groups'),
    staleTime: 5 * 60_000,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return (id?: string) => {
    void qc.invalidateQueries({ queryKey: ['tickets'] });
    if (id) void qc.invalidateQueries({ queryKey: ['ticket', id] });
  };
}

/** Opens a ticket; the idempotency key makes a double click or a retry create one ticket only. */
export function useCreateTicket() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ body, key }: { body: Record<string, unknown>; key: string }) =>
      api.post<Ticket>('/tickets', body, { headers: { 'idempotency-key': key } }),
    onSuccess: () => invalidate(),
  });
}

export function useTransition(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (b: { to: Status; comment?: string }) =>
      api.post<Ticket>(`/tickets/${encodeURIComponent(id)}/transitions`, b),
    onSuccess: () => invalidate(id),
  });
}
/**
 * Posts a reply or note, then its files, each tied to it. The message stands once posted: a file
 * the server refuses (size, type) is reported with its reason (`refused`), the others are kept.
 */
export function useComment(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ files = [], ...b }: { body: string; internal: boolean; files?: File[] }) => {
      const comment = await api.post<Comment>(`/tickets/${encodeURIComponent(id)}/comments`, b);
      const refused: Array<{ file: File; error: unknown }> = [];
      for (const file of files) {
        try {
          await uploadAttachment(id, file, comment.id);
        } catch (error) {
          refused.push({ file, error });
        }
      }
      return { comment, refused };
    },
    onSettled: () => invalidate(id),
  });
}
export function useSurvey(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (b: { score: number; comment?: string }) => api.post(`/tickets/${encodeURIComponent(id)}/survey`, b),
    onSuccess: () => invalidate(id),
  });
}
export function usePatchTicket(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (b: Record<string, unknown>) => api.patch<Ticket>(`/tickets/${encodeURIComponent(id)}`, b),
    onSuccess: () => invalidate(id),
  });
}
export function useBulkAssign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (b: { ids: string[]; groupId?: string | null; assigneeId?: string | null }) =>
      api.post<{ updated: number }>('/tickets/bulk-assign', b),
    onSuccess: () => invalidate(),
  });
}

/** Moves several tickets, each on its own; answers what changed and why the others were skipped. */
export function useBulkTransition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { ids: string[]; to: Status; comment?: string }) =>
      api.post<BulkTransitionResult>('/tickets/bulk-transition', b),
    // Every open ticket page may show one of them: the whole ticket cache is stale.
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: ['tickets'] }), qc.invalidateQueries({ queryKey: ['ticket'] })]),
  });
}
/** Merges several duplicates into one ticket, each on its own; answers what was merged and why not. */
export function useBulkMerge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { ids: string[]; intoId: string }) => api.post<BulkMergeResult>('/tickets/bulk-merge', b),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: ['tickets'] }), qc.invalidateQueries({ queryKey: ['ticket'] })]),
  });
}
/** The ticket of an exact reference (case-insensitive), among those the caller sees; null if none. */
export async function findByReference(reference: string): Promise<TicketSummary | null> {
  const ref = reference.trim().toUpperCase();
  if (!ref) return null;
  const page = await api.get<TicketPage>('/tickets', { q: ref, limit: 5 });
  return page.items.find((x) => x.reference.toUpperCase() === ref) ?? null;
}

/**
 * Uploads one file (multipart), to the ticket or with one of the user's messages (`commentId`);
 * the server checks its size and its type from the content.
 */
export function uploadAttachment(ticketId: string, file: File, commentId?: string): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const to = commentId ? `?commentId=${encodeURIComponent(commentId)}` : '';
  return api.post<Attachment>(`/tickets/${encodeURIComponent(ticketId)}/attachments${to}`, form);
}

/** The desk by commune (backlog, breached, at risk, unassigned) and tickets opened/resolved per week. */
export const useDeskSummary = (weeks = 8) =>
  useQuery({
    queryKey: ['tickets', 'summary', weeks] as const,
    queryFn: () => api.get<DeskSummary>('/tickets/summary', { weeks }),
  });
