import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

/** The ticket list's parameters as the API reads them (strings; lists comma-separated). */
export type ListView = Record<string, string>;

export interface TicketView {
  id: string;
  name: string;
  query: ListView;
  groupId: string | null;
  groupName: string | null;
  ownerId: string;
  ownerName: string | null;
  mine: boolean;
}

/** The parameters a view keeps: every list parameter but paging. */
export const viewKeys = [
  'q',
  'status',
  'queue',
  'priority',
  'type',
  'communeId',
  'groupId',
  'categoryId',
  'assignee',
  'assigneeId',
  'channel',
  'subdomain',
  'createdFrom',
  'createdTo',
  'dueFrom',
  'dueTo',
  'sla',
  'sort',
  'order',
] as const;

/** The view without its empty parameters (what is saved and sent). */
export function cleanView(v: ListView): ListView {
  return Object.fromEntries(
    Object.entries(v).filter(([k, x]) => (viewKeys as readonly string[]).includes(k) && x !== ''),
  );
}

export const useTicketViews = () =>
  useQuery({ queryKey: ['ticket-views'] as const, queryFn: () => api.get<Page<TicketView>>('/ticket-views') });

export function useSaveTicketView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: ListView; groupId: string | null }) =>
      api.post<TicketView>('/ticket-views', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['ticket-views'] }),
  });
}

export function useDeleteTicketView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/ticket-views/${encodeURIComponent(id)}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['ticket-views'] }),
  });
}
