// Import rows checked against the rules: required fields, formats, codes that exist, the grade
// ladder, duplicates, and the branch tree (parents, level order, loops). Pure: the service passes in
// what it read from the database, and gets back the valid rows and a per-row error report.
import { BRANCH_LEVEL_LABELS, BRANCH_LEVELS, SEQUENCE_LABELS, STAFF_SEQUENCES, STAFF_STATUSES, STATUS_LABELS, type BranchLevel, type ImportRowError } from '../../../contracts/org';
import { mobileProblem } from '../../../contracts/personal-data';
import { ROLE_CODES, ROLE_LABELS, type RoleCode } from '../../../contracts/roles';
import { BRANCH_FIELDS, STAFF_FIELDS, cellText as text, isBlank, norm, parseDate, type BranchField, type Cell, type Field, type Sheet, type StaffField } from './org-import.file';
import { canBeParent } from './org.rules';

export { BRANCH_FIELDS, ImportFileError, STAFF_FIELDS, parseDate, readSheet, templateWorkbook } from './org-import.file';
export type { BranchField, Cell, Sheet, SheetRow, StaffField } from './org-import.file';

/** Maps header text to fields; Chinese or English, case and spacing ignored, "(说明)" ignored. */
function mapColumns(headers: string[], fields: readonly Field[], errors: ImportRowError[]): Map<string, number> {
  const lookup = new Map<string, string>();
  for (const fd of fields) for (const a of [fd.zh, fd.en, fd.key, ...fd.aliases]) lookup.set(norm(a), fd.key);
  const out = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = lookup.get(norm(h)) ?? h.split(/[\s/]+/).map((part) => lookup.get(norm(part))).find(Boolean);
    if (!key) return;
    if (out.has(key)) {
      errors.push({ row: 1, column: h, zh: `列「${h}」与第${out.get(key)! + 1}列重复`, en: `Column "${h}" repeats column ${out.get(key)! + 1}` });
    } else out.set(key, i);
  });
  for (const fd of fields) {
    if (fd.required && !out.has(fd.key)) {
      errors.push({ row: 1, column: fd.zh, zh: `缺少必填列「${fd.zh}」`, en: `The required column "${fd.zh}" (${fd.en}) is missing` });
    }
  }
  return out;
}

function lookupIn<T extends string>(value: string, table: Record<string, T>): T | null {
  return table[norm(value)] ?? null;
}
function tableOf<T extends string>(entries: [string[], T][]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [names, v] of entries) for (const n of names) out[norm(n)] = v;
  return out;
}

const LEVELS = tableOf(BRANCH_LEVELS.map((l) => [[l, BRANCH_LEVEL_LABELS[l].zh, BRANCH_LEVEL_LABELS[l].en], l]));
Object.assign(LEVELS, tableOf<BranchLevel>([[['分理处', '营业所', '营业网点'], 'outlet'], [['一级分行'], 'branch']]));
const YES_NO = tableOf<'y' | 'n'>([[['是', 'y', 'yes', 'true', '1', '√', 'ok'], 'y'], [['否', 'n', 'no', 'false', '0', '×', ''], 'n']]);
const GENDERS = tableOf<'M' | 'F'>([[['男', 'm', 'male'], 'M'], [['女', 'f', 'female'], 'F']]);
const SEQUENCES = tableOf(
  STAFF_SEQUENCES.map((s) => [[s, SEQUENCE_LABELS[s].zh, SEQUENCE_LABELS[s].zh.replace(/序列$/, ''), SEQUENCE_LABELS[s].en], s]),
);
const STATUSES = tableOf(STAFF_STATUSES.map((s) => [[s, STATUS_LABELS[s].zh, STATUS_LABELS[s].en], s]));
Object.assign(STATUSES, tableOf<(typeof STAFF_STATUSES)[number]>([[['在职'], 'active'], [['请假', '休假中'], 'on_leave'], [['已离职'], 'departed']]));
const ROLES = tableOf(ROLE_CODES.map((r) => [[r, ROLE_LABELS[r].zh, ROLE_LABELS[r].en], r]));

const STAFF_NO = /^[A-Za-z0-9]{3,20}$/;
const BRANCH_CODE = /^[A-Za-z0-9_-]{2,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ---------------------------------------------------------------- validation

export type ExistingBranch = { code: string; level: BranchLevel; parentCode: string | null; status: 'open' | 'closed' };
export type GradeRef = { code: string; nameZh: string; nameEn: string; steps: number };
export type ValidationContext = { branches: ExistingBranch[]; grades: GradeRef[]; today: string };

export type BranchImportRow = {
  row: number;
  code: string;
  name: string;
  level: BranchLevel;
  parentCode: string | null;
  address: string;
  phone: string;
  isWealthCentre: boolean;
  openedOn: string | null;
};
export type StaffImportRow = {
  row: number;
  staffNo: string;
  name: string;
  gender: 'M' | 'F';
  branchCode: string;
  sequence: (typeof STAFF_SEQUENCES)[number];
  roles: RoleCode[];
  mobile: string;
  email: string;
  hiredOn: string | null;
  gradeCode: string | null;
  gradeStep: number | null;
  status: (typeof STAFF_STATUSES)[number];
};
export type Validated<R, F extends string> = {
  totalRows: number;
  rows: R[];
  errors: ImportRowError[];
  /** Optional columns that are in the file: only those overwrite stored values. */
  columns: Set<F>;
};

type RowReader<F extends string> = {
  value(key: F): Cell;
  text(key: F): string;
  fail(key: F, zh: string, en: string): void;
  ok(): boolean;
};

function validateSheet<R, F extends string>(
  sheet: Sheet,
  fields: readonly Field[],
  rowFn: (r: RowReader<F>, row: number) => R | null,
): Validated<R, F> & { label: (key: F) => string } {
  const errors: ImportRowError[] = [];
  const cols = mapColumns(sheet.headers, fields, errors);
  const columns = new Set([...cols.keys()] as F[]);
  // Errors name the column as the file's own header says it, so the clerk finds it at once.
  const label = (key: F) => sheet.headers[cols.get(key) ?? -1] || (fields.find((fd) => fd.key === key)?.zh ?? key);
  if (sheet.rows.length === 0) errors.push({ row: 1, column: '', zh: '文件中没有数据行', en: 'The file has no data rows' });
  if (errors.length > 0) return { totalRows: sheet.rows.length, rows: [], errors, columns, label };
  const rows: R[] = [];
  for (const sr of sheet.rows) {
    let failed = false;
    const value = (key: F): Cell => (cols.has(key) ? (sr.cells[cols.get(key)!] ?? null) : null);
    const reader: RowReader<F> = {
      value,
      text: (key) => text(value(key)),
      fail: (key, zh, en) => {
        failed = true;
        errors.push({ row: sr.row, column: label(key), zh, en });
      },
      ok: () => !failed,
    };
    const out = rowFn(reader, sr.row);
    if (out && !failed) rows.push(out);
  }
  return { totalRows: sheet.rows.length, rows, errors, columns, label };
}

function requireText<F extends string>(r: RowReader<F>, key: F, zh: string, en: string): string {
  const v = r.text(key);
  if (!v) r.fail(key, `${zh}不能为空`, `${en} is required`);
  return v;
}

function optionalDate<F extends string>(r: RowReader<F>, key: F, zh: string, en: string, today: string): string | null {
  const c = r.value(key);
  if (isBlank(c)) return null;
  const d = parseDate(c);
  if (!d) r.fail(key, `${zh}「${text(c)}」不是有效日期，请使用 YYYY-MM-DD`, `${en} "${text(c)}" is not a valid date: use YYYY-MM-DD`);
  else if (d > today) r.fail(key, `${zh}不能晚于今天`, `${en} cannot be later than today`);
  return d;
}

function duplicateKeys<R extends { row: number }>(rows: R[], key: (r: R) => string, column: string, errors: ImportRowError[]): R[] {
  const first = new Map<string, number>();
  return rows.filter((r) => {
    const k = key(r).toUpperCase();
    const seen = first.get(k);
    if (seen === undefined) {
      first.set(k, r.row);
      return true;
    }
    errors.push({ row: r.row, column, zh: `「${key(r)}」与第${seen}行重复`, en: `"${key(r)}" repeats row ${seen}` });
    return false;
  });
}

export function validateBranchSheet(sheet: Sheet, ctx: ValidationContext): Validated<BranchImportRow, BranchField> {
  // Codes match case-insensitively; a code already in the system keeps its stored spelling.
  const spelling = new Map(ctx.branches.map((b) => [b.code.toUpperCase(), b.code]));
  const canonical = (c: string) => spelling.get(c.toUpperCase()) ?? c;
  // Every code in the file, valid row or not, so a child can point at its parent's broken row.
  const codeRows = new Map<string, number>();
  const v = validateSheet<BranchImportRow, BranchField>(sheet, BRANCH_FIELDS, (r, row) => {
    const code = canonical(requireText(r, 'code', '机构代码', 'The branch code'));
    if (code && !codeRows.has(code.toUpperCase())) codeRows.set(code.toUpperCase(), row);
    if (code && !BRANCH_CODE.test(code)) r.fail('code', '机构代码应为2至20位字母、数字、下划线或连字符', 'A branch code has 2 to 20 letters, digits, _ or -');
    const name = requireText(r, 'name', '机构名称', 'The branch name');
    if (name && (name.length < 2 || name.length > 100)) r.fail('name', '机构名称应为2至100个字', 'A branch name has 2 to 100 characters');
    const levelText = requireText(r, 'level', '层级', 'The level');
    const level = levelText ? lookupIn(levelText, LEVELS) : null;
    if (levelText && !level) r.fail('level', `未知层级「${levelText}」，应为总行、分行、支行或网点`, `Unknown level "${levelText}": use head_office, branch, sub_branch or outlet`);
    const parentCode = canonical(r.text('parentCode')) || null;
    const wc = r.value('isWealthCentre');
    const wcFlag = typeof wc === 'boolean' ? (wc ? 'y' : 'n') : lookupIn(text(wc), YES_NO);
    if (!wcFlag) r.fail('isWealthCentre', `理财中心应填“是”或“否”，而不是「${text(wc)}」`, `Wealth centre must be yes or no, not "${text(wc)}"`);
    const address = r.text('address');
    if (address.length > 200) r.fail('address', '地址不能超过200个字', 'An address has at most 200 characters');
    const phone = r.text('phone');
    if (phone.length > 30) r.fail('phone', '电话不能超过30个字符', 'A phone number has at most 30 characters');
    const openedOn = optionalDate(r, 'openedOn', '开业日期', 'The opening date', ctx.today);
    if (!r.ok() || !level) return null;
    return { row, code, name, level, parentCode, address, phone, isWealthCentre: wcFlag === 'y', openedOn };
  });
  checkBranchTree(v, ctx, codeRows);
  return { totalRows: v.totalRows, rows: v.rows, errors: v.errors, columns: v.columns };
}

/** Parent rules across rows: parents exist (in the database or the file), level order, one head office, no loops. */
function checkBranchTree(
  v: Validated<BranchImportRow, BranchField> & { label: (k: BranchField) => string },
  ctx: ValidationContext,
  codeRows: Map<string, number>,
): void {
  const errors = v.errors;
  const [parentCol, levelCol] = [v.label('parentCode'), v.label('level')];
  const db = new Map(ctx.branches.map((b) => [b.code.toUpperCase(), b]));
  const allRows = duplicateKeys(v.rows, (r) => r.code, v.label('code'), errors);
  const inFile = new Set(v.rows.map((r) => r.code.toUpperCase()));
  const lbl = (l: BranchLevel) => BRANCH_LEVEL_LABELS[l];
  const valid = new Map(allRows.map((r) => [r.code.toUpperCase(), r]));
  const fail = (r: BranchImportRow, column: string, zh: string, en: string) => {
    errors.push({ row: r.row, column, zh, en });
    valid.delete(r.code.toUpperCase());
  };
  const dbHeadOffice = ctx.branches.find((b) => b.level === 'head_office');
  // Each pass may invalidate rows whose parent row just failed; the tree is at most four levels deep.
  for (let pass = 0, changed = true; changed && pass < 10; pass++) {
    changed = false;
    const before = valid.size;
    for (const r of [...valid.values()]) {
      const key = r.code.toUpperCase();
      if (r.level === 'head_office') {
        if (r.parentCode) fail(r, parentCol, '总行不能有上级机构', 'The head office has no parent');
        else if (dbHeadOffice && dbHeadOffice.code.toUpperCase() !== key) fail(r, levelCol, `已有总行「${dbHeadOffice.code}」，只能有一个总行`, `There is already a head office (${dbHeadOffice.code}); there can be only one`);
        else if ([...valid.values()].some((o) => o.level === 'head_office' && o.row < r.row)) fail(r, levelCol, '文件中只能有一个总行', 'The file may contain only one head office');
        continue;
      }
      if (!r.parentCode) {
        fail(r, parentCol, '上级机构代码不能为空（只有总行没有上级）', 'The parent code is required (only the head office has none)');
        continue;
      }
      const pKey = r.parentCode.toUpperCase();
      if (pKey === key) {
        fail(r, parentCol, '机构不能是自己的上级', 'A branch cannot be its own parent');
        continue;
      }
      const parent = valid.get(pKey) ?? db.get(pKey);
      if (!parent) {
        const badRow = codeRows.get(pKey);
        if (badRow !== undefined) fail(r, parentCol, `上级机构「${r.parentCode}」所在的第${badRow}行有错误`, `The parent "${r.parentCode}" is on row ${badRow}, which has errors`);
        else fail(r, parentCol, `上级机构代码「${r.parentCode}」不存在`, `The parent code "${r.parentCode}" is neither in the system nor in this file`);
        continue;
      }
      if ('status' in parent && parent.status === 'closed' && !valid.has(pKey)) {
        fail(r, parentCol, `上级机构「${r.parentCode}」已撤销`, `The parent "${r.parentCode}" is closed`);
        continue;
      }
      if (!canBeParent(parent.level, r.level)) {
        fail(r, parentCol, `${lbl(parent.level).zh}「${r.parentCode}」不能作为${lbl(r.level).zh}的上级`, `A ${lbl(parent.level).en.toLowerCase()} (${r.parentCode}) cannot be the parent of a ${lbl(r.level).en.toLowerCase()}`);
        continue;
      }
      // Children already in the system (and not in this file) must still fit under the new level.
      const child = ctx.branches.find((b) => b.parentCode?.toUpperCase() === key && !inFile.has(b.code.toUpperCase()) && !canBeParent(r.level, b.level));
      if (child) fail(r, levelCol, `下属机构「${child.code}」（${lbl(child.level).zh}）不能位于${lbl(r.level).zh}之下`, `Its existing child ${child.code} (${lbl(child.level).en}) cannot sit under a ${lbl(r.level).en.toLowerCase()}`);
    }
    changed = valid.size !== before;
  }
  // Level order already rules loops out; this guards the rule against future relaxations.
  const parentOf = (code: string) => (valid.get(code)?.parentCode ?? db.get(code)?.parentCode ?? '').toUpperCase() || null;
  for (const r of [...valid.values()]) {
    let cur = parentOf(r.code.toUpperCase());
    for (let steps = 0; cur && steps < 64; steps++, cur = parentOf(cur)) {
      if (cur === r.code.toUpperCase()) {
        fail(r, parentCol, '上级关系形成循环', 'The parent chain loops back to this branch');
        break;
      }
    }
  }
  v.rows = v.rows.filter((r) => valid.get(r.code.toUpperCase()) === r);
  errors.sort((a, b) => a.row - b.row);
}

const ROLE_SPLIT = /[、;；,，/|\n]+/;

export function validateStaffSheet(sheet: Sheet, ctx: ValidationContext): Validated<StaffImportRow, StaffField> {
  const branches = new Map(ctx.branches.map((b) => [b.code.toUpperCase(), b]));
  const grades = new Map<string, GradeRef>();
  for (const g of ctx.grades) for (const n of [g.code, g.nameZh, `${g.nameZh}客户经理`, g.nameEn]) grades.set(norm(n), g);
  const v = validateSheet<StaffImportRow, StaffField>(sheet, STAFF_FIELDS, (r, row) => {
    const staffNo = requireText(r, 'staffNo', '工号', 'The staff number');
    if (staffNo && !STAFF_NO.test(staffNo)) r.fail('staffNo', `工号「${staffNo}」应为3至20位字母或数字`, `Staff number "${staffNo}" must be 3 to 20 letters or digits`);
    const name = requireText(r, 'name', '姓名', 'The name');
    if (name && (name.length < 2 || name.length > 40)) r.fail('name', '姓名应为2至40个字', 'A name has 2 to 40 characters');
    const genderText = requireText(r, 'gender', '性别', 'The gender');
    const gender = genderText ? lookupIn(genderText, GENDERS) : null;
    if (genderText && !gender) r.fail('gender', `性别应填“男”或“女”，而不是「${genderText}」`, `Gender must be M or F, not "${genderText}"`);
    const codeText = requireText(r, 'branchCode', '所属机构代码', 'The branch code');
    const branch = codeText ? branches.get(codeText.toUpperCase()) : undefined;
    if (codeText && !branch) r.fail('branchCode', `机构代码「${codeText}」不存在，请先导入机构`, `Branch code "${codeText}" does not exist: import the branch first`);
    else if (branch?.status === 'closed') r.fail('branchCode', `机构「${codeText}」已撤销`, `Branch "${codeText}" is closed`);
    const seqText = requireText(r, 'sequence', '序列', 'The sequence');
    const sequence = seqText ? lookupIn(seqText, SEQUENCES) : null;
    if (seqText && !sequence) r.fail('sequence', `未知序列「${seqText}」，应为管理、职员、柜员或客户经理`, `Unknown sequence "${seqText}": use management, office, counter or rm`);
    const rolesText = requireText(r, 'roles', '角色', 'The role');
    const tokens = rolesText.split(ROLE_SPLIT).map((t) => t.trim()).filter(Boolean);
    const unknown = tokens.filter((t) => !lookupIn(t, ROLES));
    if (unknown.length > 0) r.fail('roles', `未知角色「${unknown.join('、')}」`, `Unknown role "${unknown.join(', ')}"`);
    const roles = [...new Set(tokens.map((t) => lookupIn(t, ROLES)).filter((x): x is RoleCode => x !== null))];
    let mobile = r.text('mobile').replace(/\s|-/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    if (mobile) {
      const p = mobileProblem(mobile);
      if (p) r.fail('mobile', `${p.zh}：「${r.text('mobile')}」`, `${p.en}: "${r.text('mobile')}"`);
    } else mobile = '';
    const email = r.text('email');
    if (email && (!EMAIL.test(email) || email.length > 100)) r.fail('email', `邮箱「${email}」格式不正确`, `"${email}" is not a valid e-mail address`);
    const hiredOn = optionalDate(r, 'hiredOn', '入职日期', 'The hiring date', ctx.today);
    const gradeText = r.text('grade');
    const grade = gradeText ? (grades.get(norm(gradeText)) ?? null) : null;
    if (gradeText && !grade) r.fail('grade', `未知职级「${gradeText}」，应为${ctx.grades.map((g) => g.nameZh).join('、')}`, `Unknown grade "${gradeText}": use ${ctx.grades.map((g) => g.code).join(', ')}`);
    const stepCell = r.value('gradeStep');
    const stepText = text(stepCell).replace(/^第/, '').replace(/档$/, '');
    const gradeStep = isBlank(stepCell) ? null : /^\d+$/.test(stepText) ? Number(stepText) : NaN;
    if (grade && gradeStep === null) r.fail('gradeStep', `填写职级时档次不能为空（1至${grade.steps}）`, `A grade needs its step (1 to ${grade.steps})`);
    else if (gradeStep !== null && !gradeText) r.fail('grade', '填写档次时职级不能为空', 'A step needs its grade');
    else if (grade && gradeStep !== null && !(gradeStep >= 1 && gradeStep <= grade.steps)) {
      r.fail('gradeStep', `${grade.nameZh}共${grade.steps}档，档次「${text(stepCell)}」应为1至${grade.steps}`, `${grade.nameEn} has ${grade.steps} steps: step "${text(stepCell)}" must be 1 to ${grade.steps}`);
    }
    const statusText = r.text('status');
    const status = statusText ? lookupIn(statusText, STATUSES) : 'active';
    if (!status) r.fail('status', `未知状态「${statusText}」，应为在岗、休假或离职`, `Unknown status "${statusText}": use active, on_leave or departed`);
    if (!r.ok() || !gender || !branch || !sequence || !status) return null;
    return {
      row, staffNo, name, gender, branchCode: branch.code, sequence, roles, mobile, email, hiredOn,
      gradeCode: grade?.code ?? null, gradeStep: grade ? gradeStep : null, status,
    };
  });
  const rows = duplicateKeys(v.rows, (r) => r.staffNo, v.label('staffNo'), v.errors);
  v.errors.sort((a, b) => a.row - b.row);
  return { totalRows: v.totalRows, rows, errors: v.errors, columns: v.columns };
}
