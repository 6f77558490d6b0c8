// Export of a customer list to xlsx: the same filters as the list, the caller's export scope, masked
// as on screen (balances only where the exporter holds customers.reveal), capped, and audited.
import { PassThrough } from 'node:stream';
import { CUSTOMER_EXPORT_LIMIT, CUSTOMER_STATUS_LABELS, RISK_LEVEL_LABELS, type CustomerFilter, type CustomerListItem } from '../../../contracts/customers';
import { requireScope, scopeOf, type Principal } from '../../platform/access';
import { audit, type Actor } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import * as search from './customers-search.repository';
import { shanghaiToday } from './customers.rules';
import { listFilter, presentListItem } from './customers.service';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type CustomerExport = { buffer: Buffer; rows: number; truncated: boolean; fileName: string };

const COLUMNS = [
  { header: '客户号 Customer no.', key: 'customerNo', width: 16 },
  { header: '姓名 Name', key: 'name', width: 10 },
  { header: '性别 Gender', key: 'gender', width: 8 },
  { header: '手机 Mobile', key: 'mobile', width: 14 },
  { header: '客户等级 Tier', key: 'tier', width: 12 },
  { header: '网点 Branch', key: 'branch', width: 20 },
  { header: '专属客户经理 RM', key: 'rm', width: 12 },
  { header: 'AUM（元）', key: 'aum', width: 16 },
  { header: '风险等级 Risk', key: 'risk', width: 14 },
  { header: '评估日期 Assessed on', key: 'riskAssessedOn', width: 14 },
  { header: '评估过期 Expired', key: 'riskExpired', width: 10 },
  { header: '最近联系 Last contact', key: 'lastContactAt', width: 20 },
  { header: '状态 Status', key: 'status', width: 10 },
];

function cells(c: CustomerListItem): Record<string, string | number> {
  return {
    customerNo: c.customerNo,
    name: c.name,
    gender: c.gender === 'M' ? '男' : c.gender === 'F' ? '女' : '',
    mobile: c.mobile ?? '',
    tier: c.tierNameZh,
    branch: c.branchName,
    rm: c.rmName ?? '',
    // Kept as text: a yuan amount must not pass through a float on its way into the sheet.
    aum: c.aum ?? '***',
    risk: c.riskLevel ? `${c.riskLevel} ${RISK_LEVEL_LABELS[c.riskLevel].zh}` : '未评估',
    riskAssessedOn: c.riskAssessedOn ?? '',
    riskExpired: c.riskLevel ? (c.riskExpired ? '是' : '否') : '',
    lastContactAt: c.lastContactAt ? c.lastContactAt.slice(0, 19).replace('T', ' ') : '',
    status: CUSTOMER_STATUS_LABELS[c.status].zh,
  };
}

async function workbook(items: CustomerListItem[], truncated: boolean): Promise<Buffer> {
  // exceljs takes ~0.4 s to load: only when someone exports. The streaming writer keeps a
  // 100,000-row sheet from being held as a whole object graph in memory.
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('客户清单 Customers');
  ws.columns = COLUMNS;
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const c of items) ws.addRow(cells(c)).commit();
  if (truncated) ws.addRow({ customerNo: `仅导出前${CUSTOMER_EXPORT_LIMIT}条，请缩小筛选范围 Only the first ${CUSTOMER_EXPORT_LIMIT} rows: narrow the filter` }).commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

export async function exportCustomers(ctx: AppContext, actor: Actor, p: Principal, filter: CustomerFilter): Promise<CustomerExport> {
  const scope = requireScope(p, 'customers.export');
  const { rows, truncated } = await search.exportRows(ctx.db, scope, scopeOf(p, 'customers.reveal'), listFilter(filter), CUSTOMER_EXPORT_LIMIT);
  const today = shanghaiToday();
  const items = rows.map((r) => presentListItem(r, today));
  const buffer = await workbook(items, truncated);
  await audit(ctx.db, actor, {
    action: 'customer.export', entityType: 'customer',
    detail: { filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), rows: items.length, truncated, balancesShown: items.filter((i) => i.balancesVisible).length },
  });
  return { buffer, rows: items.length, truncated, fileName: `customers-${today.replaceAll('-', '')}.xlsx` };
}
