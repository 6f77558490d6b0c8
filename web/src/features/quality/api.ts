// The quality feature's server calls: complaints and their workflow, reports, standards,
// inspections and the team evaluation.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignComplaintBody, ComplaintCallbackBody, ComplaintDetail, ComplaintHandler, ComplaintIntakeBody, ComplaintPage, ComplaintReport,
  ComplaintStepAction, ComplaintStepBody, ExtendComplaintBody, InspectionBody, InspectionDetail, InspectionScores, InspectionSummary, SaveStandardBody,
  ServiceStandard, StandardsLibrary, TeamEvaluation, TeamFeedbackBody, TeamRatingBody,
} from '@contracts/quality';
import { api, ApiError } from '../../app/api';

export type ComplaintFilter = { status?: string; category?: string; channel?: string; branchId?: number; mine?: boolean; page: number; pageSize: number };

export const useComplaints = (f: ComplaintFilter) =>
  useQuery({
    queryKey: ['complaints', 'list', f],
    queryFn: ({ signal }) => api<ComplaintPage>('/api/complaints', { query: { ...f, mine: f.mine ? 'true' : undefined }, signal }),
    placeholderData: keepPreviousData,
  });

export const useComplaint = (id: number) =>
  useQuery({ queryKey: ['complaints', 'one', id], queryFn: ({ signal }) => api<ComplaintDetail>(`/api/complaints/${id}`, { signal }), enabled: id > 0 });

export const useHandlers = (branchId: number | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['complaints', 'handlers', branchId],
    queryFn: ({ signal }) => api<ComplaintHandler[]>('/api/complaints/handlers', { query: { branchId }, signal }),
    enabled: enabled && !!branchId,
  });

export const useComplaintReport = (f: { from?: string; to?: string }) =>
  useQuery({
    queryKey: ['complaints', 'report', f],
    queryFn: ({ signal }) => api<ComplaintReport>('/api/complaints/report', { query: f, signal }),
    placeholderData: keepPreviousData,
  });

export function useIntake() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplaintIntakeBody) => api<ComplaintDetail>('/api/complaints', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['complaints'] }),
  });
}

export type ComplaintMove =
  | { kind: 'assign'; body: AssignComplaintBody }
  | { kind: 'step'; action: ComplaintStepAction; body: ComplaintStepBody }
  | { kind: 'extend'; body: ExtendComplaintBody }
  | { kind: 'callback'; body: ComplaintCallbackBody };

export function useComplaintMove(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: ComplaintMove) => {
      const path = m.kind === 'step' ? `/api/complaints/${id}/steps/${m.action}` : `/api/complaints/${id}/${m.kind}`;
      return api<ComplaintDetail>(path, { method: 'POST', body: m.body });
    },
    onSuccess: (d) => {
      qc.setQueryData(['complaints', 'one', id], d);
      void qc.invalidateQueries({ queryKey: ['complaints', 'list'] });
    },
  });
}

/** Uploads a file with its own content type (the server checks it against the file's bytes). */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const res = await fetch(`${path}?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST', body: file, credentials: 'same-origin', headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' },
  });
  const json = (await res.json().catch(() => null)) as { error?: { code: string; zh: string; en: string } } | null;
  if (!res.ok) {
    const e = json?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.zh ?? `上传失败（${res.status}）`, e?.en ?? `Upload failed (${res.status})`);
  }
  return json as T;
}

export const useStandards = () => useQuery({ queryKey: ['quality', 'standards'], queryFn: ({ signal }) => api<StandardsLibrary>('/api/quality/standards', { signal }) });

export function useSaveStandard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: SaveStandardBody }) =>
      api<ServiceStandard>(id ? `/api/quality/standards/${id}` : '/api/quality/standards', { method: id ? 'PUT' : 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['quality', 'standards'] }),
  });
}

export const useInspections = (f: { page: number; pageSize: number }) =>
  useQuery({
    queryKey: ['quality', 'inspections', f],
    queryFn: ({ signal }) => api<{ items: InspectionSummary[]; total: number }>('/api/quality/inspections', { query: f, signal }),
    placeholderData: keepPreviousData,
  });

export const useInspection = (id: number | null) =>
  useQuery({ queryKey: ['quality', 'inspection', id], queryFn: ({ signal }) => api<InspectionDetail>(`/api/quality/inspections/${id}`, { signal }), enabled: !!id });

export const useInspectionScores = (groupBy: 'branch' | 'staff') =>
  useQuery({ queryKey: ['quality', 'scores', groupBy], queryFn: ({ signal }) => api<InspectionScores>('/api/quality/inspections/scores', { query: { groupBy }, signal }) });

export function useCreateInspection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionBody) => api<InspectionDetail>('/api/quality/inspections', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['quality'] }),
  });
}

export const useTeams = (period: string) =>
  useQuery({ queryKey: ['quality', 'teams', period], queryFn: ({ signal }) => api<TeamEvaluation>('/api/quality/teams', { query: { period }, signal }) });

export function useTeamInput() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: { kind: 'ratings'; body: TeamRatingBody } | { kind: 'feedback'; body: TeamFeedbackBody }) =>
      api<TeamEvaluation>(`/api/quality/teams/${m.kind}`, { method: 'POST', body: m.body }),
    onSuccess: (d) => qc.setQueryData(['quality', 'teams', d.period], d),
  });
}
