import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Commune, Entity, Page } from '../../api/types';

export const communesQuery = queryOptions({
  queryKey: ['communes'] as const,
  queryFn: () => api.get<Page<Commune>>('/communes'),
});
export const communeQuery = (id: string) =>
  queryOptions({
    queryKey: ['communes', id] as const,
    queryFn: () => api.get<Commune>(`/communes/${encodeURIComponent(id)}`),
  });
export const entitiesQuery = (communeId: string) =>
  queryOptions({
    queryKey: ['communes', communeId, 'entities'] as const,
    queryFn: () => api.get<Page<Entity>>(`/communes/${encodeURIComponent(communeId)}/entities`),
  });

/** The communes in the signed-in user's scope. */
export const useCommunes = () => useQuery(communesQuery);
/** One commune. */
export const useCommune = (id: string) => useQuery(communeQuery(id));
/** The sub-entities of a commune. */
export const useEntities = (communeId: string) => useQuery(entitiesQuery(communeId));

export interface CommuneInput {
  name: string;
  slug?: string;
  inseeCode?: string | null;
}

export interface EntityInput {
  name: string;
  kind: Entity['kind'];
  parentId?: string | null;
}

/** Create or edit a commune. */
export function useSaveCommune() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: CommuneInput }) =>
      id ? api.patch<Commune>(`/communes/${id}`, input) : api.post<Commune>('/communes', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['communes'] }),
  });
}

/** Create or edit a sub-entity. */
export function useSaveEntity(communeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: EntityInput }) =>
      id ? api.patch<Entity>(`/entities/${id}`, input) : api.post<Entity>(`/communes/${communeId}/entities`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['communes'] }),
  });
}

/** Remove a sub-entity. */
export function useDeleteEntity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/entities/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['communes'] }),
  });
}
