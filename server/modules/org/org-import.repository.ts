// SQL of the staff/branch import: what validation needs to know, and a set-based merge by business
// key. Upserts only touch rows whose values differ, so importing the same file twice changes nothing.
import { sql, type DbOrTrx } from '../../platform/db';
import type { BranchLevel, ImportKind, ImportRowError } from '../../../contracts/org';
import type { RoleCode } from '../../../contracts/roles';
import type { BranchField, BranchImportRow, ExistingBranch, GradeRef, StaffField, StaffImportRow } from './org.import';

const CHUNK = 1000;
const LEVEL_ORDER: readonly BranchLevel[] = ['head_office', 'branch', 'sub_branch', 'outlet'];

export type MergeCounts = { inserted: number; updated: number };
export type ChunkDone = (rows: number) => void;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function loadImportContext(db: DbOrTrx): Promise<{ branches: ExistingBranch[]; grades: GradeRef[] }> {
  const branches = await db
    .selectFrom('branches as b')
    .leftJoin('branches as p', 'p.id', 'b.parent_id')
    .select(['b.code', 'b.level', 'p.code as parentCode', 'b.status'])
    .execute();
  const grades = await db.selectFrom('grade_levels').select(['code', 'name_zh', 'name_en', 'steps']).orderBy('rank').execute();
  return {
    branches: branches.map((b) => ({ code: b.code, level: b.level as BranchLevel, parentCode: b.parentCode, status: b.status as 'open' | 'closed' })),
    grades: grades.map((g) => ({ code: g.code, nameZh: g.name_zh, nameEn: g.name_en, steps: g.steps })),
  };
}

/** Imports run one at a time: two concurrent merges of the same keys would otherwise deadlock. */
export async function lockImports(trx: DbOrTrx): Promise<void> {
  await sql`select pg_advisory_xact_lock(7401002)`.execute(trx);
}

async function idsByCode(db: DbOrTrx, codes: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks([...new Set(codes)], 5000)) {
    const rows = await db.selectFrom('branches').select(['id', 'code']).where('code', '=', sql<string>`any(${part}::text[])`).execute();
    for (const r of rows) out.set(r.code, r.id);
  }
  return out;
}

/** `(t.a, t.b) is distinct from (excluded.a, excluded.b)`: the update runs only when something changed. */
function changed(table: string, columns: string[]) {
  const refs = (prefix: string) => sql.join(columns.map((c) => sql.ref(`${prefix}.${c}`)));
  return sql<boolean>`(${refs(table)}) is distinct from (${refs('excluded')})`;
}

function count(rows: { inserted: boolean }[], into: MergeCounts): void {
  for (const r of rows) {
    if (r.inserted) into.inserted++;
    else into.updated++;
  }
}

// Optional columns and the table columns they fill; a column absent from the file keeps stored values.
const BRANCH_OPTIONAL: [BranchField, string][] = [
  ['address', 'address'], ['phone', 'phone'], ['isWealthCentre', 'is_wealth_centre'], ['openedOn', 'opened_on'],
];

export async function mergeBranches(trx: DbOrTrx, rows: BranchImportRow[], present: Set<BranchField>, onChunk?: ChunkDone): Promise<MergeCounts> {
  const ids = await idsByCode(trx, rows.flatMap((r) => (r.parentCode ? [r.code, r.parentCode] : [r.code])));
  const codeIndex = new Map([...ids.keys()].map((c) => [c.toUpperCase(), c]));
  const parentId = (code: string | null) => (code ? (ids.get(codeIndex.get(code.toUpperCase()) ?? code) ?? null) : null);
  const updatable = ['name', 'level', 'parent_id', ...BRANCH_OPTIONAL.filter(([k]) => present.has(k)).map(([, c]) => c)];
  const counts: MergeCounts = { inserted: 0, updated: 0 };
  // Parents before children: a parent in the same file gets its id before its children are written.
  for (const level of LEVEL_ORDER) {
    for (const part of chunks(rows.filter((r) => r.level === level))) {
      const out = await trx
        .insertInto('branches')
        .values(
          part.map((r) => ({
            code: r.code, name: r.name, level: r.level, parent_id: parentId(r.parentCode), path: '',
            address: r.address, phone: r.phone, is_wealth_centre: r.isWealthCentre, opened_on: r.openedOn,
          })),
        )
        .onConflict((oc) =>
          oc
            .column('code')
            .doUpdateSet((eb) => ({
              ...Object.fromEntries(updatable.map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.name')])),
              updated_at: sql<Date>`now()`,
            }))
            .where(changed('branches', updatable)),
        )
        .returning(['id', 'code', sql<boolean>`xmax = 0`.as('inserted')])
        .execute();
      for (const r of out) {
        ids.set(r.code, r.id);
        codeIndex.set(r.code.toUpperCase(), r.code);
      }
      count(out, counts);
      onChunk?.(part.length);
    }
  }
  await refreshBranchPaths(trx);
  return counts;
}

/** Rebuilds the materialised path ('/1/4/17/') of new and moved branches (and their sub-trees). */
async function refreshBranchPaths(db: DbOrTrx): Promise<void> {
  await sql`
    with recursive tree(id, path) as (
      select id, '/' || id || '/' from branches where parent_id is null
      union all
      select c.id, t.path || c.id || '/' from branches c join tree t on c.parent_id = t.id
    )
    update branches b set path = tree.path from tree where b.id = tree.id and b.path <> tree.path`.execute(db);
}

const STAFF_OPTIONAL: [StaffField, string[]][] = [
  ['mobile', ['mobile']], ['email', ['email']], ['hiredOn', ['hired_on']], ['grade', ['grade_level_id', 'grade_step']], ['status', ['status']],
];

export async function mergeStaff(
  trx: DbOrTrx,
  rows: StaffImportRow[],
  present: Set<StaffField>,
  today: string,
  onChunk?: ChunkDone,
): Promise<MergeCounts> {
  const branchIds = await idsByCode(trx, rows.map((r) => r.branchCode));
  const gradeIds = new Map((await trx.selectFrom('grade_levels').select(['id', 'code']).execute()).map((g) => [g.code, g.id]));
  const updatable = ['name', 'gender', 'branch_id', 'sequence', ...STAFF_OPTIONAL.flatMap(([k, cols]) => (present.has(k) ? cols : []))];
  const counts: MergeCounts = { inserted: 0, updated: 0 };
  const staffIds = new Map<string, number>();
  const touched = new Set<number>();
  const gradeRows: { staff_id: number; grade_level_id: number; step: number; effective_on: string; reason: string }[] = [];
  const gradeChanges = present.has('grade');

  for (const part of chunks(rows)) {
    const nos = part.map((r) => r.staffNo);
    // The grade before the merge: a history row is written only when the grade really changes.
    const before = new Map(
      (await trx.selectFrom('staff').select(['id', 'staff_no', 'grade_level_id', 'grade_step']).where('staff_no', '=', sql<string>`any(${nos}::text[])`).execute()).map((s) => [s.staff_no, s]),
    );
    for (const [no, s] of before) staffIds.set(no, s.id);
    const out = await trx
      .insertInto('staff')
      .values(
        part.map((r) => ({
          staff_no: r.staffNo, name: r.name, gender: r.gender, branch_id: branchIds.get(r.branchCode)!, status: r.status,
          sequence: r.sequence, mobile: r.mobile, email: r.email, hired_on: r.hiredOn,
          grade_level_id: r.gradeCode ? gradeIds.get(r.gradeCode)! : null, grade_step: r.gradeStep,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('staff_no')
          .doUpdateSet((eb) => ({
            ...Object.fromEntries(updatable.map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.name')])),
            updated_at: sql<Date>`now()`,
          }))
          .where(changed('staff', updatable)),
      )
      .returning(['id', 'staff_no', 'grade_level_id', 'grade_step', sql<boolean>`xmax = 0`.as('inserted')])
      .execute();
    count(out, counts);
    for (const s of out) {
      staffIds.set(s.staff_no, s.id);
      touched.add(s.id);
      const old = before.get(s.staff_no);
      const gradeMoved = !old || old.grade_level_id !== s.grade_level_id || old.grade_step !== s.grade_step;
      if (gradeChanges && s.grade_level_id !== null && s.grade_step !== null && gradeMoved) {
        gradeRows.push({ staff_id: s.id, grade_level_id: s.grade_level_id, step: s.grade_step, effective_on: today, reason: '导入 import' });
      }
    }
    onChunk?.(part.length);
  }
  for (const part of chunks(gradeRows)) await trx.insertInto('staff_grade_history').values(part).execute();

  // Roles are replaced to match the file; a staff member whose only change is a role counts as updated.
  const roleChanged = await replaceRoles(trx, new Map(rows.map((r) => [staffIds.get(r.staffNo)!, r.roles])));
  const roleOnly = [...roleChanged].filter((id) => !touched.has(id));
  if (roleOnly.length > 0) {
    await trx.updateTable('staff').set({ updated_at: sql<Date>`now()` }).where('id', '=', sql<number>`any(${roleOnly}::bigint[])`).execute();
    counts.updated += roleOnly.length;
  }
  return counts;
}

async function replaceRoles(trx: DbOrTrx, wanted: Map<number, RoleCode[]>): Promise<Set<number>> {
  const changedIds = new Set<number>();
  // Chunked by staff member, so that one person's roles are never split across two statements.
  for (const part of chunks([...wanted.entries()], 2000)) {
    const staffIds = part.map(([id]) => id);
    const ids = part.flatMap(([id, roles]) => roles.map(() => id));
    const roles = part.flatMap(([, r]) => r);
    const removed = await sql<{ staff_id: number }>`
      delete from staff_roles s
      where s.staff_id = any(${staffIds}::bigint[])
        and not exists (select 1 from unnest(${ids}::bigint[], ${roles}::text[]) w(staff_id, role) where w.staff_id = s.staff_id and w.role = s.role)
      returning s.staff_id`.execute(trx);
    const added = await sql<{ staff_id: number }>`
      insert into staff_roles (staff_id, role)
      select staff_id, role from unnest(${ids}::bigint[], ${roles}::text[]) w(staff_id, role)
      on conflict do nothing
      returning staff_id`.execute(trx);
    for (const r of [...removed.rows, ...added.rows]) changedIds.add(Number(r.staff_id));
  }
  return changedIds;
}

export type ImportRunRecord = {
  kind: ImportKind;
  fileName: string;
  sha256: string;
  totalRows: number;
  validRows: number;
  inserted: number;
  updated: number;
  committed: boolean;
  errors: ImportRowError[];
  createdBy: number | null;
};

export async function recordImportRun(db: DbOrTrx, run: ImportRunRecord): Promise<number> {
  const row = await db
    .insertInto('import_runs')
    .values({
      kind: run.kind, file_name: run.fileName, file_sha256: run.sha256, total_rows: run.totalRows, valid_rows: run.validRows,
      inserted: run.inserted, updated: run.updated, committed: run.committed, errors: JSON.stringify(run.errors), created_by: run.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
