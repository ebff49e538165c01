import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { DrillTicket, Evidence, Indicator, Overview } from '../../../../src/shared/api';

export type { DrillTicket, Evidence, Indicator, Overview };
export type IndicatorStatus = Indicator['status'];

const base = (communeId: string) => `/communes/${encodeURIComponent(communeId)}/indicators`;

export const communeIndicatorsQuery = (communeId: string, period: string) =>
  queryOptions({
    queryKey: ['indicators', communeId, period] as const,
    queryFn: () => api.get<Page<Indicator>>(base(communeId), { period }),
    placeholderData: keepPreviousData,
  });

/** Every indicator of a commune for a period. */
export const useCommuneIndicators = (communeId: string, period: string) =>
  useQuery(communeIndicatorsQuery(communeId, period));

/** The communes side by side. */
export const useOverview = (period: string) =>
  useQuery({
    queryKey: ['indicators', 'overview', period] as const,
    queryFn: () => api.get<Overview>('/indicators/overview', { period }),
    placeholderData: keepPreviousData,
  });

/** The tickets behind an indicator (drill-down), one page. */
export const useIndicatorTickets = (
  communeId: string,
  code: string | null,
  period: string,
  offset: number,
  limit = 20,
) =>
  useQuery({
    queryKey: ['indicators', communeId, period, code, 'tickets', offset] as const,
    queryFn: () =>
      api.get<Page<DrillTicket>>(`${base(communeId)}/${encodeURIComponent(code!)}/tickets`, { period, offset, limit }),
    enabled: code !== null,
    placeholderData: keepPreviousData,
  });

/** Freezes the period's measurements. */
export function useFreeze(communeId: string, period: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Page<Indicator>>(`${base(communeId)}/freeze?period=${encodeURIComponent(period)}`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['indicators'] }),
  });
}

export interface ManualInput {
  value: number | string;
  status?: 'met' | 'at_risk' | 'missed' | 'no_data';
  comment: string;
}

/** Enters a manual value, then uploads its evidence file if one is given. */
export function useSaveManual(communeId: string, period: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ code, input, file }: { code: string; input: ManualInput; file: File | null }) => {
      const saved = await api.put<Indicator>(
        `${base(communeId)}/${encodeURIComponent(code)}/manual?period=${encodeURIComponent(period)}`,
        input,
      );
      if (file) {
        const form = new FormData();
        form.append('file', file);
        await api.post(
          `${base(communeId)}/${encodeURIComponent(code)}/manual/evidence?period=${encodeURIComponent(period)}`,
          form,
        );
      }
      return saved;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['indicators'] }),
  });
}

/** Export links of a dashboard (served as attachments by the API). */
export const exportUrl = (communeId: string, period: string, format: 'xlsx' | 'pdf') =>
  `/api/v1${base(communeId)}/export.${format}?period=${encodeURIComponent(period)}`;
export const overviewExportUrl = (period: string, format: 'xlsx' | 'pdf') =>
  `/api/v1/indicators/overview/export.${format}?period=${encodeURIComponent(period)}`;
