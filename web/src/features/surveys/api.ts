// The surveys module's server calls: set-up, distribution, staff entry, the report, the plans, and
// the public survey page (no session).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddImprovementActionBody, CompleteImprovementActionBody, CreateImprovementPlanBody, CreateQuestionnaireBody, EnterSurveyBody, ImprovementPlan,
  PublicSurvey, SaveProgrammeBody, SubmitSurveyBody, SurveyEntryForm, SurveyDrawResult, SurveyInvitationPage, SurveyLink, SurveyProgramme, SurveyQuestionnaire,
  SurveyReceipt, SurveyReport, SurveySamplePlan, UpdateQuestionnaireBody,
} from '@contracts/surveys';
import { api, download } from '../../app/api';

export const useQuestionnaires = (enabled = true) =>
  useQuery({ queryKey: ['surveys', 'questionnaires'], queryFn: () => api<SurveyQuestionnaire[]>('/api/surveys/questionnaires'), enabled });
export const useProgrammes = (enabled = true) =>
  useQuery({ queryKey: ['surveys', 'programmes'], queryFn: () => api<SurveyProgramme[]>('/api/surveys/programmes'), enabled });
export const useSamplePlan = (id: number | null) =>
  useQuery({ queryKey: ['surveys', 'sample', id], queryFn: () => api<SurveySamplePlan>(`/api/surveys/programmes/${id}/sample`), enabled: id !== null });
export const useInvitations = (q: { programmeId?: number; invitationStatus?: string; page: number; pageSize: number }, enabled = true) =>
  useQuery({
    queryKey: ['surveys', 'invitations', q],
    queryFn: ({ signal }) => api<SurveyInvitationPage>('/api/surveys/invitations', { query: q, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
export type ReportFilter = { from: string; to: string; programmeId?: number; branchId?: number };
export const useReport = (f: ReportFilter) =>
  useQuery({ queryKey: ['surveys', 'report', f], queryFn: ({ signal }) => api<SurveyReport>('/api/surveys/report', { query: f, signal }), placeholderData: keepPreviousData });
export const exportReport = (f: ReportFilter, format: 'pdf' | 'xlsx') =>
  download(`/api/surveys/report/export`, { ...f, format }, `satisfaction-${f.from}-${f.to}.${format}`);
export const useEntryForms = () => useQuery({ queryKey: ['surveys', 'entry-forms'], queryFn: () => api<SurveyEntryForm[]>('/api/surveys/entry-forms') });
export const usePlans = () => useQuery({ queryKey: ['surveys', 'plans'], queryFn: () => api<ImprovementPlan[]>('/api/surveys/plans') });

function useInvalidating<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ['surveys'] }) });
}
export const useSaveQuestionnaire = () =>
  useInvalidating(({ id, body }: { id: number | null; body: CreateQuestionnaireBody | UpdateQuestionnaireBody }) =>
    id === null ? api<SurveyQuestionnaire>('/api/surveys/questionnaires', { method: 'POST', body }) : api<SurveyQuestionnaire>(`/api/surveys/questionnaires/${id}`, { method: 'PUT', body }));
export const useSaveProgramme = () => useInvalidating((body: SaveProgrammeBody) => api<SurveyProgramme>('/api/surveys/programmes', { method: 'PUT', body }));
export const useDraw = () => useInvalidating(({ id, wave }: { id: number; wave: string }) => api<SurveyDrawResult>(`/api/surveys/programmes/${id}/draw`, { method: 'POST', body: { wave } }));
export const useIssueLink = () => useInvalidating((id: number) => api<SurveyLink>(`/api/surveys/invitations/${id}/link`, { method: 'POST' }));
export const useEnterAnswers = () => useInvalidating((body: EnterSurveyBody) => api<{ responseId: number }>('/api/surveys/entries', { method: 'POST', body }));
export const useCreatePlan = () => useInvalidating((body: CreateImprovementPlanBody) => api<ImprovementPlan>('/api/surveys/plans', { method: 'POST', body }));
export const useAddMeasure = () => useInvalidating(({ planId, body }: { planId: number; body: AddImprovementActionBody }) => api<ImprovementPlan>(`/api/surveys/plans/${planId}/actions`, { method: 'POST', body }));
export const useCompleteMeasure = () =>
  useInvalidating(({ planId, actionId, body }: { planId: number; actionId: number; body: CompleteImprovementActionBody }) =>
    api<ImprovementPlan>(`/api/surveys/plans/${planId}/actions/${actionId}/done`, { method: 'POST', body }));

export const usePublicSurvey = (token: string) =>
  useQuery({ queryKey: ['public-survey', token], queryFn: () => api<PublicSurvey>(`/api/public/surveys/${encodeURIComponent(token)}`), retry: false, staleTime: Infinity });
export const useSubmitSurvey = (token: string) =>
  useMutation({ mutationFn: (body: SubmitSurveyBody) => api<SurveyReceipt>(`/api/public/surveys/${encodeURIComponent(token)}`, { method: 'POST', body }) });
