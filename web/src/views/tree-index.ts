// The spin-off trees as a lookup: for each organisation, its parent, descendants and direct spin-offs.
export interface FamilyTreeNode {
  id: string;
  name: string | null;
  kind: string;
  year: number | null;
  local: boolean;
  descendants: number;
  children: FamilyTreeNode[];
}

export interface Lineage {
  parent: string | null;
  descendants: number;
  children: string[];
}

export function treeIndex(roots: FamilyTreeNode[]): Map<string, Lineage> {
  const out = new Map<string, Lineage>();
  const stack: [FamilyTreeNode, FamilyTreeNode | null][] = roots.map((r) => [r, null]);
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    out.set(node.id, {
      parent: parent ? (parent.name ?? parent.id) : null,
      descendants: node.descendants,
      children: node.children.map((c) => c.name ?? c.id),
    });
    for (const c of node.children) stack.push([c, node]);
  }
  return out;
}
