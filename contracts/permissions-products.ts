// The products module's permissions and their default grants; contracts/roles.ts merges every module's.
import type { ModuleGrants } from './permission-types';

export const PRODUCTS_PERMISSIONS = {
  'products.read': { zh: '查看产品目录', en: 'View the product catalogue', module: 'products' },
  'products.manage': { zh: '维护产品、适当性矩阵与配置模型', en: 'Manage products, the suitability matrix and model allocations', module: 'products' },
  'sales.record': { zh: '登记销售', en: 'Record sales', module: 'products' },
  'sales.override': { zh: '审批适当性例外（留痕）', en: 'Approve suitability exceptions (audited)', module: 'products' },
  'sales.report': { zh: '查看销售与交叉销售报表', en: 'View sales and cross-selling reports', module: 'products' },
} as const;

export const PRODUCTS_GRANTS: ModuleGrants<keyof typeof PRODUCTS_PERMISSIONS> = {
  wealth_rm: { 'products.read': 'bank', 'sales.record': 'own', 'sales.report': 'own' },
  marketing_rm: { 'products.read': 'bank', 'sales.record': 'own', 'sales.report': 'own' },
  lobby_manager: { 'products.read': 'bank' },
  cash_teller: { 'products.read': 'bank' },
  noncash_teller: { 'products.read': 'bank' },
  branch_head: { 'products.read': 'bank', 'sales.override': 'subtree', 'sales.report': 'subtree' },
  wealth_centre_head: { 'products.read': 'bank', 'sales.record': 'subtree', 'sales.override': 'subtree', 'sales.report': 'subtree' },
  hq_admin: { 'products.read': 'bank', 'products.manage': 'bank', 'sales.report': 'bank' },
  auditor: { 'products.read': 'bank', 'sales.report': 'bank' },
};
