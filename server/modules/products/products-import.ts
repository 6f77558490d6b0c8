// Import of the catalogue from an xlsx file (head office's product list): every row checked on its
// own, every problem reported with its row and column; written only when the whole file is clean,
// keyed by product code, so importing the same file again changes nothing.
import {
  ASSET_CLASS_LABELS, PRODUCT_CATEGORY_LABELS, PRODUCT_STATUS_LABELS, productCode, saveProductBody, type ProductImportResult, type SaveProductBody,
} from '../../../contracts/products';
import { audit, type Actor } from '../../platform/audit';
import type { Principal } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, describeIssue } from '../../platform/errors';
import * as cat from './products-catalogue.repository';
import { productProblems } from './products.service';

type Cell = string | number | boolean | Date | null;

/** Header words → field; Chinese first, the field name itself also works. */
const COLUMNS: Record<string, keyof SaveProductBody | 'productCode'> = {
  产品代码: 'productCode', 产品名称: 'nameZh', 英文名称: 'nameEn', 产品类别: 'category', 风险等级: 'riskRating', 币种: 'currency', 起购金额: 'minAmount',
  '期限（月）': 'termMonths', 期限: 'termMonths', '预期收益率（%）': 'expectedYield', 预期收益率: 'expectedYield', 销售起始日: 'saleStart', 销售截止日: 'saleEnd',
  状态: 'status', 适用客户等级: 'tierCodes', 资产类别: 'assetClass', 发行机构: 'issuer', 产品说明: 'description',
};
export const IMPORT_HEADERS = ['产品代码', '产品名称', '英文名称', '产品类别', '风险等级', '币种', '起购金额', '期限（月）', '预期收益率（%）', '销售起始日', '销售截止日', '状态', '适用客户等级', '资产类别', '发行机构', '产品说明'];

function fieldOf(header: string): keyof SaveProductBody | 'productCode' | null {
  const h = header.trim();
  if (COLUMNS[h]) return COLUMNS[h];
  const direct = Object.values(COLUMNS).find((f) => f === h);
  return direct ?? null;
}

function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

/** Labels a clerk types ('理财产品', '在售') or the codes themselves. */
function fromLabel<T extends string>(labels: Record<T, { zh: string; en: string }>, text: string): string {
  const hit = (Object.keys(labels) as T[]).find((k) => labels[k].zh === text || labels[k].en.toLowerCase() === text.toLowerCase());
  return hit ?? text;
}

export type ImportRow = { row: number; values: Partial<Record<keyof SaveProductBody | 'productCode', Cell>> };

export async function readProductSheet(bytes: Buffer): Promise<ImportRow[]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badRequest('BAD_FILE', '无法读取文件：请上传 xlsx 格式的产品清单', 'The file cannot be read: upload the product list as an xlsx file');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('BAD_FILE', '文件中没有工作表', 'The file has no worksheet');
  const headers: (ReturnType<typeof fieldOf>)[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = fieldOf(cellText(cell.value as Cell));
  });
  if (!headers.includes('productCode')) throw badRequest('NO_CODE_COLUMN', '找不到“产品代码”列：请使用导入模板', 'No 产品代码 (product code) column: use the import template');
  const rows: ImportRow[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const values: ImportRow['values'] = {};
    r.eachCell({ includeEmpty: false }, (cell, col) => {
      const f = headers[col];
      let v = cell.value as unknown;
      if (v && typeof v === 'object' && !(v instanceof Date)) {
        const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
        v = o.richText ? o.richText.map((t) => t.text).join('') : (o.result ?? o.text ?? null);
      }
      if (f) values[f] = v as Cell;
    });
    if (Object.values(values).some((v) => cellText(v ?? null) !== '')) rows.push({ row: n, values });
  });
  return rows;
}

export type RowProblem = { row: number; column: string; zh: string; en: string };

/** Turns one row into a request body, or says what is wrong with it. */
export function parseRow(r: ImportRow): { code: string; body: SaveProductBody } | { problems: RowProblem[] } {
  const t = (k: keyof ImportRow['values']) => cellText(r.values[k] ?? null);
  const opt = (k: keyof ImportRow['values']) => (t(k) === '' ? null : t(k));
  const num = (k: keyof ImportRow['values']) => (t(k) === '' ? null : Number(t(k)));
  const candidate = {
    nameZh: t('nameZh'), nameEn: t('nameEn'), category: fromLabel(PRODUCT_CATEGORY_LABELS, t('category')), riskRating: t('riskRating').toUpperCase(),
    currency: t('currency') || 'CNY', minAmount: t('minAmount') || '0', termMonths: num('termMonths'), expectedYield: opt('expectedYield'),
    saleStart: opt('saleStart'), saleEnd: opt('saleEnd'), status: fromLabel(PRODUCT_STATUS_LABELS, t('status') || '在售'),
    tierCodes: t('tierCodes') ? t('tierCodes').split(/[,，、\s]+/).filter(Boolean) : [], assetClass: opt('assetClass') ? fromLabel(ASSET_CLASS_LABELS, t('assetClass')) : null,
    issuer: t('issuer'), description: t('description'),
  };
  const problems: RowProblem[] = [];
  const code = t('productCode').toUpperCase();
  if (!productCode.safeParse(code).success) problems.push({ row: r.row, column: 'productCode', zh: '「产品代码」应为 2–30 位大写字母、数字或连字符', en: '"Product code" must be 2–30 capital letters, digits or hyphens' });
  const parsed = saveProductBody.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const d = describeIssue({ ...issue, path: issue.path as PropertyKey[] } as Parameters<typeof describeIssue>[0]);
      problems.push({ row: r.row, column: d.path, zh: d.zh, en: d.en });
    }
  }
  if (problems.length > 0 || !parsed.success) return { problems };
  return { code, body: parsed.data };
}

export async function importProducts(ctx: AppContext, actor: Actor, p: Principal, fileName: string, bytes: Buffer): Promise<ProductImportResult> {
  if (bytes.length === 0) throw badRequest('EMPTY_FILE', '请选择要导入的文件', 'Choose a file to import');
  const rows = await readProductSheet(bytes);
  if (rows.length === 0) throw badRequest('NO_ROWS', '文件中没有产品数据', 'The file has no product rows');
  const problems: RowProblem[] = [];
  const ok: { row: number; code: string; body: SaveProductBody }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const res = parseRow(r);
    if ('problems' in res) {
      problems.push(...res.problems);
      continue;
    }
    const first = seen.get(res.code);
    if (first) problems.push({ row: r.row, column: 'productCode', zh: `产品代码 ${res.code} 与第 ${first} 行重复`, en: `Product code ${res.code} repeats row ${first}` });
    seen.set(res.code, r.row);
    for (const pr of await productProblems(ctx.db, res.body)) problems.push({ row: r.row, column: pr.path, zh: pr.zh, en: pr.en });
    ok.push({ row: r.row, ...res });
  }
  if (problems.length > 0) {
    const first = problems[0];
    throw new AppError(
      400, 'IMPORT_ROWS_INVALID',
      `文件中有 ${problems.length} 处错误，未导入任何产品。第 ${first.row} 行：${first.zh}`,
      `The file has ${problems.length} problem(s); nothing was imported. Row ${first.row}: ${first.en}`,
      problems.map((x) => ({ path: `${x.row}.${x.column}`, zh: `第 ${x.row} 行：${x.zh}`, en: `Row ${x.row}: ${x.en}` })),
    );
  }
  const counts = { created: 0, updated: 0, unchanged: 0 };
  await ctx.db.transaction().execute(async (trx) => {
    for (const r of ok) {
      const res = await cat.saveProduct(trx, r.code, r.body, p.staffId);
      if (res.created) counts.created++;
      else if (res.changed) counts.updated++;
      else counts.unchanged++;
    }
    await audit(trx, actor, { action: 'product.import', entityType: 'product', entityId: fileName, detail: { rows: ok.length, ...counts } });
  });
  return { rows: ok.length, ...counts, errors: [] };
}
