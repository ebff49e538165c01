import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, User } from '../../api/types';
import type { Calendar, CalendarDraft, DeadlineAsk, Holiday, OncallInput, OncallPeriod } from './types';

export const calendarsQuery = queryOptions({
  queryKey: ['calendars'] as const,
  queryFn: () => api.get<Page<Calendar>>('/calendars'),
});
export const calendarQuery = (id: string) =>
  queryOptions({
    queryKey: ['calendars', id] as const,
    queryFn: () => api.get<Calendar>(`/calendars/${encodeURIComponent(id)}`),
  });

/** The calendars the signed-in user may see. */
export const useCalendars = () => useQuery(calendarsQuery);
/** One calendar. */
export const useCalendar = (id: string) => useQuery(calendarQuery(id));

/** The public holidays of a year under a preset. */
export const useHolidays = (preset: string, year: number) =>
  useQuery({
    queryKey: ['holidays', preset, year] as const,
    queryFn: () => api.get<Page<Holiday>>('/holidays', { preset, year }),
    staleTime: Infinity,
  });

/** Create (no id) or replace a calendar. */
export function useSaveCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, draft, communeId }: { id?: string; draft: CalendarDraft; communeId?: string | null }) =>
      id
        ? api.put<Calendar>(`/calendars/${encodeURIComponent(id)}`, draft)
        : api.post<Calendar>('/calendars', { ...draft, communeId: communeId ?? null }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['calendars'] }),
  });
}

export function useDeleteCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/calendars/${encodeURIComponent(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['calendars'] }),
  });
}

/**
 * The deadline of a ticket opened at `from`: computed by the server on the draft (editors, POST
 * /calendars/preview) or on the saved calendar (GET /calendars/{id}/deadline).
 */
export function useDeadline(args: {
  calendarId?: string;
  draft?: CalendarDraft;
  from: string | null;
  ask: DeadlineAsk;
}) {
  const { calendarId, draft, from, ask } = args;
  return useQuery({
    queryKey: ['calendar-deadline', calendarId ?? null, draft ?? null, from, ask] as const,
    queryFn: () =>
      draft
        ? api.post<{ due: string }>('/calendars/preview', { calendar: draft, from, ...ask })
        : api.get<{ due: string }>(`/calendars/${encodeURIComponent(calendarId!)}/deadline`, { from: from!, ...ask }),
    enabled: Boolean(from) && Boolean(draft || calendarId),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}

export const oncallQuery = (q: { communeId?: string | null; from: string; to: string }) =>
  queryOptions({
    queryKey: ['oncall', q] as const,
    queryFn: () =>
      api.get<Page<OncallPeriod>>('/oncall', {
        communeId: q.communeId ?? undefined,
        from: q.from,
        to: q.to,
        limit: 500,
      }),
  });

/** On-call periods overlapping [from, to), of one commune or all in scope. */
export const useOncall = (q: { communeId?: string | null; from: string; to: string }) =>
  useQuery({ ...oncallQuery(q), placeholderData: keepPreviousData });

export function useSaveOncall() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: OncallInput }) => {
      if (!id) return api.post<OncallPeriod>('/oncall', input);
      const { communeId: _communeId, ...patch } = input;
      return api.patch<OncallPeriod>(`/oncall/${encodeURIComponent(id)}`, patch);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['oncall'] }),
  });
}

export function useDeleteOncall() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/oncall/${encodeURIComponent(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['oncall'] }),
  });
}

/** Provider staff who can be put on call (the server checks their assignment to the commune). */
export const useProviderStaff = (enabled: boolean) =>
  useQuery({
    queryKey: ['users', 'provider-staff'] as const,
    queryFn: () => api.get<Page<User>>('/users', { limit: 500 }),
    enabled,
    select: (p) => p.items.filter((u) => u.communeId === null && u.active),
  });
