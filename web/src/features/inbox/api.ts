import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { InboxItem, InboxList, InboxReadAll } from '../../api/types';

/** How many items the bell's list shows. */
export const BELL_ITEMS = 10;
/** The bell asks again every minute (and when the page comes back into view). */
export const BELL_POLL_MS = 60_000;

const inboxKey = ['me', 'inbox'] as const;

/** My most recent notifications and my unread count, polled every minute. */
export const useInbox = () =>
  useQuery({
    queryKey: inboxKey,
    queryFn: () => api.get<InboxList>('/me/inbox', { limit: BELL_ITEMS }),
    refetchInterval: BELL_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 15_000,
  });

/** Marks one item read; the cached list shows it read at once. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<InboxItem>(`/me/inbox/${encodeURIComponent(id)}/read`),
    onSuccess: (item) => {
      qc.setQueryData<InboxList>(inboxKey, (list) =>
        list
          ? {
              ...list,
              items: list.items.map((i) => (i.id === item.id ? item : i)),
              unread: list.items.some((i) => i.id === item.id && !i.readAt)
                ? Math.max(0, list.unread - 1)
                : list.unread,
            }
          : list,
      );
      void qc.invalidateQueries({ queryKey: inboxKey });
    },
  });
}

/** Marks every item read. */
export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<InboxReadAll>('/me/inbox/read-all'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: inboxKey }),
  });
}

export interface Preferences {
  email: boolean;
  workingHoursOnly: boolean;
}

const preferencesKey = ['me', 'notification-preferences'] as const;

/** My email notification preferences. */
export const usePreferences = () =>
  useQuery({ queryKey: preferencesKey, queryFn: () => api.get<Preferences>('/me/notification-preferences') });

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: Preferences) => api.put<Preferences>('/me/notification-preferences', p),
    onSuccess: (p) => qc.setQueryData(preferencesKey, p),
  });
}

/** Changes my password (the API checks the current one). */
export const useChangePassword = () =>
  useMutation({
    mutationFn: (b: { currentPassword: string; newPassword: string }) => api.post<null>('/me/password', b),
  });
