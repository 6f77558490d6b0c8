// Data hooks of the productivity contest and grade promotion: every path of their API the pages use.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ContestDetail, ContestKpi, ContestSummary, DecideReviewBody, Leaderboard, MyPosition, ParticipantDetail, PromotionReview, PromotionRule,
  RefreshResult, SaveContestBody, SavePromotionRuleBody, StandingKind,
} from '@contracts/contests';
import { api, download } from '../../app/api';

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
/** The TV and the contest page poll this often; a refresh event makes them fetch at once. */
export const BOARD_POLL_MS = 30_000;

export const contestKeys = {
  all: ['contests'] as const,
  list: (status?: string) => ['contests', 'list', status ?? ''] as const,
  detail: (id: number) => ['contests', 'detail', id] as const,
  board: (id: number, kind: StandingKind, page: number, pageSize: number) => ['contests', 'board', id, kind, page, pageSize] as const,
  me: (id: number) => ['contests', 'me', id] as const,
};

export const useContests = (status?: string) =>
  useQuery({ queryKey: contestKeys.list(status), queryFn: () => api<Paged<ContestSummary>>('/api/contests', { query: { status, pageSize: 100 } }) });
export const useContest = (id: number) => useQuery({ queryKey: contestKeys.detail(id), queryFn: () => api<ContestDetail>(`/api/contests/${id}`), enabled: id > 0 });
export const useKpis = (enabled: boolean) => useQuery({ queryKey: ['contests', 'kpis'], queryFn: () => api<ContestKpi[]>('/api/contests/kpis'), enabled, staleTime: 5 * 60_000 });

export const useBoard = (id: number, kind: StandingKind, page: number, pageSize: number, poll = BOARD_POLL_MS) =>
  useQuery({
    queryKey: contestKeys.board(id, kind, page, pageSize),
    queryFn: () => api<Leaderboard>(`/api/contests/${id}/leaderboard`, { query: { kind, page, pageSize } }),
    enabled: id > 0, placeholderData: keepPreviousData, refetchInterval: poll,
  });
export const useMyPosition = (id: number) =>
  useQuery({ queryKey: contestKeys.me(id), queryFn: () => api<MyPosition>(`/api/contests/${id}/me`), enabled: id > 0, refetchInterval: BOARD_POLL_MS });
export const useParticipant = (id: number, staffId: number | null) =>
  useQuery({ queryKey: ['contests', 'participant', id, staffId], queryFn: () => api<ParticipantDetail>(`/api/contests/${id}/participants/${staffId}`), enabled: staffId !== null, retry: false });

function useInvalidating<V, R>(fn: (v: V) => Promise<R>, key: readonly unknown[] = contestKeys.all) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: async () => { await qc.invalidateQueries({ queryKey: key }); } });
}

export const useCreateContest = () => useInvalidating((b: SaveContestBody) => api<ContestDetail>('/api/contests', { method: 'POST', body: b }));
export const useContestAction = (id: number) =>
  useInvalidating((action: 'publish' | 'close' | 'freeze' | 'refresh') => api<ContestDetail | RefreshResult>(`/api/contests/${id}/${action}`, { method: 'POST' }));
export const exportResults = (id: number) => download(`/api/contests/${id}/results.xlsx`, {}, `contest-${id}.xlsx`);
export const contestEventsUrl = (id: number) => `/api/contests/${id}/events`;

// ---- promotion ----------------------------------------------------------------------------------

export const useCertificateTypes = () =>
  useQuery({ queryKey: ['certificate-types'], queryFn: () => api<{ code: string; nameZh: string; nameEn: string }[]>('/api/certificate-types'), staleTime: 10 * 60_000 });
export const usePromotionRules = () => useQuery({ queryKey: ['promotion', 'rules'], queryFn: () => api<PromotionRule[]>('/api/promotion/rules') });
export const useSaveRule = () =>
  useInvalidating((v: { id: number | null; body: SavePromotionRuleBody }) =>
    v.id ? api<PromotionRule>(`/api/promotion/rules/${v.id}`, { method: 'PUT', body: v.body }) : api<PromotionRule>('/api/promotion/rules', { method: 'POST', body: v.body }), ['promotion']);
export const useReviews = (month: string, status: string | undefined, page: number) =>
  useQuery({
    queryKey: ['promotion', 'reviews', month, status ?? '', page],
    queryFn: () => api<Paged<PromotionReview> & { month: string }>('/api/promotion/reviews', { query: { month, status, page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
export const useGenerateReviews = () =>
  useInvalidating((month: string) => api<{ month: string; evaluated: number; created: number }>('/api/promotion/reviews/generate', { method: 'POST', body: { month } }), ['promotion']);
export const useDecide = () =>
  useInvalidating((v: { id: number; action: 'approve' | 'reject'; body: DecideReviewBody }) =>
    api<PromotionReview>(`/api/promotion/reviews/${v.id}/${v.action}`, { method: 'POST', body: v.body }), ['promotion']);
