/** A path in the search tree: how many matching names sit below it, and its sub-paths. */
export interface MatchNode {
  path: string;
  matchCount: number;
  children: MatchNode[];
}

/** `/a/b/c` → [`/a`, `/a/b`]: the paths a name sits in (none for a top-level name). */
export function ancestorPaths(name: string): string[] {
  if (!name.startsWith('/')) return [];
  const levels = name.split('/').slice(1, -1);
  return levels.map((_, index) => `/${levels.slice(0, index + 1).join('/')}`);
}

/**
 * The hierarchy the search results live in, fully built: the tree shows only the paths that
 * lead to a match, with the number of matches below each.
 */
export function buildMatchTree(names: string[]): MatchNode[] {
  const nodes = new Map<string, MatchNode>();
  const roots: MatchNode[] = [];
  for (const name of names) {
    let siblings = roots;
    for (const path of ancestorPaths(name)) {
      let node = nodes.get(path);
      if (!node) {
        node = { path, matchCount: 0, children: [] };
        nodes.set(path, node);
        siblings.push(node);
      }
      node.matchCount += 1;
      siblings = node.children;
    }
  }
  const sort = (list: MatchNode[]): MatchNode[] => list.sort((a, b) => a.path.localeCompare(b.path)).map((node) => ({ ...node, children: sort(node.children) }));
  return sort(roots);
}
