import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type {
  AgreedTarget,
  Baseline,
  CommitmentAssessment,
  TargetAgreement,
  TargetApproval,
  TargetProposal,
} from '../../../../src/shared/api';

export type { AgreedTarget, Baseline, CommitmentAssessment, TargetAgreement, TargetApproval, TargetProposal };

const commune = (id: string) => `/communes/${encodeURIComponent(id)}`;

/** The contract's commitments, each with a status for the period (GET /communes/{id}/commitments). */
export const useCommitments = (communeId: string, period: string) =>
  useQuery({
    queryKey: ['indicators', communeId, period, 'commitments'] as const,
    queryFn: () =>
      api.get<Page<CommitmentAssessment> & { period: string }>(`${commune(communeId)}/commitments`, { period }),
    placeholderData: keepPreviousData,
  });

/** The baseline ("l'existant") of an indicator over [from, to), and the target it suggests. */
export const useBaseline = (communeId: string, code: string, from: string, to: string, enabled = true) =>
  useQuery({
    queryKey: ['indicators', communeId, 'baseline', code, from, to] as const,
    queryFn: () =>
      api.get<Baseline>(`${commune(communeId)}/indicators/${encodeURIComponent(code)}/baseline`, { from, to }),
    enabled: enabled && Boolean(from && to && from < to),
    placeholderData: keepPreviousData,
    retry: false,
  });

/** A commune's target proposals and agreements, newest first. */
export const useProposals = (communeId: string, code?: string) =>
  useQuery({
    queryKey: ['indicators', communeId, 'proposals', code ?? '*'] as const,
    queryFn: () => api.get<Page<TargetProposal>>(`${commune(communeId)}/target-proposals`, { code }),
  });

export interface ProposalInput {
  baselineFrom: string;
  baselineTo: string;
  effectiveFrom: string;
  target?: AgreedTarget;
  decisionRef?: string | null;
  note?: string;
}

function useRefresh() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['indicators'] });
  };
}

/** POST /communes/{id}/indicators/{code}/target-proposals. */
export function useCreateProposal(communeId: string, code: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ProposalInput) =>
      api.post<TargetProposal>(`${commune(communeId)}/indicators/${encodeURIComponent(code)}/target-proposals`, body),
    onSuccess: refresh,
  });
}

/** Approves a proposal for the caller's side; the second side's approval makes it an agreement. */
export function useApproveProposal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, comment }: { id: string; comment?: string }) =>
      api.post<TargetProposal>(`/target-proposals/${encodeURIComponent(id)}/approvals`, comment ? { comment } : {}),
    onSuccess: refresh,
  });
}

/** Withdraws a proposal not agreed yet (a reason is required). */
export function useWithdrawProposal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<TargetProposal>(`/target-proposals/${encodeURIComponent(id)}/withdraw`, { reason }),
    onSuccess: refresh,
  });
}
