// data-testid: branch-search, branch-show-closed, branch-tree, branch-node-<code> (tree titles),
// branch-detail, branch-detail-name, branch-create, branch-create-child, branch-edit, branch-move,
// branch-close, branch-staff-link
import { useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Grid, Input, Row, Space, Switch, Tag, Tree, Typography } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BRANCH_LEVEL_LABELS, type Branch } from '@contracts/org';
import { useAuth, useMe } from '../../app/auth';
import { useBi } from '../../app/lang';
import { ErrorAlert } from '../../components/error-alert';
import { FullSpin } from '../../components/full-spin';
import { PageTitle } from '../../components/page-title';
import { useBranches } from './api';
import { allIds, buildBranchTree, filterTree, type BranchNode } from './branch-tree';
import { LEVEL_COLOR } from './colors';
import { BranchFormModal, CloseBranchModal, MoveBranchModal } from './branch-dialogs';

type TreeItem = { key: number; title: ReactNode; children: TreeItem[] };

function BranchTitle({ b }: { b: Branch }) {
  const { t } = useTranslation();
  const bi = useBi();
  const closed = b.status === 'closed';
  return (
    <span data-testid={`branch-node-${b.code}`} data-closed={closed ? 'true' : 'false'}>
      <Tag color={closed ? 'default' : LEVEL_COLOR[b.level]} style={{ marginInlineEnd: 6 }}>
        {bi(BRANCH_LEVEL_LABELS[b.level])}
      </Tag>
      <span className={closed ? 'closed-branch' : undefined}>{b.name}</span>
      {b.isWealthCentre ? (
        <Tag color="gold" style={{ marginInlineStart: 6 }}>
          {t('branches.wealthCentreShort')}
        </Tag>
      ) : null}
      {closed ? <Tag style={{ marginInlineStart: 6 }}>{t('branches.closed')}</Tag> : null}
    </span>
  );
}

function toItems(nodes: BranchNode[], showClosed: boolean): TreeItem[] {
  return nodes
    .filter((n) => showClosed || n.branch.status === 'open')
    .map((n) => ({ key: n.branch.id, title: <BranchTitle b={n.branch} />, children: toItems(n.children, showClosed) }));
}

type Dialog =
  | { kind: 'create'; parent?: Branch }
  | { kind: 'edit'; branch: Branch }
  | { kind: 'move'; branch: Branch }
  | { kind: 'close'; branch: Branch }
  | null;

export function BranchesPage() {
  const { t } = useTranslation();
  const bi = useBi();
  const { can } = useAuth();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const manage = can('org.branch.manage');
  const branches = useBranches();
  const [search, setSearch] = useState('');
  const [showClosed, setShowClosed] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(me.branchId);
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const tree = useMemo(() => buildBranchTree(branches.data ?? []), [branches.data]);
  const shown = useMemo(() => filterTree(tree, search), [tree, search]);
  const items = useMemo(() => toItems(shown, showClosed), [shown, showClosed]);
  const byId = useMemo(() => new Map((branches.data ?? []).map((b) => [b.id, b])), [branches.data]);
  // Until the user expands by hand (reset by each search): the top two levels, or every match while searching.
  const defaultExpanded = useMemo(
    () => (search.trim() ? allIds(shown) : tree.flatMap((n) => [n.branch.id, ...n.children.map((c) => c.branch.id)])),
    [search, shown, tree],
  );
  const selected = selectedId === null ? undefined : byId.get(selectedId);
  const parent = selected?.parentId ? byId.get(selected.parentId) : undefined;
  const children = selected ? (branches.data ?? []).filter((b) => b.parentId === selected.id) : [];

  // Select a new branch and open the path down to it.
  const reveal = (id: number, parentCode: string | null) => {
    const path: number[] = [];
    let cur = parentCode === null ? undefined : branches.data?.find((b) => b.code === parentCode);
    for (let i = 0; cur && i < 32; i++) {
      path.push(cur.id);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
    setExpanded((prev) => [...new Set([...(prev ?? defaultExpanded), ...path])]);
    setSelectedId(id);
  };

  if (branches.isPending) return <FullSpin />;
  if (branches.isError) return <ErrorAlert error={branches.error} onRetry={() => void branches.refetch()} />;

  const detail = selected ? (
    <Card
      data-testid="branch-detail"
      title={
        <Space wrap>
          <span data-testid="branch-detail-name">{selected.name}</span>
          <Tag color={LEVEL_COLOR[selected.level]}>{bi(BRANCH_LEVEL_LABELS[selected.level])}</Tag>
          {selected.status === 'closed' ? <Tag>{t('branches.closed')}</Tag> : <Tag color="green">{t('branches.open')}</Tag>}
        </Space>
      }
    >
      <Descriptions
        column={{ xs: 1, sm: 2 }}
        size="small"
        items={[
          { key: 'code', label: t('branches.code'), children: selected.code },
          { key: 'parent', label: t('branches.parent'), children: parent ? `${parent.name}（${parent.code}）` : '—' },
          { key: 'address', label: t('branches.address'), children: selected.address || '—' },
          { key: 'phone', label: t('branches.phone'), children: selected.phone || '—' },
          { key: 'wealth', label: t('branches.wealthCentre'), children: selected.isWealthCentre ? t('common.yes') : t('common.no') },
          { key: 'staff', label: t('branches.staffCount'), children: selected.staffCount },
          { key: 'opened', label: t('branches.openedOn'), children: selected.openedOn ?? '—' },
          { key: 'closed', label: t('branches.closedOn'), children: selected.closedOn ?? '—' },
          { key: 'children', label: t('branches.children'), children: children.length },
        ]}
      />
      <Flex gap={8} wrap style={{ marginTop: 16 }}>
        {can('org.staff.read') ? (
          <Link to={`/org/staff?branchId=${selected.id}&includeSubtree=true`} data-testid="branch-staff-link">
            <Button icon={<TeamOutlined />}>{t('branches.viewStaff')}</Button>
          </Link>
        ) : null}
        {manage && selected.status === 'open' ? (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: selected })} data-testid="branch-create-child">
              {t('branches.createChild')}
            </Button>
            <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', branch: selected })} data-testid="branch-edit">
              {t('common.edit')}
            </Button>
            {selected.parentId !== null ? (
              <Button icon={<SwapOutlined />} onClick={() => setDialog({ kind: 'move', branch: selected })} data-testid="branch-move">
                {t('branches.move')}
              </Button>
            ) : null}
            {selected.parentId !== null ? (
              <Button danger icon={<StopOutlined />} onClick={() => setDialog({ kind: 'close', branch: selected })} data-testid="branch-close">
                {t('branches.close')}
              </Button>
            ) : null}
          </>
        ) : null}
      </Flex>
    </Card>
  ) : (
    <Card data-testid="branch-detail">
      <Empty description={t('branches.pick')} />
    </Card>
  );

  return (
    <>
      <PageTitle
        title={t('branches.title')}
        subtitle={t('branches.subtitle', { n: branches.data.filter((b) => b.status === 'open').length })}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="branch-create">
              {t('branches.create')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11} xl={10}>
          <Card>
            <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
              <Input.Search
                allowClear
                placeholder={t('branches.searchPlaceholder')}
                onSearch={(v) => {
                  setSearch(v);
                  setExpanded(null);
                }}
                onChange={(e) => {
                  if (!e.target.value) {
                    setSearch('');
                    setExpanded(null);
                  }
                }}
                style={{ flex: 1, minWidth: 180 }}
                data-testid="branch-search"
              />
              <Space>
                <Switch size="small" checked={showClosed} onChange={setShowClosed} data-testid="branch-show-closed" />
                <Typography.Text>{t('branches.showClosed')}</Typography.Text>
              </Space>
            </Flex>
            {items.length === 0 ? (
              <Empty description={t('common.noData')} />
            ) : (
              <Tree<TreeItem>
                data-testid="branch-tree"
                treeData={items}
                height={screens.lg ? 620 : 420}
                showLine
                blockNode
                expandedKeys={expanded ?? defaultExpanded}
                onExpand={(keys) => setExpanded(keys.map(Number))}
                selectedKeys={selectedId === null ? [] : [selectedId]}
                onSelect={(keys) => {
                  if (keys.length > 0) setSelectedId(Number(keys[0]));
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={13} xl={14}>
          {detail}
        </Col>
      </Row>
      <BranchFormModal
        open={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        editing={dialog?.kind === 'edit' ? dialog.branch : undefined}
        parent={dialog?.kind === 'create' ? dialog.parent : undefined}
        onClose={() => setDialog(null)}
        onCreated={reveal}
      />
      <MoveBranchModal branch={dialog?.kind === 'move' ? dialog.branch : null} onClose={() => setDialog(null)} />
      <CloseBranchModal branch={dialog?.kind === 'close' ? dialog.branch : null} onClose={() => setDialog(null)} />
    </>
  );
}
