// Data hooks of the customer archive. Every path of the customers and privileges APIs the pages
// use is here, so a change on the server is a change in one file.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddNeedBody, Customer360, CustomerListItem, CustomerListQuery, CustomerSearchHit, RevealBody, RevealResult, SearchKind, TemperamentCode,
  TemperamentGuide, TimelinePage, UpdateQuestionBody,
} from '@contracts/customers';
import type { BookPrivilegeBody, CustomerPrivileges, PrivilegeBookResult, PrivilegeUse } from '@contracts/privileges';
import type { StaffSummary } from '@contracts/org';
import type {
  CustomerImportDetail, CustomerImportKind, CustomerImportRunBody, CustomerImportSummary, CustomerImportUploadResult,
} from '@contracts/customer-import';
import { api, download, type Query } from '../../app/api';

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type CustomerFilters = Partial<Omit<CustomerListQuery, 'includeSubtree' | 'riskExpiring'>> & {
  includeSubtree?: boolean;
  riskExpiring?: boolean;
  page: number;
  pageSize: number;
};

const asQuery = (f: object): Query => {
  const q: Query = {};
  for (const [k, v] of Object.entries(f)) {
    // Booleans go as 'true' only: the contract's queryBool reads the string 'false' as false, but
    // leaving the filter out is what "off" means.
    if (v === true) q[k] = 'true';
    else if (v !== false && v !== undefined && v !== null && v !== '') q[k] = v as string | number;
  }
  return q;
};

// ---- search, list, export -----------------------------------------------------------------------

export const useCustomerSearch = (q: string) =>
  useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: ({ signal }) => api<{ kinds: SearchKind[]; items: CustomerSearchHit[] }>('/api/customers/search', { query: { q }, signal }),
    enabled: q.trim().length >= 2,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });

export const useCustomerList = (f: CustomerFilters) =>
  useQuery({
    queryKey: ['customers', 'list', f],
    queryFn: ({ signal }) => api<Paged<CustomerListItem> & { totalCapped?: boolean }>('/api/customers', { query: asQuery(f), signal }),
    placeholderData: keepPreviousData,
  });

export function exportCustomers(f: CustomerFilters): Promise<void> {
  const { page: _p, pageSize: _s, ...filter } = f;
  return download('/api/customers/export', asQuery(filter), 'customers.xlsx');
}

/** Wealth RMs for the RM filter, by name or staff number; needs org.staff.read. */
export const useRmOptions = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['staff', 'rm-options', q],
    queryFn: ({ signal }) =>
      api<Paged<StaffSummary>>('/api/staff', { query: { q: q || undefined, role: 'wealth_rm', status: 'active', pageSize: 30 }, signal }),
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

// ---- the 360 view ---------------------------------------------------------------------------------

export const customerKey = (id: number) => ['customers', 'detail', id] as const;
export const useCustomer = (id: number) =>
  useQuery({ queryKey: customerKey(id), queryFn: () => api<Customer360>(`/api/customers/${id}`), enabled: id > 0 });

export const timelineKey = (id: number) => ['customers', 'timeline', id] as const;
/** Older pages of the timeline after the first one that came with the 360 view. */
export const useTimeline = (id: number, first: TimelinePage | undefined) =>
  useInfiniteQuery({
    queryKey: timelineKey(id),
    queryFn: ({ pageParam }) => api<TimelinePage>(`/api/customers/${id}/timeline`, { query: { before: pageParam ?? undefined, limit: 30 } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    enabled: id > 0 && first !== undefined,
    // The first page came with the 360 view a moment ago.
    staleTime: 30_000,
    initialData: first ? { pages: [first], pageParams: [null] } : undefined,
  });

export const revealCustomer = (id: number, body: RevealBody) =>
  api<RevealResult>(`/api/customers/${id}/reveal`, { method: 'POST', body });

export const useTemperamentGuides = () =>
  useQuery({ queryKey: ['temperaments'], queryFn: () => api<TemperamentGuide[]>('/api/temperaments'), staleTime: 10 * 60_000 });

/** A write on one customer that refreshes the 360 view and its timeline afterwards. */
export function useCustomerWrite<TBody, TResult = unknown>(id: number, request: (body: TBody) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: customerKey(id) }),
        qc.invalidateQueries({ queryKey: timelineKey(id) }),
        qc.invalidateQueries({ queryKey: privilegesKey(id) }),
        qc.invalidateQueries({ queryKey: ['customers', 'list'] }),
      ]);
    },
  });
}

export const addNeed = (id: number, body: AddNeedBody) => api<{ id: number }>(`/api/customers/${id}/needs`, { method: 'POST', body });
export const setNeedMet = (id: number, needId: number, met: boolean) =>
  api(`/api/customers/${id}/needs/${needId}`, { method: 'PATCH', body: { met } });
export const addQuestion = (id: number, question: string) =>
  api<{ id: number }>(`/api/customers/${id}/questions`, { method: 'POST', body: { question } });
export const updateQuestion = (id: number, qid: number, body: UpdateQuestionBody) =>
  api(`/api/customers/${id}/questions/${qid}`, { method: 'PATCH', body });
export const setTemperament = (id: number, code: TemperamentCode | null) =>
  api(`/api/customers/${id}/temperament`, { method: 'PUT', body: { code } });

// ---- value-added services of one customer ----------------------------------------------------------

export const privilegesKey = (id: number) => ['customers', 'privileges', id] as const;
export const useCustomerPrivileges = (id: number) =>
  useQuery({ queryKey: privilegesKey(id), queryFn: () => api<CustomerPrivileges>(`/api/customers/${id}/privileges`), enabled: id > 0 });

export const bookPrivilege = (id: number, body: BookPrivilegeBody) =>
  api<PrivilegeBookResult>(`/api/customers/${id}/privileges`, { method: 'POST', body });
export const cancelPrivilegeUse = (id: number, useId: number, reason?: string) =>
  api<PrivilegeUse>(`/api/customers/${id}/privileges/${useId}/cancel`, { method: 'POST', body: reason ? { reason } : {} });
export const markPrivilegeUsed = (id: number, useId: number) =>
  api<PrivilegeUse>(`/api/customers/${id}/privileges/${useId}/use`, { method: 'POST', body: {} });

// ---- customer-data import (customers.import) --------------------------------------------------------

export const IMPORT_BASE = '/api/customer-imports';

export const uploadCustomerImport = (kind: CustomerImportKind, file: File) =>
  api<CustomerImportUploadResult>(IMPORT_BASE, { method: 'POST', query: { kind, fileName: file.name }, raw: file });

export const runCustomerImport = (id: number, body: CustomerImportRunBody) =>
  api<CustomerImportSummary>(`${IMPORT_BASE}/${id}/run`, { method: 'POST', body });

export const useCustomerImports = () =>
  useQuery({ queryKey: ['customer-imports', 'list'], queryFn: () => api<CustomerImportSummary[]>(IMPORT_BASE) });

/** Polled while the import runs. */
export const useCustomerImport = (id: number | null, poll: boolean) =>
  useQuery({
    queryKey: ['customer-imports', id],
    queryFn: () => api<CustomerImportDetail>(`${IMPORT_BASE}/${id}`),
    enabled: id !== null,
    refetchInterval: poll ? 1000 : false,
  });

export const downloadImportErrors = (id: number) => download(`${IMPORT_BASE}/${id}/errors.xlsx`, undefined, `import-${id}-errors.xlsx`);
