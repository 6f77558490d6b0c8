// Contracts of the privileges module (贵宾增值服务): catalogue, yearly quotas per tier, bookings and
// uses, reports. Money is a string of yuan ("1234.50"); dates are 'YYYY-MM-DD'.
import { z } from 'zod';
import { isoDate, page, paged } from './common';

/** A date that exists on the calendar (the plain pattern would let 2026-02-31 through). */
export const privilegeDate = isoDate.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'YYYY-MM-DD');

export const privilegeCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lowercase letters, digits and _');
export const PRIVILEGE_USE_STATUSES = ['booked', 'used', 'cancelled'] as const;
export const privilegeUseStatus = z.enum(PRIVILEGE_USE_STATUSES);
export type PrivilegeUseStatus = z.infer<typeof privilegeUseStatus>;

export const PRIVILEGE_STATUS_LABELS: Record<PrivilegeUseStatus, { zh: string; en: string }> = {
  booked: { zh: '已预约', en: 'Booked' },
  used: { zh: '已使用', en: 'Used' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** Yuan with at most two decimals, as typed by a clerk: "800", "800.5", "800.50". */
export const privilegeMoney = z.string().trim().regex(/^\d{1,15}(\.\d{1,2})?$/, 'money');

// ---- catalogue and quotas (privileges.manage) ---------------------------------------------------

export const privilegeQuota = z.object({ tierCode: z.string(), tierNameZh: z.string(), tierNameEn: z.string(), tierRank: z.number().int(), perYear: z.number().int() });
export type PrivilegeQuota = z.infer<typeof privilegeQuota>;

export const privilege = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  partner: z.string(),
  unitCost: z.string(),
  active: z.boolean(),
  quotas: z.array(privilegeQuota),
});
export type Privilege = z.infer<typeof privilege>;

export const privilegeCodeParam = z.object({ privilegeCode });

/** PUT /api/privileges/:privilegeCode creates the entry or replaces its fields. */
export const savePrivilegeBody = z.strictObject({
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(100),
  partner: z.string().trim().max(100).default(''),
  unitCost: privilegeMoney,
  active: z.boolean().default(true),
});
export type SavePrivilegeBody = z.infer<typeof savePrivilegeBody>;

/** The whole quota table of one service: a tier left out gets 0 (no entitlement). */
export const privilegeQuotasBody = z.strictObject({
  quotas: z
    .array(z.strictObject({ tierCode: z.string().trim().min(1).max(40), perYear: z.number().int().min(0).max(999) }))
    .max(50),
});
export type PrivilegeQuotasBody = z.infer<typeof privilegeQuotasBody>;

// ---- a customer's services (booking: privileges.book; reading: customers.read) --------------------

export const privilegeUse = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  privilegeCode: z.string(),
  privilegeNameZh: z.string(),
  privilegeNameEn: z.string(),
  status: privilegeUseStatus,
  serviceDate: z.string(),
  year: z.number().int(),
  /** The tier the customer held when it was recorded (for reports; quotas follow the current tier). */
  tierCode: z.string(),
  branchId: z.number().int(),
  recordedBy: z.number().int().nullable(),
  recordedByName: z.string().nullable(),
  cost: z.string(),
  note: z.string(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export type PrivilegeUse = z.infer<typeof privilegeUse>;

export const privilegeUseParams = z.object({ id: z.coerce.number().int().positive(), useId: z.coerce.number().int().positive() });

export const bookPrivilegeBody = z.strictObject({
  privilegeCode,
  serviceDate: privilegeDate,
  /** 'booked' reserves a future service; 'used' records one that took place (today or earlier). */
  status: z.enum(['booked', 'used']).default('booked'),
  note: z.string().trim().max(500).default(''),
});
export type BookPrivilegeBody = z.infer<typeof bookPrivilegeBody>;

/** Marks a booking as used; the actual date defaults to the booked one and must not be in the future. */
export const markPrivilegeUsedBody = z
  .strictObject({ serviceDate: privilegeDate.optional(), note: z.string().trim().max(500).optional() })
  .nullish();
export type MarkPrivilegeUsedBody = z.infer<typeof markPrivilegeUsedBody>;

/** The body may be left out altogether (a POST without content arrives as null). */
export const cancelPrivilegeUseBody = z.strictObject({ reason: z.string().trim().max(200).optional() }).nullish();
export type CancelPrivilegeUseBody = z.infer<typeof cancelPrivilegeUseBody>;

export const privilegeBookResult = z.object({ use: privilegeUse, quota: z.number().int(), remaining: z.number().int() });
export type PrivilegeBookResult = z.infer<typeof privilegeBookResult>;

export const customerPrivilegesQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const customerPrivilegeLine = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  partner: z.string(),
  unitCost: z.string(),
  active: z.boolean(),
  /** Yearly quota of the customer's current tier. */
  quota: z.number().int(),
  used: z.number().int(),
  booked: z.number().int(),
  /** quota − (used + booked) this year, never below 0 (a downgrade can leave nothing). */
  remaining: z.number().int(),
  uses: z.array(privilegeUse),
});
export type CustomerPrivilegeLine = z.infer<typeof customerPrivilegeLine>;

export const customerPrivileges = z.object({
  customer: z.object({
    id: z.number().int(),
    customerNo: z.string(),
    /** Masked (张*三). */
    name: z.string(),
    tierCode: z.string(),
    tierNameZh: z.string(),
    tierNameEn: z.string(),
  }),
  year: z.number().int(),
  items: z.array(customerPrivilegeLine),
});
export type CustomerPrivileges = z.infer<typeof customerPrivileges>;

// ---- reports (privileges.report) --------------------------------------------------------------------

export const PRIVILEGE_REPORT_GROUPS = ['service', 'branch', 'tier', 'month'] as const;
export const privilegeReportGroup = z.enum(PRIVILEGE_REPORT_GROUPS);
export type PrivilegeReportGroup = z.infer<typeof privilegeReportGroup>;

export const privilegeReportQuery = z.object({
  from: privilegeDate.optional(),
  to: privilegeDate.optional(),
  groupBy: privilegeReportGroup.default('service'),
});
export type PrivilegeReportQuery = z.infer<typeof privilegeReportQuery>;

const reportFigures = {
  /** Not cancelled: used + booked. */
  uses: z.number().int(),
  used: z.number().int(),
  booked: z.number().int(),
  cancelled: z.number().int(),
  usedCost: z.string(),
  bookedCost: z.string(),
  /** usedCost + bookedCost. */
  totalCost: z.string(),
};
export const privilegeReportRow = z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string(), ...reportFigures });
export type PrivilegeReportRow = z.infer<typeof privilegeReportRow>;
export const privilegeReport = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: privilegeReportGroup,
  rows: z.array(privilegeReportRow),
  total: z.object(reportFigures),
});
export type PrivilegeReport = z.infer<typeof privilegeReport>;

export const unusedPrivilegesQuery = page.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export type UnusedPrivilegesQuery = z.infer<typeof unusedPrivilegesQuery>;

export const unusedPrivilegeCustomer = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  /** Masked (张*三). */
  name: z.string(),
  tierCode: z.string(),
  tierNameZh: z.string(),
  tierNameEn: z.string(),
  branchId: z.number().int(),
  branchCode: z.string(),
  branchName: z.string(),
  rmStaffId: z.number().int().nullable(),
  rmName: z.string().nullable(),
  /** Services the tier entitles the customer to this year (sum of quotas), all unused. */
  entitlements: z.number().int(),
});
export type UnusedPrivilegeCustomer = z.infer<typeof unusedPrivilegeCustomer>;
export const unusedPrivileges = paged(unusedPrivilegeCustomer).extend({ year: z.number().int() });
export type UnusedPrivileges = z.infer<typeof unusedPrivileges>;
