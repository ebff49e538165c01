import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type {
  Device,
  DeviceDetail,
  DeviceImportReport,
  DevicePatch,
  RenewalPlan,
  RenewalProgress,
} from '../../../../src/shared/api';

export type { Device, DeviceDetail, DeviceImportReport, RenewalPlan, RenewalProgress };

export const deviceKinds = [
  'desktop',
  'laptop',
  'thin_client',
  'tablet',
  'smartphone',
  'screen',
  'printer',
  'multifunction',
  'telephony',
  'peripheral',
] as const;
export const deviceStatuses = ['in_stock', 'deployed', 'in_repair', 'retired'] as const;

export interface DeviceFilters {
  kind?: string;
  status?: string;
  q?: string;
  sort?: string;
  limit: number;
  offset: number;
}

const communePath = (id: string) => `/communes/${encodeURIComponent(id)}`;

/** A commune's devices, filtered and paged (the previous page stays shown while the next loads). */
export const useDevices = (communeId: string, f: DeviceFilters) =>
  useQuery({
    queryKey: ['devices', communeId, f] as const,
    queryFn: () =>
      api.get<Page<Device>>(`${communePath(communeId)}/devices`, {
        kind: f.kind || undefined,
        status: f.status || undefined,
        q: f.q || undefined,
        sort: f.sort,
        limit: f.limit,
        offset: f.offset,
      }),
    placeholderData: keepPreviousData,
  });

export const useDevice = (id: string) =>
  useQuery({
    queryKey: ['device', id] as const,
    queryFn: () => api.get<DeviceDetail>(`/devices/${encodeURIComponent(id)}`),
  });

export function useUpdateDevice(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: DevicePatch) => api.patch<DeviceDetail>(`/devices/${encodeURIComponent(id)}`, patch),
    onSuccess: (d) => {
      qc.setQueryData(['device', id], d);
      void qc.invalidateQueries({ queryKey: ['devices'] });
      void qc.invalidateQueries({ queryKey: ['renewal-plan'] });
    },
  });
}

/** Sends a fleet file; `dryRun` answers the validation report only. */
export function useImportDevices(communeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      return api.post<DeviceImportReport>(`${communePath(communeId)}/devices/import?dryRun=${String(dryRun)}`, form);
    },
    onSuccess: (r) => {
      if (!r.dryRun) {
        void qc.invalidateQueries({ queryKey: ['devices', communeId] });
        void qc.invalidateQueries({ queryKey: ['renewal-plan', communeId] });
      }
    },
  });
}

export const useRenewalPlan = (communeId: string, year: number, budget: number | undefined) =>
  useQuery({
    queryKey: ['renewal-plan', communeId, year, budget] as const,
    queryFn: () => api.get<RenewalPlan>(`${communePath(communeId)}/renewal-plan`, { year, budget, limit: 50 }),
    placeholderData: keepPreviousData,
  });

/** The device list as a file, with the list's current filters and order. */
export function devicesExportUrl(
  communeId: string,
  f: Omit<DeviceFilters, 'limit' | 'offset'>,
  format: 'csv' | 'xlsx',
  lang: string,
): string {
  const q = new URLSearchParams({ format, lang: lang === 'en' ? 'en' : 'fr' });
  if (f.kind) q.set('kind', f.kind);
  if (f.status) q.set('status', f.status);
  if (f.q) q.set('q', f.q);
  if (f.sort) q.set('sort', f.sort);
  return `/api/v1${communePath(communeId)}/devices/export?${q.toString()}`;
}

/** Indicator 3.1.1 month by month for a year. */
export const useRenewalProgress = (communeId: string, year: number) =>
  useQuery({
    queryKey: ['renewal-progress', communeId, year] as const,
    queryFn: () => api.get<RenewalProgress>(`${communePath(communeId)}/fleet/renewal-progress`, { year }),
  });
