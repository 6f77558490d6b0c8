import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import type { Branch } from '@contracts/org';
import { buildBranchTree, type BranchNode } from './branch-tree';
import { useBranches } from './api';

type TreeOption = { value: string | number; title: string; children: TreeOption[]; disabled?: boolean };

type Props<V extends 'id' | 'code'> = {
  valueField: V;
  value?: V extends 'id' ? number : string;
  onChange?: (v: (V extends 'id' ? number : string) | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Branches that may not be picked (e.g. a branch's own subtree when moving it). */
  disabledIds?: ReadonlySet<number>;
  includeClosed?: boolean;
  testId?: string;
  style?: CSSProperties;
};

function toOptions(nodes: BranchNode[], field: 'id' | 'code', disabled: ReadonlySet<number> | undefined, includeClosed: boolean): TreeOption[] {
  return nodes
    .filter((n) => includeClosed || n.branch.status === 'open')
    .map((n) => ({
      value: field === 'id' ? n.branch.id : n.branch.code,
      title: `${n.branch.name}（${n.branch.code}）`,
      disabled: disabled?.has(n.branch.id) ?? false,
      children: toOptions(n.children, field, disabled, includeClosed),
    }));
}

/** Branch picker over the whole tree the user may see; searchable by name or code. */
export function BranchSelect<V extends 'id' | 'code'>({
  valueField,
  value,
  onChange,
  placeholder,
  allowClear = true,
  disabledIds,
  includeClosed = false,
  testId,
  style,
}: Props<V>) {
  const branches = useBranches();
  const treeData = useMemo(
    () => toOptions(buildBranchTree(branches.data ?? ([] as Branch[])), valueField, disabledIds, includeClosed),
    [branches.data, valueField, disabledIds, includeClosed],
  );
  return (
    <TreeSelect
      data-testid={testId}
      style={{ width: '100%', ...style }}
      value={value}
      onChange={(v: string | number | undefined) => onChange?.(v as (V extends 'id' ? number : string) | undefined)}
      treeData={treeData}
      loading={branches.isPending}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={false}
      treeDefaultExpandedKeys={treeData.slice(0, 1).map((o) => o.value)}
      popupMatchSelectWidth={false}
    />
  );
}
