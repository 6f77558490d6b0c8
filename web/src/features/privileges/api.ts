import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Privilege, PrivilegeQuotasBody, PrivilegeReport, PrivilegeReportGroup, SavePrivilegeBody, UnusedPrivileges,
} from '@contracts/privileges';
import { api } from '../../app/api';

const CATALOGUE_KEY = ['privileges', 'catalogue'] as const;

export const useCatalogue = (enabled: boolean) =>
  useQuery({ queryKey: CATALOGUE_KEY, queryFn: () => api<Privilege[]>('/api/privileges'), enabled });

export type ReportFilter = { from?: string; to?: string; groupBy: PrivilegeReportGroup };
export const useReport = (f: ReportFilter, enabled: boolean) =>
  useQuery({
    queryKey: ['privileges', 'report', f],
    queryFn: ({ signal }) => api<PrivilegeReport>('/api/privileges/report', { query: f, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });

export const useUnused = (f: { year?: number; page: number; pageSize: number }, enabled: boolean) =>
  useQuery({
    queryKey: ['privileges', 'unused', f],
    queryFn: ({ signal }) => api<UnusedPrivileges>('/api/privileges/unused', { query: f, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });

/** Saves a service's fields, then its whole quota table. */
export function useSavePrivilege() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ code, fields, quotas }: { code: string; fields: SavePrivilegeBody; quotas: PrivilegeQuotasBody['quotas'] }) => {
      await api<Privilege>(`/api/privileges/${code}`, { method: 'PUT', body: fields });
      return api<Privilege>(`/api/privileges/${code}/quotas`, { method: 'PUT', body: { quotas } });
    },
    onSettled: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: CATALOGUE_KEY }), qc.invalidateQueries({ queryKey: ['customers', 'privileges'] })]);
    },
  });
}
