import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, Role, User } from '../../api/types';

export interface UserFilters {
  q?: string;
  communeId?: string;
  role?: string;
  limit: number;
  offset: number;
}

/** A page of users in the caller's scope. */
export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', 'list', filters],
    queryFn: () => api.get<Page<User>>('/users', { ...filters }),
    placeholderData: keepPreviousData,
  });
}

export interface UserCreateInput {
  email: string;
  name: string;
  roles: Role[];
  communeId?: string | null;
  entityId?: string | null;
  phone?: string | null;
  locale: 'fr' | 'en';
  password?: string;
}

export interface UserPatchInput {
  name?: string;
  roles?: Role[];
  entityId?: string | null;
  phone?: string | null;
  locale?: 'fr' | 'en';
  active?: boolean;
  password?: string;
}

function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['users'] });
}

/** Create a user. */
export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: UserCreateInput) => api.post<User>('/users', input),
    onSuccess: invalidate,
  });
}

/** Edit a user (roles, activation, password reset…). */
export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UserPatchInput }) => api.patch<User>(`/users/${id}`, input),
    onSuccess: invalidate,
  });
}

/** Set the communes a provider staff member is assigned to. */
export function useSetAssignments() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, communeIds }: { id: string; communeIds: string[] }) =>
      api.put<User>(`/users/${id}/assignments`, { communeIds }),
    onSuccess: invalidate,
  });
}
