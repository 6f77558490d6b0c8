import { z } from 'zod';
import { isoDate, page, queryBool } from './common';
import { roleCode } from './roles';

export const BRANCH_LEVELS = ['head_office', 'branch', 'sub_branch', 'outlet'] as const;
export const branchLevel = z.enum(BRANCH_LEVELS);
export type BranchLevel = z.infer<typeof branchLevel>;
export const BRANCH_LEVEL_LABELS: Record<BranchLevel, { zh: string; en: string }> = {
  head_office: { zh: '总行', en: 'Head office' },
  branch: { zh: '分行', en: 'Branch' },
  sub_branch: { zh: '支行', en: 'Sub-branch' },
  outlet: { zh: '网点', en: 'Outlet' },
};

export const branch = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: branchLevel,
  parentId: z.number().int().nullable(),
  address: z.string(),
  phone: z.string(),
  isWealthCentre: z.boolean(),
  status: z.enum(['open', 'closed']),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  staffCount: z.number().int(),
});
export type Branch = z.infer<typeof branch>;

const branchCode = z.string().trim().regex(/^[A-Za-z0-9_-]{2,20}$/, 'code');
export const createBranchBody = z.strictObject({
  code: branchCode,
  name: z.string().trim().min(2).max(100),
  level: branchLevel,
  parentCode: z.string().trim().min(1).nullable(),
  address: z.string().trim().max(200).default(''),
  phone: z.string().trim().max(30).default(''),
  isWealthCentre: z.boolean().default(false),
  openedOn: isoDate.nullable().default(null),
});
export type CreateBranchBody = z.infer<typeof createBranchBody>;
export const updateBranchBody = z.strictObject({
  name: z.string().trim().min(2).max(100).optional(),
  address: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(30).optional(),
  isWealthCentre: z.boolean().optional(),
});
export const moveBranchBody = z.strictObject({ parentCode: z.string().trim().min(1) });
export const closeBranchBody = z.strictObject({ closedOn: isoDate, reason: z.string().trim().min(2).max(500) });

export const STAFF_STATUSES = ['active', 'on_leave', 'departed'] as const;
export const staffStatus = z.enum(STAFF_STATUSES);
export const STAFF_SEQUENCES = ['management', 'office', 'counter', 'rm'] as const;
export const staffSequence = z.enum(STAFF_SEQUENCES);
export const SEQUENCE_LABELS: Record<(typeof STAFF_SEQUENCES)[number], { zh: string; en: string }> = {
  management: { zh: '管理序列', en: 'Management' },
  office: { zh: '职员序列', en: 'Office staff' },
  counter: { zh: '柜员序列', en: 'Counter operators' },
  rm: { zh: '客户经理序列', en: 'Relationship managers' },
};
export const STATUS_LABELS: Record<(typeof STAFF_STATUSES)[number], { zh: string; en: string }> = {
  active: { zh: '在岗', en: 'Active' },
  on_leave: { zh: '休假', en: 'On leave' },
  departed: { zh: '离职', en: 'Departed' },
};

export const gradeLevel = z.object({
  id: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  rank: z.number().int(),
  steps: z.number().int(),
});
export type GradeLevel = z.infer<typeof gradeLevel>;
export const updateGradeLevelBody = z.strictObject({
  nameZh: z.string().trim().min(1).max(20).optional(),
  nameEn: z.string().trim().min(1).max(40).optional(),
  steps: z.number().int().min(1).max(20).optional(),
});

export const staffSummary = z.object({
  id: z.number().int(),
  staffNo: z.string(),
  name: z.string(),
  gender: z.enum(['M', 'F']),
  branchId: z.number().int(),
  branchCode: z.string(),
  branchName: z.string(),
  status: staffStatus,
  sequence: staffSequence,
  roles: z.array(roleCode),
  gradeCode: z.string().nullable(),
  gradeNameZh: z.string().nullable(),
  gradeNameEn: z.string().nullable(),
  gradeStep: z.number().int().nullable(),
  mobile: z.string(),
  hiredOn: z.string().nullable(),
});
export type StaffSummary = z.infer<typeof staffSummary>;

export const gradeChange = z.object({
  id: z.number().int(),
  gradeCode: z.string(),
  gradeNameZh: z.string(),
  gradeNameEn: z.string(),
  step: z.number().int(),
  effectiveOn: z.string(),
  reason: z.string(),
  approvedByName: z.string().nullable(),
  createdAt: z.string(),
});
export const certificate = z.object({
  id: z.number().int(),
  staffId: z.number().int(),
  staffNo: z.string().optional(),
  staffName: z.string().optional(),
  branchName: z.string().optional(),
  typeCode: z.string(),
  typeNameZh: z.string(),
  typeNameEn: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
});
export type Certificate = z.infer<typeof certificate>;
export const qualification = z.object({
  ethics: z.boolean(),
  knowledge: z.boolean(),
  experience: z.boolean(),
  health: z.boolean(),
  cleanRecord: z.boolean(),
  notes: z.string(),
  assessedOn: z.string(),
  assessedByName: z.string().nullable(),
});
export const staffDetail = staffSummary.extend({
  email: z.string(),
  gradeHistory: z.array(gradeChange),
  certificates: z.array(certificate),
  qualification: qualification.nullable(),
});
export type StaffDetail = z.infer<typeof staffDetail>;

export const staffQuery = page.extend({
  q: z.string().trim().max(50).optional(),
  branchId: z.coerce.number().int().positive().optional(),
  includeSubtree: queryBool.optional(),
  role: roleCode.optional(),
  grade: z.string().max(20).optional(),
  status: staffStatus.optional(),
});

const staffNo = z.string().trim().regex(/^[A-Za-z0-9]{3,20}$/, 'staffNo');
export const createStaffBody = z.strictObject({
  staffNo,
  name: z.string().trim().min(2).max(40),
  gender: z.enum(['M', 'F']),
  branchCode: z.string().trim().min(1),
  sequence: staffSequence,
  roles: z.array(roleCode).min(1),
  mobile: z.string().trim().default(''),
  email: z.string().trim().max(100).default(''),
  hiredOn: isoDate.nullable().default(null),
  gradeCode: z.string().nullable().default(null),
  gradeStep: z.number().int().min(1).nullable().default(null),
});
export type CreateStaffBody = z.infer<typeof createStaffBody>;
export const updateStaffBody = z.strictObject({
  name: z.string().trim().min(2).max(40).optional(),
  branchCode: z.string().trim().min(1).optional(),
  status: staffStatus.optional(),
  sequence: staffSequence.optional(),
  roles: z.array(roleCode).min(1).optional(),
  mobile: z.string().trim().optional(),
  email: z.string().trim().max(100).optional(),
});
export const changeGradeBody = z.strictObject({
  gradeCode: z.string().min(1),
  step: z.number().int().min(1),
  effectiveOn: isoDate,
  reason: z.string().trim().min(2).max(500),
});
export const addCertificateBody = z.strictObject({
  typeCode: z.string().min(1),
  number: z.string().trim().min(1).max(50),
  issuedOn: isoDate,
  expiresOn: isoDate.nullable(),
});
export const qualificationBody = z.strictObject({
  ethics: z.boolean(),
  knowledge: z.boolean(),
  experience: z.boolean(),
  health: z.boolean(),
  cleanRecord: z.boolean(),
  notes: z.string().max(1000).default(''),
  assessedOn: isoDate,
});
export const certificateType = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });
export const expiringQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(60) });

export const importKind = z.enum(['staff', 'branches']);
export type ImportKind = z.infer<typeof importKind>;
export const importRowError = z.object({
  row: z.number().int(),
  column: z.string(),
  zh: z.string(),
  en: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;
export const importResult = z.object({
  kind: importKind,
  fileName: z.string(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  committed: z.boolean(),
  errors: z.array(importRowError),
});
export type ImportResult = z.infer<typeof importResult>;

export const account = z.object({
  username: z.string(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type Account = z.infer<typeof account>;
export const openAccountBody = z.strictObject({ username: z.string().trim().regex(/^[a-z0-9._-]{3,64}$/, 'username') });
export const resetPasswordBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const disableAccountBody = z.strictObject({ disabled: z.boolean() });
export const temporaryPasswordResult = z.object({ username: z.string().optional(), temporaryPassword: z.string() });
