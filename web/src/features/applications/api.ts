import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, withQuery } from '../../api/client';
import type {
  AlertRule,
  AlertRulesInput,
  AlertRuleTestResult,
  ApplicationBaseline,
  BaselineImportResult,
  CommuneApplicationAvailability,
  Application,
  ApplicationAvailability,
  ApplicationHistoryEntry,
  Outage,
  Page,
} from '../../../../src/shared/api';

export type {
  AlertRule,
  Application,
  ApplicationAvailability,
  ApplicationHistoryEntry,
  BaselineImportResult,
  CommuneApplicationAvailability,
  Outage,
};

const enc = encodeURIComponent;

/** A commune's portfolio, filtered by text and criticality. */
export const useApplications = (communeId: string, filter: { q?: string; criticality?: string }) =>
  useQuery({
    queryKey: ['applications', communeId, filter] as const,
    queryFn: () =>
      api.get<Page<Application>>(withQuery(`/communes/${enc(communeId)}/applications`, { ...filter, limit: 500 })),
  });

export const useApplication = (id: string) =>
  useQuery({ queryKey: ['application', id] as const, queryFn: () => api.get<Application>(`/applications/${enc(id)}`) });

export const useApplicationHistory = (id: string) =>
  useQuery({
    queryKey: ['application', id, 'history'] as const,
    queryFn: () => api.get<Page<ApplicationHistoryEntry>>(`/applications/${enc(id)}/history`),
  });

export const useAvailability = (id: string, period: string) =>
  useQuery({
    queryKey: ['application', id, 'availability', period] as const,
    queryFn: () => api.get<ApplicationAvailability>(withQuery(`/applications/${enc(id)}/availability`, { period })),
  });

/** Outages of a commune (or of one application) that started in the period, latest first. */
export const useOutages = (communeId: string, period: string, applicationId?: string, criticality?: string) =>
  useQuery({
    queryKey: ['outages', communeId, period, applicationId ?? null, criticality ?? null] as const,
    queryFn: () =>
      api.get<Page<Outage>>(
        withQuery(`/communes/${enc(communeId)}/outages`, { period, applicationId, criticality, limit: 500 }),
      ),
    enabled: communeId !== '',
  });

/** A commune's applications (critical ones by default) with their availability over a period. */
export const useCommuneAvailability = (communeId: string, period: string, criticality = 'critical') =>
  useQuery({
    queryKey: ['availability', communeId, period, criticality] as const,
    queryFn: () =>
      api.get<CommuneApplicationAvailability>(
        withQuery(`/communes/${enc(communeId)}/availability`, { period, criticality }),
      ),
  });

/** The transferred inventory (latest baseline); null when none is recorded. */
export const useBaseline = (communeId: string) =>
  useQuery({
    queryKey: ['application-baseline', communeId] as const,
    queryFn: async () => {
      try {
        return await api.get<ApplicationBaseline>(`/communes/${enc(communeId)}/application-baseline`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });

/** Sends an inventory file (CSV or XLSX); `dryRun` answers the preview and writes nothing. */
export function useImportBaseline(communeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, asOf, label }: { file: File; dryRun: boolean; asOf?: string; label?: string }) => {
      const form = new FormData();
      form.append('file', file);
      return api.post<BaselineImportResult>(
        withQuery(`/communes/${enc(communeId)}/application-baseline/import`, {
          dryRun: String(dryRun),
          asOf: asOf || undefined,
          label: label || undefined,
        }),
        form,
      );
    },
    onSuccess: (r) => {
      if (r.written) {
        void qc.invalidateQueries({ queryKey: ['application-baseline', communeId] });
        void qc.invalidateQueries({ queryKey: ['applications', communeId] });
      }
    },
  });
}

/** The commune's label → application rules, in order. */
export const useAlertRules = (communeId: string) =>
  useQuery({
    queryKey: ['alert-rules', communeId] as const,
    queryFn: () => api.get<Page<AlertRule>>(`/communes/${enc(communeId)}/alert-rules`),
  });

/** Replaces the commune's rules (the whole ordered list). */
export function useSaveAlertRules(communeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AlertRulesInput) => api.put<Page<AlertRule>>(`/communes/${enc(communeId)}/alert-rules`, input),
    onSuccess: (r) => qc.setQueryData(['alert-rules', communeId], r),
  });
}

/** Which application a label set maps to, as the webhook would decide. */
export const useTestAlertRules = (communeId: string) =>
  useMutation({
    mutationFn: (labels: Record<string, string>) =>
      api.post<AlertRuleTestResult>(`/communes/${enc(communeId)}/alert-rules/test`, { labels }),
  });

/** The few fields of a ticket an outage recorded from it needs (its id, reference, opening time). */
export const useTicketBrief = (id: string | undefined) =>
  useQuery({
    queryKey: ['ticket-brief', id] as const,
    queryFn: () => api.get<{ id: string; reference: string; createdAt: string }>(`/tickets/${enc(id!)}`),
    enabled: Boolean(id),
    select: (x) => ({ id: x.id, reference: x.reference, createdAt: x.createdAt }),
  });
