// The pure half of the customer-data import: which of the bank's columns feed which of our fields
// (suggested from Chinese/English synonyms, then confirmed by the user), turning a file row into
// staging values, and the words of every problem the set-based SQL checks report (by code).
import {
  CUSTOMER_IMPORT_FIELDS,
  type CustomerImportKind,
  type CustomerImportMapping,
  type ImportField,
} from '../../../contracts/customer-import';
import { HOLDING_CATEGORIES, HOLDING_CATEGORY_LABELS } from '../../../contracts/customers';
import { maskAddress, maskCard, maskMobile, maskName, maskResidentId, mobileProblem, residentIdCheckChar, residentIdProblem, type Problem } from '../../../contracts/personal-data';

export type Cell = string | number | boolean | Date | null;
export type FieldProblem = { path: string; zh: string; en: string };

// ---------------------------------------------------------------- synonyms and suggestion

const CUSTOMER_NO = ['客户号', '客户编号', '客户代码', '客户编码', '客户id', '核心客户号', 'cif号', 'cif', 'customerno', 'custno', 'customerid', 'clientno', 'custid'];

/** Header names banks use for each field; matched after norm(), exact first, then as a part. */
const SYNONYMS: Record<CustomerImportKind, Record<string, readonly string[]>> = {
  customers: {
    customerNo: CUSTOMER_NO,
    name: ['姓名', '客户姓名', '客户名称', '户名', '名称', 'name', 'customername', 'custname', 'fullname'],
    residentId: ['身份证号', '身份证号码', '证件号码', '证件号', '居民身份证号', '居民身份证号码', '身份证', '证件号码身份证', 'residentid', 'idno', 'idcard', 'idcardno', 'idnumber', 'certno', 'certificateno'],
    gender: ['性别', 'gender', 'sex'],
    birthDate: ['出生日期', '生日', '出生年月日', 'birthdate', 'dateofbirth', 'dob', 'birthday'],
    mobile: ['手机', '手机号', '手机号码', '移动电话', '联系手机', '手机号码联系', 'mobile', 'mobileno', 'mobilephone', 'cellphone', 'cell'],
    address: ['地址', '联系地址', '家庭住址', '家庭地址', '住址', '通讯地址', 'address', 'addr'],
    occupation: ['职业', 'occupation', 'job'],
    employer: ['工作单位', '单位', '单位名称', 'employer', 'company', 'workunit'],
    branchCode: ['开户网点', '开户网点代码', '开户机构', '开户机构号', '机构号', '机构代码', '机构编号', '网点号', '网点代码', '网点', '归属机构', '所属机构', '所属网点', 'branchcode', 'branch', 'branchno', 'orgcode', 'orgno'],
    rmStaffNo: ['客户经理工号', '客户经理', '客户经理编号', '理财经理工号', '理财经理', '理财客户经理工号', '理财客户经理', '管户经理工号', '管户经理', '管户客户经理', 'rmstaffno', 'rmno', 'rmid', 'rm', 'relationshipmanager', 'managerno'],
    marketingStaffNo: ['营销客户经理工号', '营销客户经理', '营销经理工号', '营销经理', '营销人员工号', '营销人员', 'marketingstaffno', 'marketingrm', 'marketingno'],
    status: ['客户状态', '状态', 'status', 'customerstatus'],
    onboardedOn: ['开户日期', '建档日期', '签约日期', '开户时间', '入行日期', 'onboardedon', 'opendate', 'openedon', 'onboarddate'],
    riskLevel: ['风险等级', '风险评级', '风险承受能力', '风险承受能力等级', '风险偏好', '风险类型', 'risklevel', 'riskrating', 'risk'],
  },
  holdings: {
    customerNo: CUSTOMER_NO,
    accountNo: ['账号', '帐号', '账户号', '帐户号', '账户', '账户号码', '账户编号', 'accountno', 'acctno', 'account', 'accountnumber'],
    category: ['产品类别', '产品类型', '类别', '业务类型', '资产类别', '业务品种', 'category', 'producttype', 'type'],
    productCode: ['产品代码', '产品编号', '产品编码', 'productcode', 'prodcode'],
    productName: ['产品名称', '产品', 'productname', 'product', 'prodname'],
    cardNo: ['卡号', '银行卡号', '借记卡号', 'cardno', 'card', 'cardnumber'],
    balance: ['余额', '账户余额', '金额', '持仓金额', '持有金额', '市值', '持仓市值', 'balance', 'amount', 'bal'],
    openedOn: ['开户日期', '起息日', '起息日期', '购买日期', '开立日期', 'openedon', 'opendate', 'startdate', 'valuedate'],
    maturesOn: ['到期日', '到期日期', '兑付日', 'maturesOn', 'maturitydate', 'maturity', 'enddate', 'duedate'],
    status: ['账户状态', '状态', 'status', 'accountstatus'],
  },
  balances: {
    customerNo: CUSTOMER_NO,
    day: ['日期', '数据日期', '余额日期', '统计日期', '业务日期', '会计日期', '时点', 'date', 'day', 'asof', 'asofdate', 'bizdate', 'datadate', 'balancedate'],
    aum: ['资产余额', '金融资产', '金融资产余额', '总资产', '资产', '日终余额', '时点余额', '余额', 'aum', 'balance', 'totalassets', 'assets'],
  },
};

/** Header matching ignores case, spacing, '_', '-', '*', ':' and "(notes)". */
export const norm = (s: string) => s.toLowerCase().replace(/[（(][^）)]*[）)]/g, '').replace(/[\s_\-*:：]/g, '');

const isCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/** Whether a synonym is distinctive enough to count when it is only part of a header. */
const partOk = (syn: string) => (isCjk(syn) ? syn.length >= 2 : syn.length >= 4);

export function fieldsOf(kind: CustomerImportKind): readonly ImportField[] {
  return CUSTOMER_IMPORT_FIELDS[kind];
}

/**
 * The file's header row made usable as mapping targets: blanks get a name ("列3"), repeats a
 * number ("备注 (2)"), so that every column has its own name.
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.trim() || `列${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/**
 * Our field → their column, from synonyms: exact matches first (a field's own Chinese or English
 * name counts too), then the longest synonym contained in a header. A column feeds one field.
 */
export function suggestMapping(kind: CustomerImportKind, headers: readonly string[]): CustomerImportMapping {
  const fields = fieldsOf(kind);
  const synonyms = new Map(fields.map((fd) => [fd.key, [...new Set([fd.key, fd.zh, fd.en, ...(SYNONYMS[kind][fd.key] ?? [])].map(norm))]]));
  const out: CustomerImportMapping = {};
  const used = new Set<string>();
  const normed = headers.map((h) => ({ h, n: norm(h) }));
  for (const fd of fields) {
    const hit = normed.find(({ h, n }) => !used.has(h) && synonyms.get(fd.key)!.includes(n));
    if (hit) {
      out[fd.key] = hit.h;
      used.add(hit.h);
    }
  }
  // Partial matches, best (longest synonym) first across all fields and headers.
  const candidates: { key: string; h: string; len: number }[] = [];
  for (const fd of fields) {
    if (out[fd.key]) continue;
    for (const { h, n } of normed) {
      if (used.has(h)) continue;
      const best = synonyms.get(fd.key)!.filter((s) => partOk(s) && n.includes(s)).reduce((m, s) => Math.max(m, s.length), 0);
      if (best > 0) candidates.push({ key: fd.key, h, len: best });
    }
  }
  candidates.sort((a, b) => b.len - a.len);
  for (const c of candidates) {
    if (out[c.key] || used.has(c.h)) continue;
    out[c.key] = c.h;
    used.add(c.h);
  }
  return out;
}

/** Problems of a mapping the user sends back: unknown fields, unknown columns, missing required fields. */
export function mappingProblems(kind: CustomerImportKind, headers: readonly string[], mapping: CustomerImportMapping): FieldProblem[] {
  const fields = fieldsOf(kind);
  const known = new Map(fields.map((fd) => [fd.key, fd]));
  const columns = new Set(headers);
  const problems: FieldProblem[] = [];
  const byColumn = new Map<string, string>();
  for (const [key, column] of Object.entries(mapping)) {
    const path = `mapping.${key}`;
    const fd = known.get(key);
    if (!fd) {
      problems.push({ path, zh: `未知字段「${key}」，可用字段：${fields.map((x) => x.key).join('、')}`, en: `Unknown field "${key}": use ${fields.map((x) => x.key).join(', ')}` });
      continue;
    }
    if (!columns.has(column)) {
      problems.push({ path, zh: `文件中没有列「${column}」`, en: `The file has no column "${column}"` });
      continue;
    }
    const other = byColumn.get(column);
    if (other) {
      problems.push({ path, zh: `列「${column}」已对应「${known.get(other)!.zh}」，一列只能对应一个字段`, en: `Column "${column}" already feeds "${known.get(other)!.en}": a column feeds one field` });
      continue;
    }
    byColumn.set(column, key);
  }
  for (const fd of fields) {
    if (fd.required && !mapping[fd.key]) {
      problems.push({ path: `mapping.${fd.key}`, zh: `必填字段「${fd.zh}」未对应文件中的列`, en: `The required field "${fd.en}" is not mapped to a column` });
    }
  }
  return problems;
}

// ---------------------------------------------------------------- rows → staging values

/** Our field key → its staging (and mostly its table) column. */
export const stageColumn = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const DATE_FIELDS = new Set(['birthDate', 'onboardedOn', 'openedOn', 'maturesOn', 'day']);
const pad2 = (n: string) => (n.length === 1 ? `0${n}` : n);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A date cell as 'YYYY-MM-DD' when it has a recognisable shape (Excel date or serial number,
 * 2024-3-1, 2024/03/01, 2024.3.1, 2024年3月1日, 20240301, optionally followed by a time); anything
 * else comes back as typed, for the SQL check to report. Whether the day exists is SQL's business.
 */
export function dateText(c: Cell): string {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : isoOf(c);
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 19000101 && c <= 21001231) return `${Math.floor(c / 10000)}-${pad2(String(Math.floor(c / 100) % 100))}-${pad2(String(c % 100))}`;
    if (c > 0 && c < 73051) return isoOf(new Date(Date.UTC(1899, 11, 30) + Math.floor(c) * 86_400_000));
    return String(c);
  }
  const s = c === null ? '' : String(c).trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const m = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/) ?? s.match(/^(\d{4})(\d{2})(\d{2})$/);
  return m ? `${m[1]}-${pad2(m[2])}-${pad2(m[3])}` : s;
}

export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return isoOf(c);
  return String(c).trim();
}

export type RowEncoder = {
  /** Staging columns filled, in the order encode() returns their values. */
  columns: string[];
  /** The file column (0-based) each of them comes from. */
  positions: number[];
  /** Whether each of them is a date (normalised to 'YYYY-MM-DD' where it can be). */
  dates: boolean[];
  /** Null for a blank cell. */
  encode(cells: readonly Cell[]): (string | null)[];
};

/** Picks and normalises the mapped cells of a file row, in staging-column order. */
export function rowEncoder(kind: CustomerImportKind, headers: readonly string[], mapping: CustomerImportMapping): RowEncoder {
  const index = new Map(headers.map((h, i) => [h, i]));
  const picks = fieldsOf(kind)
    .filter((fd) => mapping[fd.key] !== undefined && index.has(mapping[fd.key]))
    .map((fd) => ({ column: stageColumn(fd.key), at: index.get(mapping[fd.key])!, date: DATE_FIELDS.has(fd.key) }));
  return {
    columns: picks.map((p) => p.column),
    positions: picks.map((p) => p.at),
    dates: picks.map((p) => p.date),
    encode(cells) {
      const out: (string | null)[] = new Array(picks.length);
      for (let i = 0; i < picks.length; i++) {
        const p = picks[i];
        const c = cells[p.at];
        let v: string;
        if (typeof c === 'string') v = p.date ? dateText(c) : c.trim();
        else if (c === null || c === undefined) v = '';
        else v = p.date ? dateText(c) : cellText(c);
        out[i] = v === '' ? null : v;
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------- problems, in words

const PERSONAL: Record<string, (v: string) => string> = {
  name: maskName,
  residentId: maskResidentId,
  mobile: maskMobile,
  address: maskAddress,
  cardNo: maskCard,
  accountNo: maskCard,
};

/** What a report or preview may show of a value: personal data masked. */
export function shownValue(field: string | undefined, value: string | null): string | null {
  if (value === null || !field) return value;
  const mask = PERSONAL[field];
  return mask ? mask(value) : value;
}

// The resident-ID texts come from the validator itself, so the SQL twin speaks with the same words.
const ridText = (example: string): Problem => residentIdProblem(example, new Date(Date.UTC(2026, 0, 1)))!;
const RID_PROBLEMS: Record<string, Problem> = {
  rid_format: ridText('1'),
  rid_birth_date: ridText('110105199902300011'),
  rid_checksum: ridText(`11010519491231002${residentIdCheckChar('11010519491231002') === '0' ? '1' : '0'}`),
};
const MOBILE_PROBLEM = mobileProblem('0')!;

const q = (v: string | null) => (v === null ? '' : `「${v}」`);
const qe = (v: string | null) => (v === null ? '' : ` "${v}"`);

/**
 * A reason in both languages for one problem code of the SQL checks. `value` is what the report
 * shows (masked where personal); `detail` is the code's extra fact (the first row of a duplicate,
 * the customer number that already holds an ID, a length).
 */
export function describeProblem(kind: CustomerImportKind, field: string, code: string, value: string | null, detail: string | null): Problem {
  const fd = fieldsOf(kind).find((x) => x.key === field);
  const l = { zh: fd?.zh ?? field, en: fd?.en ?? field };
  switch (code) {
    case 'required':
      return { zh: `${l.zh}不能为空`, en: `${l.en} is required` };
    case 'too_long':
      return { zh: `${l.zh}不能超过${detail}个字符`, en: `${l.en} may have at most ${detail} characters` };
    case 'format':
      return FORMAT[field] ?? { zh: `${l.zh}${q(value)}格式不正确`, en: `${l.en}${qe(value)} is not in the right format` };
    case 'rid_format':
    case 'rid_birth_date':
    case 'rid_checksum':
      return RID_PROBLEMS[code];
    case 'mobile':
      return { zh: `${MOBILE_PROBLEM.zh}：${q(value)}`, en: `${MOBILE_PROBLEM.en}:${qe(value)}` };
    case 'date':
      return { zh: `${l.zh}${q(value)}不是有效日期，请使用 YYYY-MM-DD`, en: `${l.en}${qe(value)} is not a valid date: use YYYY-MM-DD` };
    case 'future_date':
      return { zh: `${l.zh}不能晚于今天`, en: `${l.en} cannot be later than today` };
    case 'before_opening':
      return { zh: '到期日不能早于开户日期', en: 'The maturity date cannot be before the opening date' };
    case 'money':
      return { zh: `${l.zh}${q(value)}应为不小于0、最多两位小数的金额`, en: `${l.en}${qe(value)} must be an amount of at least 0 with at most two decimals` };
    case 'duplicate':
      return { zh: `${l.zh}${q(value)}与第${detail}行重复`, en: `${l.en}${qe(value)} repeats row ${detail}` };
    case 'enum':
      return { zh: `${l.zh}${q(value)}无效，可填：${ENUM_HELP[field]?.zh ?? ''}`, en: `${l.en}${qe(value)} is not valid: use ${ENUM_HELP[field]?.en ?? ''}` };
    case 'unknown_branch':
      return { zh: `机构代码${q(value)}不存在`, en: `Branch code${qe(value)} does not exist` };
    case 'branch_closed':
      return { zh: `机构${q(value)}已撤销`, en: `Branch${qe(value)} is closed` };
    case 'out_of_scope':
      return { zh: '该客户所属机构不在您的数据权限范围内', en: "The customer's branch is outside your data scope" };
    case 'unknown_staff':
      return { zh: `工号${q(value)}不存在`, en: `Staff number${qe(value)} does not exist` };
    case 'staff_inactive':
      return { zh: `员工${q(value)}不在岗（休假或已离职）`, en: `Staff member${qe(value)} is not active (on leave or departed)` };
    case 'not_wealth_rm':
      return { zh: `员工${q(value)}不是理财客户经理`, en: `Staff member${qe(value)} is not a wealth RM` };
    case 'not_marketing_rm':
      return { zh: `员工${q(value)}不是营销客户经理`, en: `Staff member${qe(value)} is not a marketing RM` };
    case 'unknown_customer':
      return { zh: `客户号${q(value)}不存在，请先导入客户信息`, en: `Customer number${qe(value)} does not exist: import the customers first` };
    case 'rid_taken':
      return { zh: `该身份证号已属于另一客户（客户号 ${detail}）`, en: `This resident ID already belongs to another customer (${detail})` };
    case 'account_taken':
      return { zh: `该账号已属于另一客户（客户号 ${detail}）`, en: `This account already belongs to another customer (${detail})` };
    default:
      return { zh: `${l.zh}${q(value)}无效`, en: `${l.en}${qe(value)} is not valid` };
  }
}

const FORMAT: Record<string, Problem> = {
  customerNo: { zh: '客户号应为1至40位字母、数字、下划线或连字符', en: 'A customer number has 1 to 40 letters, digits, _ or -' },
  accountNo: { zh: '账号应为4至40位字母、数字或连字符', en: 'An account number has 4 to 40 letters, digits or -' },
  cardNo: { zh: '卡号应为12至19位数字', en: 'A card number has 12 to 19 digits' },
  productCode: { zh: '产品代码应为1至40位字母、数字、下划线或连字符', en: 'A product code has 1 to 40 letters, digits, _ or -' },
};

const ENUM_HELP: Record<string, Problem> = {
  gender: { zh: '男、女', en: 'M, F' },
  status: { zh: '正常、休眠、销户（账户：正常、销户）', en: 'active, dormant, closed (accounts: active, closed)' },
  riskLevel: { zh: 'C1至C5（保守型、稳健型、平衡型、成长型、进取型）', en: 'C1 to C5' },
  category: { zh: HOLDING_CATEGORIES.map((c) => HOLDING_CATEGORY_LABELS[c].zh).join('、'), en: HOLDING_CATEGORIES.join(', ') },
};

/** The words a bank's file may use for a coded value, in lower case, for the SQL lookup. */
export type EnumWords = { word: string; code: string }[];

function words(table: Record<string, readonly string[]>): EnumWords {
  const out = new Map<string, string>();
  // The SQL side compares lower(value): both the plain lower-case word and its norm() are listed.
  for (const [code, ws] of Object.entries(table)) for (const w of [code, ...ws]) for (const v of [norm(w), w.trim().toLowerCase()]) out.set(v, code);
  return [...out].map(([word, code]) => ({ word, code }));
}

const CATEGORY_EXTRA: Record<string, string[]> = {
  demand: ['活期', '活期储蓄', '储蓄存款', 'current', 'savings'],
  time_deposit: ['定期', '定期储蓄', '整存整取', '大额存单', 'timedeposit', 'fixeddeposit', 'cd'],
  wealth: ['理财', '银行理财', '理财产品', 'wealthproduct'],
  fund: ['基金', '公募基金', '代销基金', 'mutualfund'],
  insurance: ['保险', '代理保险', '代销保险'],
  precious_metal: ['贵金属', '黄金', '实物黄金', 'gold', 'preciousmetals'],
  loan: ['贷款', '个人贷款', '按揭', '房贷', 'mortgage'],
  credit_card: ['信用卡', '贷记卡', 'creditcard'],
};

export const ENUM_WORDS: Record<string, EnumWords> = {
  gender: words({ M: ['男', 'male', '1'], F: ['女', 'female', '2'] }),
  customerStatus: words({ active: ['正常', '活跃', '有效', '启用'], dormant: ['休眠', '睡眠', '睡眠户', '不动户', '久悬'], closed: ['销户', '已销户', '注销', '关闭'] }),
  holdingStatus: words({ active: ['正常', '有效', '持有', '持有中', '启用'], closed: ['销户', '已销户', '结清', '已结清', '注销', '已到期', '关闭'] }),
  riskLevel: words({ C1: ['保守型', '谨慎型', '1'], C2: ['稳健型', '2'], C3: ['平衡型', '3'], C4: ['成长型', '4'], C5: ['进取型', '激进型', '5'] }),
  category: words(Object.fromEntries(HOLDING_CATEGORIES.map((c) => [c, [HOLDING_CATEGORY_LABELS[c].zh, HOLDING_CATEGORY_LABELS[c].en, ...(CATEGORY_EXTRA[c] ?? [])]]))),
};
