// The server sends branches flat (thousands of them); the tree is built here once per fetch.
import type { Branch } from '@contracts/org';

export type BranchNode = { branch: Branch; children: BranchNode[] };

export function buildBranchTree(branches: readonly Branch[]): BranchNode[] {
  const nodes = new Map<number, BranchNode>();
  for (const b of branches) nodes.set(b.id, { branch: b, children: [] });
  const roots: BranchNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.branch.parentId === null ? undefined : nodes.get(n.branch.parentId);
    // A parent outside what this user may see makes the node a root rather than hiding it.
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: BranchNode[]) => {
    list.sort((a, b) => a.branch.code.localeCompare(b.branch.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Ids of a branch and all below it: a branch may not be moved under its own descendant. */
export function subtreeIds(branches: readonly Branch[], rootId: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const b of branches) {
    if (b.parentId === null) continue;
    const list = children.get(b.parentId) ?? [];
    list.push(b.id);
    children.set(b.parentId, list);
  }
  const out = new Set<number>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Keeps the nodes whose name or code matches, with their ancestors so the match stays in context. */
export function filterTree(nodes: BranchNode[], text: string): BranchNode[] {
  const q = text.trim().toLowerCase();
  if (!q) return nodes;
  const walk = (list: BranchNode[]): BranchNode[] =>
    list.flatMap((n) => {
      const hit = n.branch.name.toLowerCase().includes(q) || n.branch.code.toLowerCase().includes(q);
      const kids = walk(n.children);
      return hit || kids.length > 0 ? [{ branch: n.branch, children: hit ? n.children : kids }] : [];
    });
  return walk(nodes);
}

export function allIds(nodes: BranchNode[]): number[] {
  return nodes.flatMap((n) => [n.branch.id, ...allIds(n.children)]);
}

/** The usual level of a new branch under a parent of this level (the user may change it). */
export const CHILD_LEVEL = { head_office: 'branch', branch: 'sub_branch', sub_branch: 'outlet', outlet: 'outlet' } as const;
