import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import type { Branch, Certificate, GradeLevel, ImportKind, ImportResult, StaffDetail, StaffSummary } from '@contracts/org';
import type { RoleCode } from '@contracts/roles';
import { api } from '../../app/api';

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type CertificateType = { code: string; nameZh: string; nameEn: string };

export type StaffFilters = {
  q?: string;
  branchId?: number;
  includeSubtree?: boolean;
  role?: RoleCode;
  grade?: string;
  status?: StaffSummary['status'];
  page: number;
  pageSize: number;
};

export const BRANCHES_KEY = ['branches'] as const;
export const GRADES_KEY = ['grades'] as const;

export const useBranches = () =>
  useQuery({ queryKey: BRANCHES_KEY, queryFn: () => api<Branch[]>('/api/branches'), staleTime: 5 * 60_000 });

export const useGrades = () =>
  useQuery({ queryKey: GRADES_KEY, queryFn: () => api<GradeLevel[]>('/api/grades'), staleTime: 10 * 60_000 });

export const useCertificateTypes = () =>
  useQuery({
    queryKey: ['certificate-types'],
    queryFn: () => api<CertificateType[]>('/api/certificate-types'),
    staleTime: 30 * 60_000,
  });

export const useStaffList = (f: StaffFilters) =>
  useQuery({
    queryKey: ['staff', 'list', f],
    queryFn: ({ signal }) => api<Paged<StaffSummary>>('/api/staff', { query: f, signal }),
    placeholderData: keepPreviousData,
  });

export const staffKey = (id: number) => ['staff', 'detail', id] as const;
export const useStaffDetail = (id: number) =>
  useQuery({ queryKey: staffKey(id), queryFn: () => api<StaffDetail>(`/api/staff/${id}`), enabled: id > 0 });

export const useExpiring = (days: number) =>
  useQuery({
    queryKey: ['certificates', 'expiring', days],
    queryFn: () => api<Certificate[]>('/api/certificates/expiring', { query: { days } }),
  });

/** A write that refreshes the lists it affects. */
export function useWrite<TBody, TResult = unknown>(
  request: (body: TBody) => Promise<TResult>,
  invalidate: readonly (readonly unknown[])[],
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => qc.invalidateQueries({ queryKey })));
    },
  });
}

export function uploadImport(kind: ImportKind, mode: 'all' | 'valid', file: File): Promise<ImportResult> {
  return api<ImportResult>(`/api/import/${kind}`, { method: 'POST', query: { mode, fileName: file.name }, raw: file });
}
