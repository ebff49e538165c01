import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { Amendment, Annex, AnnexVersionItem, Comparison, ContractInForce } from '../../../../src/shared/api';

export type { Amendment, Annex, AnnexVersionItem, Comparison, ContractInForce };
export type Change = Comparison['changes'][number];

const commune = (id: string) => `/communes/${encodeURIComponent(id)}`;

export const contractQuery = (communeId: string, at: string | undefined) =>
  queryOptions({
    queryKey: ['contracts', communeId, 'contract', at ?? 'today'] as const,
    queryFn: () => api.get<ContractInForce>(`${commune(communeId)}/contract`, { at }),
  });

/** The contract in force at a date (today when `at` is undefined). */
export const useContract = (communeId: string, at: string | undefined) => useQuery(contractQuery(communeId, at));

/** Amendments of the commune (drafts included for contract managers). */
export const useAmendments = (communeId: string, enabled = true) =>
  useQuery({
    queryKey: ['contracts', communeId, 'amendments'] as const,
    queryFn: () => api.get<Page<Amendment>>(`${commune(communeId)}/amendments`),
    enabled,
  });

/** Versions of one domain's annex, oldest first. */
export const useVersions = (communeId: string, domain: string, enabled = true) =>
  useQuery({
    queryKey: ['contracts', communeId, 'versions', domain] as const,
    queryFn: () =>
      api.get<Page<AnnexVersionItem>>(`${commune(communeId)}/annexes/${encodeURIComponent(domain)}/versions`),
    enabled,
  });

export const useAnnexVersion = (id: string | undefined) =>
  useQuery({
    queryKey: ['contracts', 'annex-version', id] as const,
    queryFn: () => api.get<Annex>(`/annex-versions/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
  });

export const useAmendment = (id: string) =>
  useQuery({
    queryKey: ['contracts', 'amendment', id] as const,
    queryFn: () => api.get<Amendment>(`/amendments/${encodeURIComponent(id)}`),
  });

export const useComparison = (from: string | undefined, to: string | undefined) =>
  useQuery({
    queryKey: ['contracts', 'compare', from, to] as const,
    queryFn: () => api.get<Comparison>('/annex-versions/compare', { from, to }),
    enabled: Boolean(from && to && from !== to),
  });

function useInvalidate() {
  const qc = useQueryClient();
  // Not awaited: the caller's own onSuccess (a toast, a navigation) runs before the refetch
  // re-renders the page, which may unmount the form (a signed amendment has no sign form).
  return () => {
    void qc.invalidateQueries({ queryKey: ['contracts'] });
  };
}

export function useCreateAmendment(communeId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { object?: string }) => api.post<Amendment>(`${commune(communeId)}/amendments`, body),
    onSuccess: done,
  });
}

export function useUpdateAmendment(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (
      body: Partial<Pick<Amendment, 'object' | 'recitals' | 'articles'>> & {
        revisions?: Array<{ domain: string; object: string }>;
      },
    ) => api.patch<Amendment>(`/amendments/${encodeURIComponent(id)}`, body),
    onSuccess: done,
  });
}

export function useDeleteAmendment(id: string) {
  const done = useInvalidate();
  return useMutation({ mutationFn: () => api.del(`/amendments/${encodeURIComponent(id)}`), onSuccess: done });
}

export function useSignAmendment(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { signedAt: string; effectiveFrom: string }) =>
      api.post<Amendment>(`/amendments/${encodeURIComponent(id)}/sign`, body),
    onSuccess: done,
  });
}

export function usePatchAnnex(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Annex>(`/annex-versions/${encodeURIComponent(id)}`, body),
    onSuccess: done,
  });
}

export const amendmentDocumentUrl = (id: string, format: 'pdf' | 'docx') =>
  `/api/v1/amendments/${encodeURIComponent(id)}/document.${format}`;
export const contractDocumentUrl = (communeId: string, at: string | undefined, format: 'pdf' | 'docx') =>
  `/api/v1${commune(communeId)}/contract/document.${format}${at ? `?at=${encodeURIComponent(at)}` : ''}`;
