import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  DeviceTickets,
  RenewalPlan,
  RenewalPlanLine,
  RenewalPlanStep,
  RenewalPolicy,
  RenewalPolicyPut,
} from '../../../../src/shared/api';

export type { DeviceTickets, RenewalPlanLine, RenewalPolicy, RenewalPolicyPut };

const communePath = (id: string) => `/communes/${encodeURIComponent(id)}`;

/** The commune approves the plan of a year (fleet.approve). */
export function useApprovePlan(communeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { year: number; budget?: number | null }) =>
      api.post<RenewalPlan>(`${communePath(communeId)}/renewal-plan/approval`, b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['renewal-plan', communeId] }),
  });
}

/** Records the next step of a plan line (fleet.manage). */
export function useAdvanceLine(communeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ lineId, body }: { lineId: string; body: RenewalPlanStep }) =>
      api.post<RenewalPlanLine>(`/renewal-plan-lines/${encodeURIComponent(lineId)}/steps`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['renewal-plan', communeId] });
      void qc.invalidateQueries({ queryKey: ['devices', communeId] });
      void qc.invalidateQueries({ queryKey: ['device'] });
    },
  });
}

export const useRenewalPolicy = (communeId: string) =>
  useQuery({
    queryKey: ['renewal-policy', communeId] as const,
    queryFn: () => api.get<RenewalPolicy>(`${communePath(communeId)}/renewal-policy`),
  });

export function usePutRenewalPolicy(communeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: RenewalPolicyPut) => api.put<RenewalPolicy>(`${communePath(communeId)}/renewal-policy`, b),
    onSuccess: (p) => {
      qc.setQueryData(['renewal-policy', communeId], p);
      void qc.invalidateQueries({ queryKey: ['renewal-plan', communeId] });
    },
  });
}

export const useDeviceTickets = (deviceId: string) =>
  useQuery({
    queryKey: ['device', deviceId, 'tickets'] as const,
    queryFn: () => api.get<DeviceTickets>(`/devices/${encodeURIComponent(deviceId)}/tickets`),
  });
