import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { Attachment, Category, Comment, HistoryEntry, Status, SupportGroup, Ticket, TicketSummary } from './types';

export type TicketFilters = {
  q?: string;
  status?: string;
  queue?: string;
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
export function useComment(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (b: { body: string; internal: boolean }) =>
      api.post<Comment>(`/tickets/${encodeURIComponent(id)}/comments`, b),
    onSuccess: () => invalidate(id),
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

/** Uploads one file (multipart); the server checks its size and its type from the content. */
export function uploadAttachment(ticketId: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<Attachment>(`/tickets/${encodeURIComponent(ticketId)}/attachments`, form);
}
