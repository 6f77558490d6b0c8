// Home reads other modules' public API endpoints directly (features never import each other).
import { useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@contracts/audit';
import type { Branch, Certificate, StaffSummary } from '@contracts/org';
import { api } from '../../app/api';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export const useBranchList = (enabled: boolean) =>
  useQuery({ queryKey: ['branches'], queryFn: () => api<Branch[]>('/api/branches'), enabled, staleTime: 5 * 60_000 });

export const useStaffTotal = (enabled: boolean) =>
  useQuery({
    queryKey: ['staff', 'list', { page: 1, pageSize: 1 }],
    queryFn: () => api<Paged<StaffSummary>>('/api/staff', { query: { page: 1, pageSize: 1 } }),
    enabled,
    select: (d) => d.total,
  });

export const useExpiringCount = (enabled: boolean) =>
  useQuery({
    queryKey: ['certificates', 'expiring', 60],
    queryFn: () => api<Certificate[]>('/api/certificates/expiring', { query: { days: 60 } }),
    enabled,
    select: (d) => d.length,
  });

export const useRecentAudit = (enabled: boolean) =>
  useQuery({
    queryKey: ['audit', 'recent'],
    queryFn: () => api<Paged<AuditEntry>>('/api/audit', { query: { page: 1, pageSize: 8 } }),
    enabled,
    select: (d) => d.items,
  });
