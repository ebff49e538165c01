import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { Page, User } from '../../api/types';
import type { Directory, DirectoryInput, Escalation, ReferralLevel } from './types';

const directoryPath = (communeId: string) => `/communes/${encodeURIComponent(communeId)}/escalation-directory`;
const escalationsPath = (ticketId: string) => `/tickets/${encodeURIComponent(ticketId)}/escalations`;

/** A commune's escalation directory: the matrix roles in force and who holds them. */
export const useDirectory = (communeId: string) =>
  useQuery({
    queryKey: ['escalation-directory', communeId] as const,
    queryFn: () => api.get<Directory>(directoryPath(communeId)),
  });

/** Replaces the directory; the answer (the directory as saved) replaces the cached one. */
export function useSaveDirectory(communeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: DirectoryInput) => api.put<Directory>(directoryPath(communeId), input),
    onSuccess: (d) => qc.setQueryData(['escalation-directory', communeId], d),
  });
}

/** A ticket's escalations, oldest first. Under the ticket's key: a change to the ticket refreshes them. */
export const useEscalations = (ticketId: string) =>
  useQuery({
    queryKey: ['ticket', ticketId, 'escalations'] as const,
    queryFn: () => api.get<Page<Escalation>>(escalationsPath(ticketId)),
  });

/**
 * Escalates a ticket, then refreshes the ticket (level, abilities), its history and the lists;
 * also after a 409, when someone else escalated or closed it meanwhile.
 */
export function useEscalate(ticketId: string) {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['ticket', ticketId] });
    void qc.invalidateQueries({ queryKey: ['tickets'] });
  };
  return useMutation({
    mutationFn: (b: { reason: string; level?: ReferralLevel }) => api.post<Escalation>(escalationsPath(ticketId), b),
    onSuccess: refresh,
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) refresh();
    },
  });
}

/**
 * The people who may hold a role on one side: the commune's active users, or the active provider
 * staff (the server checks the side again). Fetched only for those who edit the directory.
 */
export function useRoleCandidates(
  communeId: string,
  enabled: boolean,
): { commune: User[]; provider: User[]; isPending: boolean; error: unknown } {
  const commune = useQuery({
    queryKey: ['users', { communeId, limit: 500 }] as const,
    queryFn: () => api.get<Page<User>>('/users', { communeId, limit: 500 }),
    enabled,
    staleTime: 60_000,
  });
  const staff = useQuery({
    queryKey: ['users', 'staff'] as const,
    queryFn: () => api.get<Page<User>>('/users', { limit: 500 }),
    enabled,
    staleTime: 60_000,
  });
  return {
    commune: (commune.data?.items ?? []).filter((u) => u.active && u.communeId === communeId),
    provider: (staff.data?.items ?? []).filter((u) => u.active && u.communeId === null),
    isPending: enabled && (commune.isPending || staff.isPending),
    error: commune.error ?? staff.error,
  };
}
