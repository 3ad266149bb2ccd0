import { and, eq, sql, type SQL } from 'drizzle-orm';
import { inventoryEntries, inventoryTypes, managedNodes } from '@/db/schema';
import { getDb } from '@/server/context';
import { OpsdeckError } from '@/server/errors';
import { groupByType, parseFilterKey, type InventoryFilter } from './filters';
import { matchFleet, type FleetMatch } from './query';

/** One aggregation: a type and the attributes to count by (the expression, then nested ones). */
export interface Aggregation {
  typeName: string;
  attributes: string[];
}

export interface AggregateRow {
  values: Record<string, string>;
  /** Nodes with at least one entry having these values. */
  count: number;
}

/** `AWS:Application.Name` plus nested `AWS:Application.Version` → one aggregation by Name and Version. */
export function parseAggregation(expression: string, nested: string[] = []): Aggregation {
  const { typeName, attribute } = parseFilterKey(expression);
  const attributes = [attribute];
  for (const inner of nested) {
    const parsed = parseFilterKey(inner);
    if (parsed.typeName !== typeName) throw new OpsdeckError('InvalidAggregatorException', `a nested aggregator counts within ${typeName}; ${inner} is another type`);
    attributes.push(parsed.attribute);
  }
  return { typeName, attributes };
}

const MAX_AGGREGATE_ROWS = 5000;

/** Counted in PostgreSQL: nodes per distinct value combination, over the given nodes (or all). */
async function aggregateInDatabase(aggregation: Aggregation, nodeIds: string[] | undefined): Promise<AggregateRow[]> {
  const columns = aggregation.attributes.map((attribute, index) => sql`${inventoryEntries.data}->>${attribute} as ${sql.raw(`a${index}`)}`);
  const conditions: SQL[] = [eq(inventoryEntries.typeName, aggregation.typeName), ...aggregation.attributes.map((attribute) => sql`${inventoryEntries.data} ? ${attribute}`)];
  if (nodeIds) conditions.push(sql`${inventoryEntries.nodeId} = any(${sql.param(nodeIds)}::text[])`);
  const groups = aggregation.attributes.map((_, index) => sql.raw(String(index + 1)));
  const result = await getDb().execute<Record<string, string> & { count: number }>(sql`
    select ${sql.join(columns, sql`, `)}, count(distinct ${inventoryEntries.nodeId})::int as count
    from ${inventoryEntries} where ${and(...conditions)}
    group by ${sql.join(groups, sql`, `)} order by count desc, 1 limit ${MAX_AGGREGATE_ROWS}`);
  return result.rows.map((row) => ({ values: Object.fromEntries(aggregation.attributes.map((attribute, index) => [attribute, row[`a${index}`]!])), count: row.count }));
}

/** Counted from the entries a query matched: when the filters name the aggregated type, only those entries count. */
function aggregateMatches(aggregation: Aggregation, match: FleetMatch): AggregateRow[] {
  const nodesByValues = new Map<string, { values: Record<string, string>; nodes: Set<string> }>();
  for (const [nodeId, byType] of match.matches) {
    for (const entry of byType.get(aggregation.typeName) ?? []) {
      if (aggregation.attributes.some((attribute) => entry.data[attribute] === undefined)) continue;
      const values = Object.fromEntries(aggregation.attributes.map((attribute) => [attribute, entry.data[attribute]!]));
      const key = JSON.stringify(values);
      const group = nodesByValues.get(key) ?? { values, nodes: new Set<string>() };
      group.nodes.add(nodeId);
      nodesByValues.set(key, group);
    }
  }
  return [...nodesByValues.values()]
    .map((group) => ({ values: group.values, count: group.nodes.size }))
    .sort((a, b) => b.count - a.count || JSON.stringify(a.values).localeCompare(JSON.stringify(b.values)))
    .slice(0, MAX_AGGREGATE_ROWS);
}

/**
 * Nodes per value of an attribute ("top packages", "versions of openssl"), over the nodes the
 * filters select. Filters on the aggregated type narrow the entries counted too, so "Name =
 * openssl, by Version" is the version spread of openssl, not of every package on those nodes.
 */
export async function aggregate(aggregation: Aggregation, filters: InventoryFilter[], match?: FleetMatch): Promise<AggregateRow[]> {
  if (filters.length === 0) return aggregateInDatabase(aggregation, undefined);
  const matched = match ?? (await matchFleet(filters));
  if (groupByType(filters).has(aggregation.typeName)) return aggregateMatches(aggregation, matched);
  return matched.nodeIds.length === 0 ? [] : aggregateInDatabase(aggregation, matched.nodeIds);
}

export interface GroupCount {
  name: string;
  matching: number;
  notMatching: number;
}

/** AWS's aggregator Groups: of the selected nodes, how many pass each group's filters and how many do not. */
export async function countGroups(groups: { name: string; filters: InventoryFilter[] }[], filters: InventoryFilter[], match: FleetMatch): Promise<GroupCount[]> {
  const counts: GroupCount[] = [];
  for (const group of groups) {
    const inGroup = await matchFleet([...filters, ...group.filters]);
    counts.push({ name: group.name, matching: inGroup.nodeIds.length, notMatching: match.nodeIds.length - inGroup.nodeIds.length });
  }
  return counts;
}

export interface FleetOverview {
  inventoriedNodes: number;
  managedNodes: number;
  /** Inventoried nodes by the age of their newest data. */
  ageBuckets: { withinHour: number; withinDay: number; older: number };
  platforms: { platformName: string; count: number }[];
}

/** Coverage and freshness of the fleet's inventory, and its OS spread. */
export async function fleetOverview(): Promise<FleetOverview> {
  const db = getDb();
  const newest = db
    .select({ nodeId: inventoryTypes.nodeId, capturedAt: sql<Date>`max(${inventoryTypes.captureTime})`.as('captured_at') })
    .from(inventoryTypes)
    .groupBy(inventoryTypes.nodeId)
    .as('newest');
  const [ages] = await db
    .select({
      inventoriedNodes: sql<number>`count(*)::int`,
      withinHour: sql<number>`count(*) filter (where ${newest.capturedAt} > now() - interval '1 hour')::int`,
      withinDay: sql<number>`count(*) filter (where ${newest.capturedAt} <= now() - interval '1 hour' and ${newest.capturedAt} > now() - interval '1 day')::int`,
      older: sql<number>`count(*) filter (where ${newest.capturedAt} <= now() - interval '1 day')::int`,
    })
    .from(newest);
  const [managed] = await db.select({ count: sql<number>`count(*)::int` }).from(managedNodes).where(sql`${managedNodes.deregisteredAt} is null`);
  const platforms = await db
    .select({ platformName: sql<string>`coalesce(${managedNodes.platformName}, 'Unknown')`, count: sql<number>`count(*)::int` })
    .from(managedNodes)
    .innerJoin(newest, eq(newest.nodeId, managedNodes.id))
    .groupBy(sql`1`)
    .orderBy(sql`2 desc`);
  return {
    inventoriedNodes: ages?.inventoriedNodes ?? 0,
    managedNodes: managed?.count ?? 0,
    ageBuckets: { withinHour: ages?.withinHour ?? 0, withinDay: ages?.withinDay ?? 0, older: ages?.older ?? 0 },
    platforms,
  };
}
