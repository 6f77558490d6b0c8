// Data hooks of referrals, prospects and the pipeline, campaigns, care events and market research.
// Every path of /api/growth the pages use is here (routes: server/modules/engagement/growth.routes.ts).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Campaign, CampaignBody, CareEvent, CareEventBody, CreateReferralBody, GrowthReferral, GrowthReferralPage, GrowthWorkbench, Invitation, LaunchResult,
  NewProspectBody, Opportunity, OpportunityBody, OutsideProspect, PipelineView, ProspectCustomer, ProspectSignal, ReferralRm, ReferralStatus,
  ResearchBody, ResearchPage, ResearchProductType, ResearchRow, SegmentFilters, SegmentPreview, UpdateOpportunityBody, WorkReferralBody,
} from '@contracts/growth';
import { api } from '../../app/api';

const G = '/api/growth';

export const growthKeys = {
  all: ['growth'] as const,
  referrals: (q: object) => ['growth', 'referrals', q] as const,
  rms: ['growth', 'referral-rms'] as const,
  prospects: (q: object) => ['growth', 'prospects', q] as const,
  outside: ['growth', 'outside-prospects'] as const,
  pipeline: ['growth', 'pipeline'] as const,
  workbench: ['growth', 'workbench'] as const,
  campaigns: ['growth', 'campaigns'] as const,
  preview: (f: object) => ['growth', 'preview', f] as const,
  events: ['growth', 'events'] as const,
  invitations: (id: number) => ['growth', 'invitations', id] as const,
  research: (q: object) => ['growth', 'research', q] as const,
};

/** Any write may change several lists (a conversion changes the workbench and the pipeline). */
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: growthKeys.all });
}

// ---- referrals --------------------------------------------------------------------------------

export type ReferralQuery = { box: 'inbox' | 'sent' | 'all'; status?: ReferralStatus; page: number; pageSize: number };

export const useReferrals = (q: ReferralQuery) =>
  useQuery({ queryKey: growthKeys.referrals(q), queryFn: () => api<GrowthReferralPage>(`${G}/referrals`, { query: q }), placeholderData: keepPreviousData });

export const useReferralRms = (enabled: boolean) =>
  useQuery({ queryKey: growthKeys.rms, queryFn: () => api<ReferralRm[]>(`${G}/referral-rms`), enabled, staleTime: 60_000 });

export function useCreateReferral() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: CreateReferralBody) => api<GrowthReferral>(`${G}/referrals`, { method: 'POST', body }), onSuccess: done });
}

export function useWorkReferral() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: WorkReferralBody }) => api<GrowthReferral>(`${G}/referrals/${id}/status`, { method: 'POST', body }),
    onSuccess: done,
  });
}

// ---- prospects and the pipeline ---------------------------------------------------------------

export type ProspectPage = { items: ProspectCustomer[]; total: number; page: number; pageSize: number };

export const useProspects = (q: { signal?: ProspectSignal; page: number; pageSize: number }) =>
  useQuery({ queryKey: growthKeys.prospects(q), queryFn: () => api<ProspectPage>(`${G}/prospects`, { query: q }), placeholderData: keepPreviousData });

export const useOutsideProspects = () => useQuery({ queryKey: growthKeys.outside, queryFn: () => api<OutsideProspect[]>(`${G}/outside-prospects`) });

export function useAddProspect() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: NewProspectBody) => api<OutsideProspect>(`${G}/outside-prospects`, { method: 'POST', body }), onSuccess: done });
}

export const usePipeline = () => useQuery({ queryKey: growthKeys.pipeline, queryFn: () => api<PipelineView>(`${G}/pipeline`) });

export function useCreateOpportunity() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: OpportunityBody) => api<Opportunity>(`${G}/opportunities`, { method: 'POST', body }), onSuccess: done });
}

export function useUpdateOpportunity() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateOpportunityBody }) => api<Opportunity>(`${G}/opportunities/${id}`, { method: 'PATCH', body }),
    onSuccess: done,
  });
}

export const useGrowthWorkbench = () => useQuery({ queryKey: growthKeys.workbench, queryFn: () => api<GrowthWorkbench>(`${G}/workbench`) });

// ---- segments and campaigns -------------------------------------------------------------------

/** The live count of a segment while it is being built; invalid filters show no count. */
export const useSegmentPreview = (filters: SegmentFilters | null, path: 'segments/preview' | 'events/segment-preview' = 'segments/preview') =>
  useQuery({
    queryKey: [...growthKeys.preview(filters ?? {}), path],
    queryFn: () => api<SegmentPreview>(`${G}/${path}`, { method: 'POST', body: { filters } }),
    enabled: !!filters,
    placeholderData: keepPreviousData,
    retry: false,
  });

export const useCampaigns = () => useQuery({ queryKey: growthKeys.campaigns, queryFn: () => api<Campaign[]>(`${G}/campaigns`) });

export function useCreateCampaign() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: CampaignBody) => api<Campaign>(`${G}/campaigns`, { method: 'POST', body }), onSuccess: done });
}

export function useLaunchCampaign() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (id: number) => api<LaunchResult>(`${G}/campaigns/${id}/launch`, { method: 'POST' }), onSuccess: done });
}

// ---- care events ------------------------------------------------------------------------------

export const useCareEvents = () => useQuery({ queryKey: growthKeys.events, queryFn: () => api<CareEvent[]>(`${G}/events`) });

export function useCreateEvent() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: CareEventBody) => api<CareEvent>(`${G}/events`, { method: 'POST', body }), onSuccess: done });
}

export const useInvitations = (id: number | null) =>
  useQuery({ queryKey: growthKeys.invitations(id ?? 0), queryFn: () => api<Invitation[]>(`${G}/events/${id}/invitations`), enabled: id !== null });

export function useEventAction() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: 'invitations' | 'rsvp' | 'attendance' | 'close'; body?: unknown }) =>
      api<{ count?: number; ok?: true }>(`${G}/events/${id}/${action}`, { method: 'POST', body }),
    onSuccess: done,
  });
}

// ---- market research --------------------------------------------------------------------------

export const useResearch = (q: { bankName?: string; productType?: ResearchProductType; page: number; pageSize: number }) =>
  useQuery({ queryKey: growthKeys.research(q), queryFn: () => api<ResearchPage>(`${G}/research`, { query: q }), placeholderData: keepPreviousData });

export function useRecordResearch() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: ResearchBody) => api<ResearchRow>(`${G}/research`, { method: 'POST', body }), onSuccess: done });
}
