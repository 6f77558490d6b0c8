// Role × permission matrix; each cell picks the data scope of that grant ("none" = not granted).
// On a phone the matrix becomes one role at a time (roles-role-picker).
// data-testid: roles-matrix, scope-<role>-<permission> (cell Select), role-save-<role>,
// role-dirty-<role> (marker shown while a role has unsaved changes), roles-role-picker
import { useMemo, useState } from 'react';
import { App, Badge, Button, Card, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SCOPES, SCOPE_LABELS, type PermissionCode, type RoleCode, type Scope } from '@contracts/roles';
import { api } from '../../app/api';
import { ME_KEY } from '../../app/auth';
import { useBi } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { PageTitle } from '../../components/page-title';
import { useApiError } from '../../components/use-api-error';
import { SimpleList } from '../../components/simple-list';

type Label = { zh: string; en: string };
type Matrix = {
  roles: (Label & { code: RoleCode })[];
  permissions: (Label & { code: PermissionCode; module: string })[];
  grants: { role: RoleCode; permission: PermissionCode; scope: Scope }[];
};
type Cell = Scope | 'none';
type GrantGrid = Record<string, Partial<Record<PermissionCode, Scope>>>;

const KEY = ['roles', 'permissions'] as const;

function toGrid(grants: Matrix['grants']): GrantGrid {
  const g: GrantGrid = {};
  for (const x of grants) (g[x.role] ??= {})[x.permission] = x.scope;
  return g;
}

export function RolesPage() {
  const { t } = useTranslation();
  const bi = useBi();
  const { message } = App.useApp();
  const showError = useApiError();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const q = useQuery({ queryKey: KEY, queryFn: () => api<Matrix>('/api/roles/permissions') });
  const saved = useMemo(() => toGrid(q.data?.grants ?? []), [q.data]);
  const [drafts, setDrafts] = useState<GrantGrid>({});
  const [phoneRole, setPhoneRole] = useState<RoleCode | null>(null);
  const save = useMutation({
    mutationFn: (role: RoleCode) => {
      const grid = drafts[role] ?? saved[role] ?? {};
      const grants = (Object.entries(grid) as [PermissionCode, Scope][]).map(([permission, scope]) => ({ permission, scope }));
      return api(`/api/roles/${role}/permissions`, { method: 'PUT', body: { grants } });
    },
    onSuccess: async (_, role) => {
      setDrafts((d) => {
        const next = { ...d };
        delete next[role];
        return next;
      });
      // The admin's own menu may change with the grants.
      await Promise.all([qc.invalidateQueries({ queryKey: KEY }), qc.invalidateQueries({ queryKey: ME_KEY })]);
      void message.success(t('roles.saved'));
    },
    onError: (e) => showError(e),
  });

  if (q.isPending) return <FullSpin />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const { roles, permissions } = q.data;

  const cell = (role: RoleCode, p: PermissionCode): Cell => (drafts[role] ?? saved[role] ?? {})[p] ?? 'none';
  const same = (a: GrantGrid[string] = {}, b: GrantGrid[string] = {}) => {
    const ka = Object.keys(a) as PermissionCode[];
    return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
  };
  const dirty = (role: RoleCode) => drafts[role] !== undefined && !same(drafts[role], saved[role]);
  const set = (role: RoleCode, p: PermissionCode, v: Cell) =>
    setDrafts((d) => {
      const next = { ...(d[role] ?? saved[role] ?? {}) };
      if (v === 'none') delete next[p];
      else next[p] = v;
      return { ...d, [role]: next };
    });
  const options = [
    { value: 'none', label: t('roles.none') },
    ...SCOPES.map((s) => ({ value: s, label: bi(SCOPE_LABELS[s]) })),
  ];
  const scopeSelect = (role: RoleCode, p: PermissionCode) => (
    <Select<Cell>
      size="small"
      value={cell(role, p)}
      onChange={(v) => set(role, p, v)}
      options={options}
      data-testid={`scope-${role}-${p}`}
      className={cell(role, p) === 'none' ? 'scope-none' : 'scope-set'}
      variant={cell(role, p) === 'none' ? 'borderless' : 'outlined'}
      popupMatchSelectWidth={false}
    />
  );
  const saveButton = (role: RoleCode) => (
    <Button
      size="small"
      type={dirty(role) ? 'primary' : 'default'}
      icon={<SaveOutlined />}
      disabled={!dirty(role)}
      loading={save.isPending && save.variables === role}
      onClick={() => save.mutate(role)}
      data-testid={`role-save-${role}`}
    >
      {t('common.save')}
    </Button>
  );

  if (screens.md === false) {
    const role = phoneRole ?? roles[0]?.code;
    return (
      <>
        <PageTitle title={t('roles.title')} subtitle={t('roles.subtitle')} />
        <Card>
          <Space style={{ marginBottom: 12 }} wrap>
            <Select<RoleCode>
              value={role}
              onChange={setPhoneRole}
              style={{ minWidth: 200 }}
              options={roles.map((r) => ({ value: r.code, label: bi(r) }))}
              data-testid="roles-role-picker"
            />
            {role ? saveButton(role) : null}
          </Space>
          {role ? (
            <SimpleList
              testId="roles-matrix"
              items={permissions}
              rowKey={(p) => p.code}
              renderItem={(p) => (
                <>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong>{bi(p)}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.code}
                      </Typography.Text>
                    </div>
                  </div>
                  {scopeSelect(role, p.code)}
                </>
              )}
            />
          ) : null}
        </Card>
      </>
    );
  }

  const columns: ColumnsType<Matrix['permissions'][number]> = [
    {
      title: t('roles.permission'),
      key: 'permission',
      fixed: 'left',
      width: 200,
      render: (_, p) => (
        <div>
          <Typography.Text strong>{bi(p)}</Typography.Text>
          <div>
            <Tag style={{ marginTop: 2 }}>{p.module}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    ...roles.map((r) => ({
      title: bi(r),
      key: r.code,
      width: 140,
      render: (_: unknown, p: Matrix['permissions'][number]) => scopeSelect(r.code, p.code),
    })),
  ];

  // Save buttons live in a summary row under the header: antd clones header titles into a hidden
  // measuring row, which would duplicate the buttons' test ids.
  const saveRow = () => (
    <Table.Summary fixed="top">
      <Table.Summary.Row>
        <Table.Summary.Cell index={0}>
          <Typography.Text type="secondary">{t('roles.saveRow')}</Typography.Text>
        </Table.Summary.Cell>
        {roles.map((r, i) => (
          <Table.Summary.Cell index={i + 1} key={r.code}>
            <Space size={4}>
              {saveButton(r.code)}
              {dirty(r.code) ? <Badge status="warning" data-testid={`role-dirty-${r.code}`} /> : null}
            </Space>
          </Table.Summary.Cell>
        ))}
      </Table.Summary.Row>
    </Table.Summary>
  );

  return (
    <>
      <PageTitle title={t('roles.title')} subtitle={t('roles.subtitle')} />
      <Card>
        <Table
          className="roles-matrix"
          data-testid="roles-matrix"
          rowKey="code"
          size="small"
          bordered
          pagination={false}
          dataSource={permissions}
          columns={columns}
          scroll={{ x: 200 + roles.length * 140 }}
          summary={saveRow}
        />
      </Card>
    </>
  );
}
