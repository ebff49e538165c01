import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export interface CannedReply {
  id: string;
  groupId: string;
  groupName: string;
  title: string;
  body: string;
}

export const useCannedReplies = (enabled: boolean) =>
  useQuery({
    queryKey: ['canned-replies'] as const,
    queryFn: () => api.get<Page<CannedReply>>('/canned-replies'),
    enabled,
    staleTime: 60_000,
  });

export function useSaveCannedReply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { groupId: string; title: string; body: string }) =>
      api.post<CannedReply>('/canned-replies', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['canned-replies'] }),
  });
}
