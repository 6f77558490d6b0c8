// Contracts of the customer-data import (存量数据导入): customers, holdings and daily balances from a
// bank's csv/xlsx export. Upload → suggested column mapping and a preview → run with the confirmed
// mapping → progress, counts and a per-row error report.
import { z } from 'zod';

type Label = { zh: string; en: string };

export const CUSTOMER_IMPORT_KINDS = ['customers', 'holdings', 'balances'] as const;
export const customerImportKind = z.enum(CUSTOMER_IMPORT_KINDS);
export type CustomerImportKind = z.infer<typeof customerImportKind>;
export const CUSTOMER_IMPORT_KIND_LABELS: Record<CustomerImportKind, Label> = {
  customers: { zh: '客户信息', en: 'Customers' },
  holdings: { zh: '账户持仓', en: 'Holdings' },
  balances: { zh: '日均资产（每日余额）', en: 'Daily balances' },
};

/** One of our fields a column of the bank's file can fill. */
export type ImportField = { key: string; zh: string; en: string; required: boolean };
const f = (key: string, zh: string, en: string, required = false): ImportField => ({ key, zh, en, required });

export const CUSTOMER_IMPORT_FIELDS: Record<CustomerImportKind, readonly ImportField[]> = {
  customers: [
    f('customerNo', '客户号', 'Customer number', true),
    f('name', '姓名', 'Name', true),
    f('residentId', '身份证号', 'Resident ID'),
    f('gender', '性别', 'Gender'),
    f('birthDate', '出生日期', 'Birth date'),
    f('mobile', '手机号', 'Mobile'),
    f('address', '地址', 'Address'),
    f('occupation', '职业', 'Occupation'),
    f('employer', '工作单位', 'Employer'),
    f('branchCode', '开户网点代码', 'Branch code', true),
    f('rmStaffNo', '客户经理工号', 'Wealth RM staff number'),
    f('marketingStaffNo', '营销客户经理工号', 'Marketing RM staff number'),
    f('status', '客户状态', 'Status'),
    f('onboardedOn', '开户日期', 'Onboarding date'),
    f('riskLevel', '风险等级', 'Risk level'),
  ],
  holdings: [
    f('customerNo', '客户号', 'Customer number', true),
    f('accountNo', '账号', 'Account number', true),
    f('category', '产品类别', 'Category', true),
    f('productCode', '产品代码', 'Product code'),
    f('productName', '产品名称', 'Product name'),
    f('cardNo', '卡号', 'Card number'),
    f('balance', '余额', 'Balance', true),
    f('openedOn', '开户日期', 'Opening date'),
    f('maturesOn', '到期日', 'Maturity date'),
    f('status', '账户状态', 'Status'),
  ],
  balances: [
    f('customerNo', '客户号', 'Customer number', true),
    f('day', '日期', 'Date', true),
    f('aum', '资产余额', 'AUM', true),
  ],
};

export const CUSTOMER_IMPORT_STATUSES = ['uploaded', 'running', 'committed', 'rejected', 'failed'] as const;
export const customerImportStatus = z.enum(CUSTOMER_IMPORT_STATUSES);
export type CustomerImportStatus = z.infer<typeof customerImportStatus>;
export const CUSTOMER_IMPORT_STATUS_LABELS: Record<CustomerImportStatus, Label> = {
  uploaded: { zh: '待确认映射', en: 'Waiting for the column mapping' },
  running: { zh: '导入中', en: 'Running' },
  committed: { zh: '已导入', en: 'Imported' },
  rejected: { zh: '有错误，未写入', en: 'Rejected: nothing written' },
  failed: { zh: '失败，未写入', en: 'Failed: nothing written' },
};
export const CUSTOMER_IMPORT_PHASES = ['load', 'validate', 'merge', 'rollup', 'done'] as const;
export const customerImportPhase = z.enum(CUSTOMER_IMPORT_PHASES);
export type CustomerImportPhase = z.infer<typeof customerImportPhase>;

export const customerImportMode = z.enum(['all', 'valid']);
export type CustomerImportMode = z.infer<typeof customerImportMode>;

export const customerImportUploadQuery = z.object({
  kind: customerImportKind,
  fileName: z.string().trim().min(1).max(200),
});

/** Our field → the file's column (as in `headers`). Which keys are allowed depends on the kind. */
export const customerImportMapping = z.record(z.string().min(1).max(40), z.string().min(1).max(200));
export type CustomerImportMapping = z.infer<typeof customerImportMapping>;

export const customerImportRunBody = z.strictObject({
  mapping: customerImportMapping,
  /** 'all': every row or nothing; 'valid': write the valid rows and report the others. */
  mode: customerImportMode.default('all'),
});
export type CustomerImportRunBody = z.infer<typeof customerImportRunBody>;

export const customerImportError = z.object({
  row: z.number().int(),
  /** The file's own column header, so the clerk finds the cell at once. */
  column: z.string(),
  field: z.string(),
  /** Personal data (name, resident ID, mobile, address) is masked. */
  value: z.string().nullable(),
  code: z.string(),
  zh: z.string(),
  en: z.string(),
});
export type CustomerImportError = z.infer<typeof customerImportError>;

export const customerImportSummary = z.object({
  id: z.number().int(),
  kind: customerImportKind,
  fileName: z.string(),
  fileFormat: z.enum(['csv', 'xlsx']),
  fileSize: z.number().int(),
  headers: z.array(z.string()),
  status: customerImportStatus,
  mode: customerImportMode.nullable(),
  mapping: customerImportMapping.nullable(),
  phase: customerImportPhase.nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  /** Rows with at least one problem; errorCount counts the problems. */
  errorRows: z.number().int(),
  errorCount: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failure: z.object({ code: z.string(), zh: z.string(), en: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type CustomerImportSummary = z.infer<typeof customerImportSummary>;

export const customerImportUploadResult = customerImportSummary.extend({
  suggestedMapping: customerImportMapping,
  /** The first rows of the file, cell texts in header order; personal data masked. */
  preview: z.array(z.array(z.string())),
  fields: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string(), required: z.boolean() })),
});
export type CustomerImportUploadResult = z.infer<typeof customerImportUploadResult>;

export const customerImportDetail = customerImportSummary.extend({
  /** The first problems (the full list is the errors.xlsx download). */
  errors: z.array(customerImportError),
});
export type CustomerImportDetail = z.infer<typeof customerImportDetail>;
