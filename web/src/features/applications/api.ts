import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import type {
  Application,
  ApplicationAvailability,
  ApplicationHistoryEntry,
  Outage,
  Page,
} from '../../../../src/shared/api';

export type { Application, ApplicationAvailability, ApplicationHistoryEntry, Outage };

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
export const useOutages = (communeId: string, period: string, applicationId?: string) =>
  useQuery({
    queryKey: ['outages', communeId, period, applicationId ?? null] as const,
    queryFn: () =>
      api.get<Page<Outage>>(withQuery(`/communes/${enc(communeId)}/outages`, { period, applicationId, limit: 500 })),
  });
