import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { InboundMessage, Page } from '../../../../src/shared/api';

export type { InboundMessage };

/** Inbound mail held for review because the mail server did not authenticate its sender. */
export function useHeldMessages() {
  return useQuery({
    queryKey: ['inbound-messages', 'held'] as const,
    queryFn: () => api.get<Page<InboundMessage>>('/inbound-messages', { outcome: 'held_for_review', limit: 100 }),
  });
}

/** Accepts or rejects a held message. */
export function useReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: string; decision: 'accept' | 'reject'; comment?: string }) =>
      api.post<InboundMessage>(`/inbound-messages/${encodeURIComponent(id)}/${decision}`, comment ? { comment } : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['inbound-messages'] }),
  });
}
