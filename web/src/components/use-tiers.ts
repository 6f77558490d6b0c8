import { useQuery } from '@tanstack/react-query';
import type { Tier } from '@contracts/tiers';
import { api } from '../app/api';

/** The tier ladder, lowest first; every signed-in user may read it. The tiers page refreshes it. */
export const TIERS_KEY = ['tiers', 'ladder'] as const;

export const useTierLadder = () =>
  useQuery({
    queryKey: TIERS_KEY,
    queryFn: () => api<Tier[]>('/api/tiers'),
    staleTime: 10 * 60_000,
    select: (tiers) => [...tiers].sort((a, b) => a.rank - b.rank),
  });
