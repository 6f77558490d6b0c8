import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@contracts/notifications';
import { api } from '../../app/api';

export type NotificationList = { items: Notification[]; unread: number };
export const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api<NotificationList>('/api/notifications'),
    // The event stream keeps this fresh; a slow poll covers a stream that is down.
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: number[] } | { all: true }) =>
      api('/api/notifications/read', { method: 'POST', body }),
    onMutate: (body) => {
      const now = new Date().toISOString();
      qc.setQueryData<NotificationList>(NOTIFICATIONS_KEY, (old) => {
        if (!old) return old;
        if ('all' in body) return { items: old.items.map((n) => (n.readAt ? n : { ...n, readAt: now })), unread: 0 };
        const newlyRead = old.items.filter((n) => !n.readAt && body.ids.includes(n.id)).length;
        const items = old.items.map((n) => (!n.readAt && body.ids.includes(n.id) ? { ...n, readAt: now } : n));
        return { items, unread: Math.max(0, old.unread - newlyRead) };
      });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
