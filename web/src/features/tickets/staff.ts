import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

/** A provider staff member who may be assigned (GET …/assignable-users). */
export interface AssignableUser {
  id: string;
  name: string;
  email: string;
}

/**
 * Who may be assigned the ticket, as the server decides it (the rule lives in the server's
 * access layer). Asked only when the user may assign (`enabled`): a requester never asks.
 */
export function useAssignableUsers(ticketId: string, enabled: boolean, groupId?: string | null): AssignableUser[] {
  const q = useQuery({
    queryKey: ['tickets', ticketId, 'assignable-users', groupId ?? null] as const,
    // Narrowed to the members of the ticket's group, when it has one.
    queryFn: () =>
      api.get<Page<AssignableUser>>(`/tickets/${encodeURIComponent(ticketId)}/assignable-users`, {
        groupId: groupId ?? undefined,
      }),
    enabled,
    staleTime: 60_000,
  });
  return q.data?.items ?? [];
}

/** Who may be assigned tickets of every commune given (bulk assignment in the call centre). */
export function useAssignableForCommunes(communeIds: readonly string[]): AssignableUser[] {
  const ids = [...new Set(communeIds)].sort();
  const q = useQuery({
    queryKey: ['assignable-users', ids] as const,
    queryFn: () =>
      api.get<Page<AssignableUser>>(
        `/assignable-users?${ids.map((id) => `communeId=${encodeURIComponent(id)}`).join('&')}`,
      ),
    enabled: ids.length > 0,
    staleTime: 60_000,
  });
  return q.data?.items ?? [];
}

/**
 * Everyone who may be assigned tickets of at least one of the given communes (the list's assignee
 * filter): one request per commune, asked only once `enabled` (the filter's menu opened), merged
 * by person and sorted by name.
 */
export function useStaffOfAnyCommune(communeIds: readonly string[], enabled: boolean): AssignableUser[] {
  const ids = [...new Set(communeIds)].sort();
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['assignable-users', [id]] as const,
      queryFn: () => api.get<Page<AssignableUser>>(`/assignable-users?communeId=${encodeURIComponent(id)}`),
      enabled,
      staleTime: 60_000,
    })),
  });
  const byId = new Map<string, AssignableUser>();
  for (const r of results) for (const u of r.data?.items ?? []) byId.set(u.id, u);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
