// Data hooks of the assessment: every path of its API the pages use.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { KpiFacts, PerfDashboard, PerfKpi, PerfRole, PerfRun, PerfScorecard, SaveKpiBody, SaveScorecardBody, StaffScorecard } from '@contracts/performance';
import { api, download } from '../../app/api';
import './locale';

const KEY = ['performance'] as const;

export const useMyScorecard = (month: string) =>
  useQuery({ queryKey: [...KEY, 'me', month], queryFn: () => api<StaffScorecard>('/api/performance/me', { query: { month } }) });
export const useStaffScorecard = (staffId: number, month: string) =>
  useQuery({ queryKey: [...KEY, 'staff', staffId, month], queryFn: () => api<StaffScorecard>(`/api/performance/staff/${staffId}`, { query: { month } }), enabled: staffId > 0, retry: false });
export const useKpiFacts = (staffId: number, kpiCode: string | null, month: string) =>
  useQuery({
    queryKey: [...KEY, 'facts', staffId, kpiCode, month],
    queryFn: () => api<KpiFacts>(`/api/performance/staff/${staffId}/kpis/${kpiCode ?? ''}/facts`, { query: { month } }),
    enabled: staffId > 0 && !!kpiCode, retry: false,
  });
export const useDashboard = (month: string, role: PerfRole, branchId?: number) =>
  useQuery({ queryKey: [...KEY, 'dashboard', month, role, branchId ?? 0], queryFn: () => api<PerfDashboard>('/api/performance/dashboard', { query: { month, role, branchId } }) });
export const exportScorecards = (month: string) => download('/api/performance/export.xlsx', { month }, `scorecards-${month}.xlsx`);

export const usePerfKpis = () => useQuery({ queryKey: [...KEY, 'kpis'], queryFn: () => api<PerfKpi[]>('/api/performance/kpis') });
export const useScorecards = () => useQuery({ queryKey: [...KEY, 'scorecards'], queryFn: () => api<PerfScorecard[]>('/api/performance/scorecards') });
export const useRuns = () => useQuery({ queryKey: [...KEY, 'runs'], queryFn: () => api<PerfRun[]>('/api/performance/runs') });

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: async () => { await qc.invalidateQueries({ queryKey: KEY }); } });
}

export const useSaveKpi = () => useInvalidating(({ id, body }: { id?: number; body: SaveKpiBody }) =>
  api<PerfKpi>(id ? `/api/performance/kpis/${id}` : '/api/performance/kpis', { method: id ? 'PUT' : 'POST', body }));
export const useSaveScorecard = () => useInvalidating(({ id, body }: { id?: number; body: SaveScorecardBody }) =>
  api<PerfScorecard>(id ? `/api/performance/scorecards/${id}` : '/api/performance/scorecards', { method: id ? 'PUT' : 'POST', body }));
export const useRunNow = () => useInvalidating((month: string) => api<PerfRun>('/api/performance/runs', { method: 'POST', body: { month } }));
export const useFreeze = () => useInvalidating((month: string) => api<PerfRun>('/api/performance/runs/freeze', { method: 'POST', body: { month } }));
export const useRequestRecompute = () => useInvalidating((b: { month: string; reason: string }) => api<PerfRun>('/api/performance/runs/recompute', { method: 'POST', body: b }));
export const useDecideRecompute = () => useInvalidating(({ id, approve, reason }: { id: number; approve: boolean; reason?: string }) =>
  api<PerfRun>(`/api/performance/runs/${id}/${approve ? 'approve' : 'reject'}`, { method: 'POST', ...(approve ? {} : { body: { reason } }) }));
