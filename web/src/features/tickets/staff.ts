import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, User } from '../../api/types';

/** Provider staff who may be assigned a ticket of the commune (the server checks it again). */
export function useUsersForAssignment(communeId: string): User[] {
  const q = useQuery({
    queryKey: ['users', 'staff'] as const,
    queryFn: () => api.get<Page<User>>('/users', { limit: 500 }),
    staleTime: 60_000,
  });
  return (q.data?.items ?? []).filter(
    (u) =>
      u.communeId === null &&
      u.active &&
      (u.assignedCommuneIds.includes(communeId) || u.roles.some((r) => r === 'director' || r === 'administrator')),
  );
}
