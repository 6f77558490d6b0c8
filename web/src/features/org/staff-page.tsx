// Filters live in the URL (?q&branchId&includeSubtree&role&grade&status&page&pageSize) so a list can
// be bookmarked, shared and reached from the branch tree.
// data-testid: staff-search, staff-filter-branch, staff-filter-subtree, staff-filter-role,
// staff-filter-grade, staff-filter-status, staff-filter-reset, staff-table, staff-total,
// staff-row-<staffNo> (rows; also data-row-key=<id>)
import { useMemo, type HTMLAttributes } from 'react';
import { Button, Card, Checkbox, Col, Input, Row, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLE_CODES, ROLE_LABELS, type RoleCode } from '@contracts/roles';
import { SEQUENCE_LABELS, STAFF_STATUSES, STATUS_LABELS, type StaffSummary } from '@contracts/org';
import { useBi, useNamePick } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useGrades, useStaffList, type StaffFilters } from './api';
import { BranchSelect } from './branch-select';
import { STATUS_COLOR } from './colors';

const isRole = (v: string | null): v is RoleCode => v !== null && (ROLE_CODES as readonly string[]).includes(v);
const isStatus = (v: string | null): v is StaffSummary['status'] =>
  v !== null && (STAFF_STATUSES as readonly string[]).includes(v);
const posInt = (v: string | null, d: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : d;
};

function readFilters(p: URLSearchParams): StaffFilters {
  const role = p.get('role');
  const status = p.get('status');
  return {
    q: p.get('q') || undefined,
    branchId: p.get('branchId') ? posInt(p.get('branchId'), 0) || undefined : undefined,
    // Sent only when true: the contract's z.coerce.boolean() reads the string "false" as true.
    includeSubtree: p.get('branchId') && p.get('includeSubtree') !== 'false' ? true : undefined,
    role: isRole(role) ? role : undefined,
    grade: p.get('grade') || undefined,
    status: isStatus(status) ? status : undefined,
    page: posInt(p.get('page'), 1),
    pageSize: Math.min(posInt(p.get('pageSize'), 20), 200),
  };
}

export function StaffPage() {
  const { t } = useTranslation();
  const bi = useBi();
  const pick = useNamePick();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const list = useStaffList(filters);
  const grades = useGrades();

  const update = (patch: Partial<Record<keyof StaffFilters, string | number | boolean | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    // Any filter change starts again from the first page.
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<StaffSummary> = [
    { title: t('staff.staffNo'), dataIndex: 'staffNo', width: 110, fixed: 'left' },
    { title: t('staff.name'), dataIndex: 'name', width: 100, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: t('staff.branch'), dataIndex: 'branchName', width: 180, ellipsis: true },
    { title: t('staff.sequence'), dataIndex: 'sequence', width: 130, render: (s: StaffSummary['sequence']) => bi(SEQUENCE_LABELS[s]) },
    {
      title: t('staff.roles'),
      dataIndex: 'roles',
      width: 220,
      render: (roles: RoleCode[]) =>
        roles.map((r) => (
          <Tag key={r} color="geekblue" style={{ marginBottom: 2 }}>
            {bi(ROLE_LABELS[r])}
          </Tag>
        )),
    },
    {
      title: t('staff.grade'),
      key: 'grade',
      width: 130,
      render: (_, s) => (s.gradeCode ? t('staff.gradeStep', { grade: pick(s.gradeNameZh, s.gradeNameEn), step: s.gradeStep ?? '—' }) : '—'),
    },
    {
      title: t('staff.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: StaffSummary['status']) => <Tag color={STATUS_COLOR[s]}>{bi(STATUS_LABELS[s])}</Tag>,
    },
    { title: t('staff.mobile'), dataIndex: 'mobile', width: 130 },
  ];

  return (
    <>
      <PageTitle title={t('staff.title')} subtitle={t('staff.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} xl={6}>
            <Input.Search
              allowClear
              defaultValue={filters.q}
              key={filters.q ?? ''}
              placeholder={t('staff.searchPlaceholder')}
              onSearch={(q) => update({ q: q.trim() || undefined })}
              data-testid="staff-search"
            />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <BranchSelect
              valueField="id"
              includeClosed
              value={filters.branchId}
              onChange={(id) => update({ branchId: id, includeSubtree: undefined })}
              placeholder={t('staff.allBranches')}
              testId="staff-filter-branch"
            />
          </Col>
          <Col xs={24} sm={12} xl={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              value={filters.role}
              placeholder={t('staff.allRoles')}
              onChange={(v?: RoleCode) => update({ role: v })}
              options={ROLE_CODES.map((r) => ({ value: r, label: bi(ROLE_LABELS[r]) }))}
              data-testid="staff-filter-role"
            />
          </Col>
          <Col xs={12} sm={6} xl={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              value={filters.grade}
              placeholder={t('staff.allGrades')}
              loading={grades.isPending}
              onChange={(v?: string) => update({ grade: v })}
              options={(grades.data ?? []).map((g) => ({ value: g.code, label: pick(g.nameZh, g.nameEn) }))}
              data-testid="staff-filter-grade"
            />
          </Col>
          <Col xs={12} sm={6} xl={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              value={filters.status}
              placeholder={t('staff.allStatuses')}
              onChange={(v?: StaffSummary['status']) => update({ status: v })}
              options={STAFF_STATUSES.map((s) => ({ value: s, label: bi(STATUS_LABELS[s]) }))}
              data-testid="staff-filter-status"
            />
          </Col>
          <Col xs={24} style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
            <Checkbox
              disabled={!filters.branchId}
              checked={!filters.branchId || filters.includeSubtree === true}
              onChange={(e) => update({ includeSubtree: e.target.checked ? undefined : false })}
              data-testid="staff-filter-subtree"
            >
              {t('staff.includeSubtree')}
            </Checkbox>
            <Button onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="staff-filter-reset">
              {t('common.reset')}
            </Button>
          </Col>
        </Row>
      </Card>
      {list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card>
          <Table<StaffSummary>
            data-testid="staff-table"
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1090 }}
            rowClassName={() => 'row-clickable'}
            onRow={(s) =>
              ({
                onClick: () => navigate(`/org/staff/${s.id}`),
                'data-testid': `staff-row-${s.staffNo}`,
              }) as HTMLAttributes<HTMLElement>
            }
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total) => <span data-testid="staff-total">{t('common.total', { total })}</span>,
              onChange: (page, pageSize) => update({ page: page === 1 ? undefined : page, pageSize: pageSize === 20 ? undefined : pageSize }),
            }}
          />
        </Card>
      )}
    </>
  );
}
