import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReplaceTiersBody, Tier, TierRun, TierRunSummary, TierSettings, UpdateTierSettingsBody } from '@contracts/tiers';
import { api, ApiError } from '../../app/api';
import { TIERS_KEY } from '../../components/use-tiers';

const SETTINGS_KEY = ['tiers', 'settings'] as const;
const RUNS_KEY = ['tiers', 'runs'] as const;

export const useTierSettings = () => useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api<TierSettings>('/api/tiers/settings') });

export const useTierRuns = () =>
  useQuery({ queryKey: RUNS_KEY, queryFn: () => api<TierRun[]>('/api/tiers/runs', { query: { limit: 20 } }) });

export function useSaveLadder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplaceTiersBody) => api<Tier[]>('/api/tiers', { method: 'PUT', body }),
    onSuccess: (tiers) => {
      qc.setQueryData(TIERS_KEY, tiers);
      // Lists show tier names and colours; the 360 view shows the next threshold.
      void qc.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTierSettingsBody) => api<TierSettings>('/api/tiers/settings', { method: 'PUT', body }),
    onSuccess: (s) => qc.setQueryData(SETTINGS_KEY, s),
  });
}

export function useEvaluate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // The server answers 202 at once and evaluates in the background: follow the run to its end.
      const started = await api<TierRun>('/api/tiers/evaluate', { method: 'POST', body: {} });
      void qc.invalidateQueries({ queryKey: RUNS_KEY });
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        const run = await api<TierRun>(`/api/tiers/runs/${started.id}`);
        if (run.status === 'done') return run.detail as TierRunSummary;
        if (run.status !== 'running') {
          const why = typeof run.detail.error === 'string' ? run.detail.error : run.status;
          throw new ApiError(500, 'EVALUATION_FAILED', `客户分层评级未完成：${why}`, `The tier evaluation did not finish: ${why}`);
        }
      }
    },
    onSettled: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: RUNS_KEY }), qc.invalidateQueries({ queryKey: ['customers'] })]);
    },
  });
}
