import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { OperatingTarget } from '../../../../src/shared/api';

export type { OperatingTarget };
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

/** The provider's operating targets, and a commune's override when `communeId` is given. */
export const useOperatingTargets = (communeId: string | null) =>
  useQuery({
    queryKey: ['operating-targets', communeId ?? 'provider'] as const,
    queryFn: () => api.get<Page<OperatingTarget>>('/operating-targets', { communeId: communeId ?? undefined }),
  });

export interface OperatingTargetInput {
  communeId: string | null;
  effectiveFrom: string;
  resolution: Record<Priority, string>;
  note: string;
}

export function useCreateOperatingTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OperatingTargetInput) => api.post<OperatingTarget>('/operating-targets', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['operating-targets'] }),
  });
}

export function useDeleteOperatingTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/operating-targets/${encodeURIComponent(id)}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['operating-targets'] }),
  });
}
