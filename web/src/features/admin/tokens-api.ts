import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiToken, Page, Permission } from '../../api/types';

/** The API tokens. */
export const useTokens = () => useQuery({ queryKey: ['tokens'], queryFn: () => api.get<Page<ApiToken>>('/tokens') });

export interface TokenCreateInput {
  name: string;
  permissions: Permission[];
  communeId?: string | null;
  expiresAt?: string | null;
}

/** Create a token; the answer carries the secret, shown once. */
export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TokenCreateInput) => api.post<ApiToken & { token: string }>('/tokens', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

/** Revoke a token. */
export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del<ApiToken>(`/tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
