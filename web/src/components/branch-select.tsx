// A branch picker for feature pages outside org (features may not import each other): the same
// look as org's picker, over the same cached GET /api/branches.
import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Branch } from '@contracts/org';
import { api } from '../app/api';

type TreeOption = { value: number; title: string; children: TreeOption[] };

/** Same key as org's useBranches, so both share one fetch. */
export const useBranchList = () =>
  useQuery({ queryKey: ['branches'], queryFn: () => api<Branch[]>('/api/branches'), staleTime: 5 * 60_000 });

function tree(branches: readonly Branch[]): TreeOption[] {
  const codes = new Map<number, string>();
  const nodes = new Map<number, TreeOption>();
  for (const b of branches) {
    if (b.status !== 'open') continue;
    codes.set(b.id, b.code);
    nodes.set(b.id, { value: b.id, title: `${b.name}（${b.code}）`, children: [] });
  }
  const roots: TreeOption[] = [];
  for (const b of branches) {
    const n = nodes.get(b.id);
    if (!n) continue;
    const parent = b.parentId === null ? undefined : nodes.get(b.parentId);
    // A parent outside what this user may see makes the node a root rather than hiding it.
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: TreeOption[]) => {
    list.sort((a, b) => (codes.get(a.value) ?? '').localeCompare(codes.get(b.value) ?? ''));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

type Props = {
  value?: number;
  onChange?: (id: number | undefined) => void;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
};

/** Open branches the user may see, searchable by name or code; the value is the branch id. */
export function BranchPicker({ value, onChange, placeholder, testId, style }: Props) {
  const branches = useBranchList();
  const treeData = useMemo(() => tree(branches.data ?? []), [branches.data]);
  return (
    <TreeSelect
      data-testid={testId}
      style={{ width: '100%', ...style }}
      value={value}
      onChange={(v: number | undefined) => onChange?.(v)}
      treeData={treeData}
      loading={branches.isPending}
      placeholder={placeholder}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={treeData.slice(0, 1).map((o) => o.value)}
      popupMatchSelectWidth={false}
    />
  );
}
