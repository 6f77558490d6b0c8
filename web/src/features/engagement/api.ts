// Data hooks of the engagement module's core: workbench, tasks, contact log and handovers.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActivityItem, CreateHandoverBody, HandoverCandidate, HandoverFile, HandoverItem, LogActivityBody, StaffOption, TaskList, Workbench,
} from '@contracts/engagement';
import { api } from '../../app/api';

const E = '/api/engagement';

export const engagementKeys = {
  all: ['engagement'] as const,
  workbench: ['engagement', 'workbench'] as const,
  tasks: (q: object) => ['engagement', 'tasks', q] as const,
  handovers: (direction: string) => ['engagement', 'handovers', direction] as const,
  handover: (id: number) => ['engagement', 'handover', id] as const,
  candidates: (q: string) => ['engagement', 'candidates', q] as const,
  receivers: ['engagement', 'receivers'] as const,
  activities: (customerId: number) => ['engagement', 'activities', customerId] as const,
};

export const useWorkbench = () => useQuery({ queryKey: engagementKeys.workbench, queryFn: () => api<Workbench>('/api/workbench'), refetchInterval: 60_000 });

export type TaskQuery = { view: 'mine' | 'team' | 'overdue'; status?: string; page: number; pageSize: number };
export const useTasks = (q: TaskQuery) => useQuery({ queryKey: engagementKeys.tasks(q), queryFn: () => api<TaskList>(`${E}/tasks`, { query: q }) });

export const useHandovers = (direction: 'incoming' | 'outgoing' | 'team', enabled = true) =>
  useQuery({ queryKey: engagementKeys.handovers(direction), queryFn: () => api<HandoverItem[]>(`${E}/handovers`, { query: { direction } }), enabled });
export const useHandover = (id: number) => useQuery({ queryKey: engagementKeys.handover(id), queryFn: () => api<HandoverFile>(`${E}/handovers/${id}`) });
export const useCandidates = (q: string, enabled: boolean) =>
  useQuery({ queryKey: engagementKeys.candidates(q), queryFn: () => api<HandoverCandidate[]>(`${E}/handovers/candidates`, { query: { q: q || undefined } }), enabled });
export const useReceivers = (enabled: boolean) => useQuery({ queryKey: engagementKeys.receivers, queryFn: () => api<StaffOption[]>(`${E}/handovers/receivers`), enabled });
export const useActivities = (customerId: number) => useQuery({ queryKey: engagementKeys.activities(customerId), queryFn: () => api<ActivityItem[]>(`${E}/customers/${customerId}/activities`) });

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: engagementKeys.all }) });
}

export const useLogActivity = () => useInvalidating((body: LogActivityBody) => api<{ id: number }>(`${E}/activities`, { method: 'POST', body }));
export const useCompleteTask = () => useInvalidating((v: { id: number; outcome: string }) => api(`${E}/tasks/${v.id}/complete`, { method: 'POST', body: { outcome: v.outcome } }));
export const useCancelTask = () => useInvalidating((v: { id: number; reason: string }) => api(`${E}/tasks/${v.id}/cancel`, { method: 'POST', body: { reason: v.reason } }));
export const useCreateHandover = () => useInvalidating((body: CreateHandoverBody) => api<{ id: number }>(`${E}/handovers`, { method: 'POST', body }));
export const useAcceptHandover = () => useInvalidating((id: number) => api(`${E}/handovers/${id}/accept`, { method: 'POST' }));
export const useReturnHandover = () => useInvalidating((v: { id: number; reason: string }) => api(`${E}/handovers/${v.id}/return`, { method: 'POST', body: { reason: v.reason } }));
