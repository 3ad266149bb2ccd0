import { and, eq, sql, type SQL } from 'drizzle-orm';
import { inventoryEntries, inventoryTypes, managedNodes } from '@/db/schema';
import { getDb } from '@/server/context';
import { packageFormatOf, type PackageFormat } from '@/server/patch-manager/operating-systems';
import { entryMatches, groupByType, type InventoryFilter } from './filters';

type Entry = Record<string, string>;

export interface MatchedEntry {
  itemKey: string;
  data: Entry;
}

export interface FleetMatch {
  /** Ids of the nodes that pass every filter, in id order. */
  nodeIds: string[];
  /** Per node, per filtered type: the entries that passed that type's filters. */
  matches: Map<string, Map<string, MatchedEntry[]>>;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * The part of a type's filters PostgreSQL can answer from its indexes (containment on the GIN
 * index for Equal), narrowing the rows read; every entry read is then checked exactly in memory,
 * where versions are compared as the package manager compares them.
 */
function prefilter(filter: InventoryFilter): SQL {
  const value = sql`${inventoryEntries.data}->>${filter.attribute}`;
  switch (filter.operator) {
    case 'Equal':
      // A version "equal" as dpkg says (1.0 = 1.00) is not equal as text: only names narrow by containment.
      if (filter.attribute === 'Version') return sql`${inventoryEntries.data} ? ${filter.attribute}`;
      return sql`(${sql.join(filter.values.map((wanted) => sql`${inventoryEntries.data} @> ${JSON.stringify({ [filter.attribute]: wanted })}::jsonb`), sql` or `)})`;
    case 'BeginWith':
      return sql`(${sql.join(filter.values.map((prefix) => sql`${value} like ${`${escapeLike(prefix)}%`}`), sql` or `)})`;
    default:
      return sql`${inventoryEntries.data} ? ${filter.attribute}`;
  }
}

interface CandidateRow {
  nodeId: string;
  itemKey: string;
  data: Entry;
  platformName: string | null;
}

async function candidateEntries(typeName: string, filters: InventoryFilter[], nodeIds?: string[]): Promise<CandidateRow[]> {
  const conditions = [eq(inventoryEntries.typeName, typeName), ...filters.map(prefilter)];
  // One array parameter, however many nodes are left (a list of parameters is capped at 65,535).
  if (nodeIds) conditions.push(sql`${inventoryEntries.nodeId} = any(${sql.param(nodeIds)}::text[])`);
  return getDb()
    .select({ nodeId: inventoryEntries.nodeId, itemKey: inventoryEntries.itemKey, data: inventoryEntries.data, platformName: managedNodes.platformName })
    .from(inventoryEntries)
    .innerJoin(managedNodes, eq(managedNodes.id, inventoryEntries.nodeId))
    .where(and(...conditions));
}

/** Every node that has reported any inventory, in id order. */
export async function inventoriedNodeIds(): Promise<string[]> {
  const rows = await getDb().selectDistinct({ nodeId: inventoryTypes.nodeId }).from(inventoryTypes).orderBy(inventoryTypes.nodeId);
  return rows.map((row) => row.nodeId);
}

/**
 * The nodes that pass every filter: for each filtered type, a node needs one entry that passes all
 * of that type's filters ("openssl and below 3.0.15" is one package, not any two). Types are
 * checked one after another, each only on the nodes still in the running.
 */
export async function matchFleet(filters: InventoryFilter[]): Promise<FleetMatch> {
  const matches = new Map<string, Map<string, MatchedEntry[]>>();
  if (filters.length === 0) return { nodeIds: await inventoriedNodeIds(), matches };
  let remaining: string[] | undefined;
  const schemes = new Map<string, PackageFormat>();
  for (const [typeName, typeFilters] of groupByType(filters)) {
    const rows = await candidateEntries(typeName, typeFilters, remaining);
    const passed = new Set<string>();
    for (const row of rows) {
      let scheme = schemes.get(row.nodeId);
      if (!scheme) schemes.set(row.nodeId, (scheme = packageFormatOf(row.platformName)));
      if (!typeFilters.every((filter) => entryMatches(filter, row.data, scheme))) continue;
      passed.add(row.nodeId);
      const byType = matches.get(row.nodeId) ?? new Map<string, MatchedEntry[]>();
      byType.set(typeName, [...(byType.get(typeName) ?? []), { itemKey: row.itemKey, data: row.data }]);
      matches.set(row.nodeId, byType);
    }
    remaining = [...passed];
    if (remaining.length === 0) break;
  }
  const nodeIds = (remaining ?? []).sort();
  const kept = new Set(nodeIds);
  for (const nodeId of matches.keys()) if (!kept.has(nodeId)) matches.delete(nodeId);
  return { nodeIds, matches };
}
