import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CustomerInsight, InsightCampaignBody, InsightCampaignResult, InsightModel, InsightModelDetail, InsightRun, InsightScoreRow, InsightTarget, TrainInsightsBody,
} from '@contracts/insights';
import { api } from '../../app/api';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export const useCustomerInsights = (customerId: number) =>
  useQuery({ queryKey: ['insights', 'customer', customerId], queryFn: () => api<CustomerInsight[]>(`/api/customers/${customerId}/insights`) });

export type ScoreFilters = { target: InsightTarget; minScore?: number; tierCode?: string; ownBook?: boolean; page: number; pageSize: number };

export const useInsightScores = (f: ScoreFilters) =>
  useQuery({
    queryKey: ['insights', 'scores', f],
    queryFn: () => api<Paged<InsightScoreRow>>('/api/insights/scores', { query: { ...f, ownBook: f.ownBook ? 'true' : undefined } }),
  });

export const useInsightModels = () => useQuery({ queryKey: ['insights', 'models'], queryFn: () => api<InsightModel[]>('/api/insights/models') });

export const useInsightModel = (id: number | null) =>
  useQuery({ queryKey: ['insights', 'model', id], enabled: id !== null, queryFn: () => api<InsightModelDetail>(`/api/insights/models/${id}`) });

export function useTrain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: TrainInsightsBody) => {
      // 202 at once; training and rescoring go on in the background: follow the run to its end.
      let run = await api<InsightRun>('/api/insights/train', { method: 'POST', body });
      while (run.status === 'running') {
        await new Promise((r) => setTimeout(r, 1500));
        run = await api<InsightRun>(`/api/insights/runs/${run.id}`);
      }
      return run;
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: ['insights'] }),
  });
}

export function useCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InsightCampaignBody) => api<InsightCampaignResult>('/api/insights/campaigns', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
}
