import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { managedNodes, nodeIpNetworks, type ManagedNode } from '@/db/schema';
import { NODE_ID_PATTERN, tagsSchema } from '@/agent/protocol';
import { getDb, getServerContext } from '@/server/context';
import { notFound, validationError } from '@/server/errors';
import { allowedActions, authorize } from '@/server/identity/authorize';
import { nodeArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { resourceGroupCondition } from '@/server/resource-groups/membership';
import { filterEntries, parseCidr, versionKey, MAX_PAGE_SIZE, type FleetFilters, type ParsedCidr, type SortKey, type SortOrder, type TagFilter } from './filters';
import { toNodeView, type NodeView } from './node-view';
import { publishStatusChange } from './presence';
import { emitNodeTargetsChanged } from './events';

/** The Fleet Manager filters (server/fleet/filters.ts), plus what only the SSM API filters by. */
export interface NodeFilters extends Partial<FleetFilters> {
  /** DescribeInstanceInformation InstanceIds. */
  nodeIds?: string[];
  /** DescribeInstanceInformation ResourceType: every node here is a ManagedInstance. */
  resourceTypes?: ('ManagedInstance' | 'EC2Instance')[];
}

const listNodesInput = z.object({
  sort: z.custom<SortKey>().default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  offset: z.number().int().min(0).default(0),
  filters: z.custom<NodeFilters>().default({}),
});
export type ListNodesInput = z.input<typeof listNodesInput>;

export interface FilterCount {
  param: string;
  value: string;
  /** Nodes this one filter matches on its own. */
  count: number;
}

export interface NodeListPage {
  nodes: NodeView[];
  total: number;
  /** Only when nothing matched: what each filter matches alone, so the console can say which one is empty. */
  filterCounts?: FilterCount[];
}

// ---------------------------------------------------------------------------------------------
// Filters → SQL. Each condition is written the way its index (db/schema/nodes.ts) expects.

interface FilterAtom {
  param: string;
  value: string;
  condition: SQL;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
const ipNetworks = nodeIpNetworks(managedNodes.ipAddresses);
const networksOverlap = (networks: string[]) => sql`${ipNetworks} && ${sql.param(networks)}::text[]`;

/** IPv4 networks, as opsdeck_ip_networks writes them, covering exactly the addresses that start with `octets` then `partial`. */
function ipv4PrefixNetworks(octets: number[], partial: string): string[] {
  const candidates = partial === '' ? [undefined] : Array.from({ length: 256 }, (_, octet) => octet).filter((octet) => String(octet).startsWith(partial));
  const length = (octets.length + (partial === '' ? 0 : 1)) * 8;
  return candidates.map((octet) => `${[...octets, ...(octet === undefined ? [] : [octet]), 0, 0, 0, 0].slice(0, 4).join('.')}/${length}`);
}

/**
 * "Free text is an address prefix": digits and dots (`10.1.2`) match the addresses that start
 * with them. Textually, `10.1.2` is 10.1.2.x, 10.1.20-29.x and 10.1.200-255.x: exactly a set of
 * /24 networks, so the network index answers it alone. IPv6 text (`fd00:`) is compared as text.
 */
function ipPrefixCondition(q: string): SQL | undefined {
  if (/^\d{1,3}(\.\d{1,3}){0,3}\.?$/.test(q)) {
    const parts = q.split('.');
    const complete = parts.slice(0, -1).map(Number);
    if (complete.some((octet) => octet > 255)) return undefined;
    const networks = ipv4PrefixNetworks(complete, parts.at(-1)!);
    return networks.length === 0 ? undefined : networksOverlap(networks);
  }
  if (/^[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){1,7}$/.test(q)) {
    return sql`exists (select 1 from jsonb_array_elements_text(${managedNodes.ipAddresses}) address where lower(address) like ${`${escapeLike(q.toLowerCase())}%`})`;
  }
  return undefined;
}

/**
 * `q`: node id, name or computer name contains the text (trigram index), or an address starts with
 * it. The two halves are a UNION of ids rather than an OR: an OR would re-check every trigram
 * candidate against the address networks, one function call per row.
 */
function textCondition(q: string): SQL {
  const contains = sql`${managedNodes.searchText} like ${`%${escapeLike(q.toLowerCase())}%`}`;
  const address = ipPrefixCondition(q);
  if (!address) return contains;
  return sql`${managedNodes.id} in (select ${managedNodes.id} from ${managedNodes} where ${contains} union all select ${managedNodes.id} from ${managedNodes} where ${address})`;
}

const IPV6_INDEXED_PREFIXES = [16, 32, 48, 64, 128];

/**
 * Any of the node's addresses inside the block. IPv4: the block is split into the /8, /16, /24 or
 * /32 networks the index holds (at most 256), which answers exactly. IPv6: the network at an
 * indexed length narrows the rows, then each address is checked.
 */
function cidrCondition(cidr: ParsedCidr): SQL {
  if (cidr.family === 4) {
    const indexed = Math.min(32, Math.max(8, Math.ceil(cidr.prefix / 8) * 8));
    const base = cidr.octets!.reduce((value, octet) => value * 256 + octet, 0);
    const blockSize = 2 ** (32 - cidr.prefix);
    const start = Math.floor(base / blockSize) * blockSize;
    const step = 2 ** (32 - indexed);
    const networks: string[] = [];
    for (let address = start; address < start + blockSize; address += step) {
      networks.push(`${[24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')}/${indexed}`);
    }
    return networksOverlap(networks);
  }
  if (cidr.prefix < 16 && cidr.prefix >= 6) {
    // Wide IPv6 blocks (fc00::/7, the unique local addresses): the /16 networks inside, at most 1024.
    const first = parseInt(cidr.address.startsWith('::') ? '0' : cidr.address.split(':')[0]!, 16);
    const size = 2 ** (16 - cidr.prefix);
    const start = Math.floor(first / size) * size;
    return networksOverlap(Array.from({ length: size }, (_, index) => (start + index === 0 ? '::/16' : `${(start + index).toString(16)}::/16`)));
  }
  const block = sql`${`${cidr.address}/${cidr.prefix}`}::inet`;
  const networkAt = (length: number) => sql`network(set_masklen(${block}, ${sql.raw(String(length))}))::text`;
  if (IPV6_INDEXED_PREFIXES.includes(cidr.prefix)) return sql`${ipNetworks} && array[${networkAt(cidr.prefix)}]`;
  // The /128 entries of the network list are the node's valid addresses, so casting them is safe.
  const exact = sql`exists (select 1 from unnest(${ipNetworks}) network where network like '%/128' and network::inet <<= ${block})`;
  const narrower = IPV6_INDEXED_PREFIXES.filter((length) => length <= cidr.prefix).at(-1);
  return narrower ? sql`(${ipNetworks} && array[${networkAt(narrower)}] and ${exact})` : exact;
}

/** `tags @> {"k":"v"}` and `tags ? k` are what the GIN index on tags answers. */
function tagCondition(tag: TagFilter): SQL {
  if (tag.values.length === 0) return sql`${managedNodes.tags} ? ${tag.key}`;
  const matches = tag.values.map((value) => sql`${managedNodes.tags} @> ${JSON.stringify({ [tag.key]: value })}::jsonb`);
  return matches.length === 1 ? matches[0]! : sql`(${sql.join(matches, sql` or `)})`;
}

async function filterAtoms(filters: NodeFilters): Promise<FilterAtom[]> {
  const atoms: FilterAtom[] = [];
  const conditionOf: Record<string, (value: string) => Promise<SQL> | SQL> = {
    q: (q) => textCondition(q),
    status: () => inArray(managedNodes.pingStatus, filters.status!),
    platform: () => inArray(managedNodes.platformType, filters.platform!),
    os: () => inArray(managedNodes.platformName, filters.os!),
    osVersion: () => inArray(managedNodes.platformVersion, filters.osVersion!),
    agent: () => inArray(managedNodes.agentVersion, filters.agent!),
    agentOlderThan: (version) => sql`${managedNodes.agentVersionKey} < ${sql.param(versionKey(version))}::int[]`,
    region: () => inArray(managedNodes.region, filters.region!),
    account: () => inArray(managedNodes.account, filters.account!),
    group: (name) => resourceGroupCondition(name),
    cidr: (text) => cidrCondition(parseCidr(text)!),
    seenBefore: (time) => lt(managedNodes.lastPingAt, new Date(time)),
    seenAfter: (time) => gt(managedNodes.lastPingAt, new Date(time)),
  };
  for (const [param, value] of filterEntries(filters)) {
    if (param === 'tag') continue;
    atoms.push({ param, value, condition: await conditionOf[param]!(value) });
  }
  for (const tag of filters.tag ?? []) atoms.push({ param: 'tag', value: `${tag.key}=${tag.values.join(',')}`, condition: tagCondition(tag) });
  if (filters.nodeIds) atoms.push({ param: 'nodeIds', value: filters.nodeIds.join(','), condition: filters.nodeIds.length > 0 ? inArray(managedNodes.id, filters.nodeIds) : sql`false` });
  if (filters.resourceTypes && !filters.resourceTypes.includes('ManagedInstance')) {
    atoms.push({ param: 'resourceTypes', value: filters.resourceTypes.join(','), condition: sql`false` });
  }
  return atoms;
}

/** The condition for a set of filters (undefined: every node); for the export and other readers. */
export async function nodeFilterCondition(filters: NodeFilters): Promise<SQL | undefined> {
  return and(...(await filterAtoms(filters)).map((atom) => atom.condition));
}

// ---------------------------------------------------------------------------------------------
// Sorting: each order ends in the node id, so pages never overlap or skip a node.

const SORT_EXPRESSIONS: Record<SortKey, SQL[]> = {
  nodeId: [sql`${managedNodes.id}`],
  name: [sql`${managedNodes.name}`, sql`${managedNodes.id}`],
  // Status, then OS, then id: the order of the status index, so a status-sorted page is an index walk.
  pingStatus: [sql`${managedNodes.pingStatus}`, sql`${managedNodes.platformName}`, sql`${managedNodes.id}`],
  platformName: [sql`${managedNodes.platformName}`, sql`${managedNodes.platformVersion}`, sql`${managedNodes.id}`],
  agentVersion: [sql`${managedNodes.agentVersionKey}`, sql`${managedNodes.id}`],
  lastPingDateTime: [sql`${managedNodes.lastPingAt}`, sql`${managedNodes.id}`],
  region: [sql`${managedNodes.region}`, sql`${managedNodes.id}`],
  account: [sql`${managedNodes.account}`, sql`${managedNodes.id}`],
};

/** SQL ORDER BY terms; never-seen nodes go last either way (last_ping_at has no index to follow). */
export function nodeOrderBy(sort: SortKey, order: SortOrder, expressions: SQL[] = SORT_EXPRESSIONS[sort]): SQL[] {
  const nulls = sort === 'lastPingDateTime' ? sql` nulls last` : sql``;
  return expressions.map((expression) => (order === 'asc' ? sql`${asc(expression)}${nulls}` : sql`${desc(expression)}${nulls}`));
}

// ---------------------------------------------------------------------------------------------
// Listing

/** Above this share of the fleet, walking a sort index beats collecting every match first. */
const BROAD_FILTER_SHARE = 0.2;
let tableEstimate: { rows: number; at: number } | undefined;

async function estimateRows(where?: SQL): Promise<number> {
  const result = await getDb().execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    sql`explain (format json) select 1 from ${managedNodes}${where ? sql` where ${where}` : sql``}`,
  );
  return result.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0;
}

async function fleetSizeEstimate(): Promise<number> {
  if (!tableEstimate || Date.now() - tableEstimate.at > 60_000) tableEstimate = { rows: await estimateRows(), at: Date.now() };
  return tableEstimate.rows;
}

/**
 * One page of nodes and the exact count. Two plans, chosen by the planner's estimate of matches:
 * a broad set (or none) walks the index of the sort column and stops after one page, while the
 * count runs beside it; a narrow set is collected first (through the filter indexes), counted and
 * sorted in one statement. Walking the sort index for a narrow set is the trap: if the matches sit
 * late in that order (say names starting with "web" and a filter on web servers), the walk reads
 * most of the table before it finds a page.
 */
interface PagePlan {
  /** "narrow": matches collected, counted and sorted in one statement; "broad": a sort-index walk beside a count. */
  strategy: 'narrow' | 'broad';
  statements: { name: string; query: SQL }[];
}

async function planNodePage(where: SQL | undefined, sort: SortKey, order: SortOrder, limit: number, offset: number): Promise<PagePlan> {
  const isNarrow = where !== undefined && (await estimateRows(where)) <= BROAD_FILTER_SHARE * (await fleetSizeEstimate());
  const whereClause = where ? sql` where ${where}` : sql``;
  if (!isNarrow) {
    return {
      strategy: 'broad',
      statements: [
        // Ids first: the sort indexes end in the id, so even a deep page is an index-only walk.
        { name: 'page', query: sql`select ${managedNodes.id} from ${managedNodes}${whereClause} order by ${sql.join(nodeOrderBy(sort, order), sql`, `)} limit ${limit} offset ${offset}` },
        { name: 'count', query: sql`select count(*)::int as total from ${managedNodes}${whereClause}` },
      ],
    };
  }
  const expressions = SORT_EXPRESSIONS[sort];
  const keys = expressions.map((_, index) => sql.raw(`k${index}`));
  const query = sql`
    with matched as materialized (
      select ${sql.join(expressions.map((expression, index) => sql`${expression} as ${keys[index]}`), sql`, `)} from ${managedNodes}${whereClause}
    )
    select (select count(*) from matched)::int as total,
           array(select ${keys.at(-1)} from matched order by ${sql.join(nodeOrderBy(sort, order, keys.map((key) => sql`${key}`)), sql`, `)} limit ${limit} offset ${offset}) as ids`;
  return { strategy: 'narrow', statements: [{ name: 'page and count', query }] };
}

async function queryNodePage(where: SQL | undefined, sort: SortKey, order: SortOrder, limit: number, offset: number): Promise<{ rows: ManagedNode[]; total: number }> {
  const db = getDb();
  const plan = await planNodePage(where, sort, order, limit, offset);
  let page: { ids: string[]; total: number };
  if (plan.strategy === 'broad') {
    const [idRows, countRows] = await Promise.all(plan.statements.map((statement) => db.execute<{ id: string; total: number }>(statement.query)));
    page = { ids: idRows!.rows.map((row) => row.id), total: countRows!.rows[0]?.total ?? 0 };
  } else {
    page = (await db.execute<{ total: number; ids: string[] }>(plan.statements[0]!.query)).rows[0]!;
  }
  if (page.ids.length === 0) return { rows: [], total: page.total };
  const byId = new Map((await db.select().from(managedNodes).where(inArray(managedNodes.id, page.ids))).map((row) => [row.id, row]));
  return { rows: page.ids.flatMap((id) => byId.get(id) ?? []), total: page.total };
}

export interface PlanReport {
  strategy: PagePlan['strategy'];
  statements: { name: string; executionMs: number; indexes: string[]; seqScans: string[]; plan: string }[];
}

/**
 * EXPLAIN ANALYZE of the statements listNodes runs for this input, for the benchmark: which
 * strategy, how long, which indexes each used and whether any scanned the whole table.
 */
export async function explainNodeList(input: ListNodesInput): Promise<PlanReport> {
  const { sort, order, limit, offset, filters } = listNodesInput.parse(input);
  const atoms = await filterAtoms(filters);
  const plan = await planNodePage(and(...atoms.map((atom) => atom.condition)), sort, order, limit, offset);
  const statements: PlanReport['statements'] = [];
  for (const statement of plan.statements) {
    const [json, text] = await Promise.all([
      getDb().execute<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(sql`explain (analyze, format json) ${statement.query}`),
      getDb().execute<{ 'QUERY PLAN': string }>(sql`explain (analyze, costs off, timing off, summary off) ${statement.query}`),
    ]);
    const root = json.rows[0]!['QUERY PLAN'][0];
    const indexes = new Set<string>();
    const seqScans = new Set<string>();
    const visit = (node: PlanNode) => {
      if (node['Index Name']) indexes.add(node['Index Name']);
      if (node['Node Type'] === 'Seq Scan') seqScans.add(node['Relation Name'] ?? '?');
      node.Plans?.forEach(visit);
    };
    visit(root.Plan);
    statements.push({ name: statement.name, executionMs: root['Execution Time'], indexes: [...indexes], seqScans: [...seqScans], plan: text.rows.map((row) => row['QUERY PLAN']).join('\n') });
  }
  return { strategy: plan.strategy, statements };
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

async function countEachFilter(atoms: FilterAtom[]): Promise<FilterCount[]> {
  const columns = atoms.map((atom, index) => sql`count(*) filter (where ${atom.condition})::int as ${sql.raw(`c${index}`)}`);
  const result = await getDb().execute<Record<string, number>>(sql`select ${sql.join(columns, sql`, `)} from ${managedNodes}`);
  return atoms.map((atom, index) => ({ param: atom.param, value: atom.value, count: result.rows[0]?.[`c${index}`] ?? 0 }));
}

/** The Fleet Manager list and DescribeInstanceInformation: filtered, sorted and paged in PostgreSQL. */
export async function listNodes(caller: Caller, input: ListNodesInput = {}): Promise<NodeListPage> {
  const { sort, order, limit, offset, filters } = listNodesInput.parse(input);
  return perform(caller, { name: 'DescribeInstanceInformation', iamAction: 'ssm:DescribeInstanceInformation', parameters: { filters }, isAudited: false }, async () => {
    const atoms = await filterAtoms(filters);
    const page = await queryNodePage(and(...atoms.map((atom) => atom.condition)), sort, order, limit, offset);
    const filterCounts = page.total === 0 && atoms.length > 0 ? await countEachFilter(atoms) : undefined;
    return { nodes: page.rows.map(toNodeView), total: page.total, ...(filterCounts ? { filterCounts } : {}) };
  });
}

async function findNodeRow(nodeId: string): Promise<ManagedNode> {
  const [row] = NODE_ID_PATTERN.test(nodeId) ? await getDb().select().from(managedNodes).where(eq(managedNodes.id, nodeId)) : [];
  if (!row) throw notFound('InvalidInstanceId', `node '${nodeId}' is not a managed node`);
  return row;
}

const arnOf = (nodeId: string) => nodeArn(getServerContext().region, getServerContext().accountId, nodeId);

export interface NodePermissions {
  canDeregister: boolean;
  canStartSession: boolean;
  canTag: boolean;
}

/** A node and what this caller may do to it, decided with the node's own tags. */
export async function getNode(caller: Caller, nodeId: string): Promise<NodeView & { permissions: NodePermissions }> {
  return perform(caller, { name: 'DescribeInstanceInformation', iamAction: 'ssm:DescribeInstanceInformation', resources: [arnOf(nodeId)], isAudited: false }, async () => {
    const row = await findNodeRow(nodeId);
    const onThisNode = (action: string) => ({ action, resource: arnOf(nodeId), resourceTags: row.tags });
    const permissions = await allowedActions(caller, {
      canDeregister: onThisNode('ssm:DeregisterManagedInstance'),
      canStartSession: onThisNode('ssm:StartSession'),
      canTag: onThisNode('ssm:AddTagsToResource'),
    });
    return { ...toNodeView(row), permissions };
  });
}

/** Deregisters a node: its credentials stop working at once and it shows as Inactive. */
export async function deregisterNode(caller: Caller, nodeId: string): Promise<NodeView> {
  return perform(caller, { name: 'DeregisterManagedInstance', resources: [arnOf(nodeId)], parameters: { instanceId: nodeId } }, async () => {
    const node = await findNodeRow(nodeId);
    await authorize(caller, { action: 'ssm:DeregisterManagedInstance', resource: arnOf(nodeId), resourceTags: node.tags });
    const [row] = await getDb()
      .update(managedNodes)
      .set({ pingStatus: 'Inactive', deregisteredAt: new Date(), connectionId: null })
      .where(eq(managedNodes.id, nodeId))
      .returning();
    getServerContext().disconnectAgent(nodeId);
    await publishStatusChange([row!], `deregistered by ${caller.username}`);
    return toNodeView(row!);
  });
}

export async function listNodeTags(caller: Caller, nodeId: string): Promise<Record<string, string>> {
  return perform(caller, { name: 'ListTagsForResource', resources: [arnOf(nodeId)], isAudited: false }, async () => {
    const node = await findNodeRow(nodeId);
    await authorize(caller, { action: 'ssm:ListTagsForResource', resource: arnOf(nodeId), resourceTags: node.tags });
    return node.tags;
  });
}

/** Merges tags into a node's (AWS: AddTagsToResource overwrites values of existing keys). */
export async function addNodeTags(caller: Caller, nodeId: string, tags: Record<string, string>): Promise<Record<string, string>> {
  const parsed = tagsSchema.parse(tags);
  return perform(caller, { name: 'AddTagsToResource', resources: [arnOf(nodeId)], parameters: { resourceId: nodeId, tags: parsed } }, async () => {
    const node = await findNodeRow(nodeId);
    await authorize(caller, { action: 'ssm:AddTagsToResource', resource: arnOf(nodeId), resourceTags: node.tags });
    const merged = tagsSchema.safeParse({ ...node.tags, ...parsed });
    if (!merged.success) throw validationError(`node ${nodeId}: ${merged.error.issues[0]?.message}`);
    return updateTags(nodeId, merged.data);
  });
}

export async function removeNodeTags(caller: Caller, nodeId: string, keys: string[]): Promise<Record<string, string>> {
  return perform(caller, { name: 'RemoveTagsFromResource', resources: [arnOf(nodeId)], parameters: { resourceId: nodeId, tagKeys: keys } }, async () => {
    const node = await findNodeRow(nodeId);
    await authorize(caller, { action: 'ssm:RemoveTagsFromResource', resource: arnOf(nodeId), resourceTags: node.tags });
    return updateTags(nodeId, Object.fromEntries(Object.entries(node.tags).filter(([key]) => !keys.includes(key))));
  });
}

async function updateTags(nodeId: string, tags: Record<string, string>): Promise<Record<string, string>> {
  const [row] = await getDb().update(managedNodes).set({ tags }).where(eq(managedNodes.id, nodeId)).returning();
  getServerContext().broadcast('node:updated', toNodeView(row!));
  emitNodeTargetsChanged(nodeId);
  return row!.tags;
}
