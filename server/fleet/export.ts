import { inArray, sql } from 'drizzle-orm';
import { managedNodes } from '@/db/schema';
import { getDb } from '@/server/context';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { fleetSearchParams, NODE_COLUMNS, type FleetQuery, type NodeColumnId } from './filters';
import { toNodeView, type NodeView } from './node-view';
import { nodeFilterCondition, nodeOrderBy } from './service';

const CHUNK = 1000;

/** Tags as `k=v` by key (jsonb keeps its own key order, shortest first, which reads as random). */
export const tagText = (tags: Record<string, string>, separator: string) =>
  Object.keys(tags).sort().map((key) => `${key}=${tags[key]}`).join(separator);

const CELLS: Record<NodeColumnId, (node: NodeView) => string> = {
  nodeId: (node) => node.nodeId,
  name: (node) => node.name,
  pingStatus: (node) => node.pingStatus,
  os: (node) => [node.platformName, node.platformVersion].filter(Boolean).join(' '),
  platformType: (node) => node.platformType ?? '',
  ipAddress: (node) => node.ipAddresses.join(' '),
  agentVersion: (node) => node.agentVersion ?? '',
  lastPingDateTime: (node) => node.lastPingDateTime?.toISOString() ?? '',
  region: (node) => node.region ?? '',
  account: (node) => node.account ?? '',
  computerName: (node) => node.computerName ?? '',
  architecture: (node) => node.architecture ?? '',
  kernelVersion: (node) => node.kernelVersion ?? '',
  tags: (node) => tagText(node.tags, '; '),
  registrationDate: (node) => node.registrationDate.toISOString(),
};

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * A field a spreadsheet would run as a formula (=, +, -, @ first: node names and tags are set by
 * agents and operators) gets a leading apostrophe, as OWASP advises against CSV injection.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;

/**
 * The filtered fleet as CSV, in the table's order and columns, read in chunks so 100,000 nodes
 * never sit in memory as rows: the ordered ids first (one index walk), then the rows chunk by chunk.
 */
async function* nodeCsv(query: FleetQuery, columns: NodeColumnId[]): AsyncGenerator<string> {
  const { sort, order, page: _page, pageSize: _pageSize, ...filters } = query;
  yield csvLine(columns.map((id) => NODE_COLUMNS.find((column) => column.id === id)!.label));
  const where = await nodeFilterCondition(filters);
  const db = getDb();
  const idRows = await db.execute<{ id: string }>(
    sql`select ${managedNodes.id} from ${managedNodes}${where ? sql` where ${where}` : sql``} order by ${sql.join(nodeOrderBy(sort, order), sql`, `)}`,
  );
  const ids = idRows.rows.map((row) => row.id);
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const byId = new Map((await db.select().from(managedNodes).where(inArray(managedNodes.id, chunk))).map((row) => [row.id, toNodeView(row)]));
    let text = '';
    for (const id of chunk) {
      const node = byId.get(id);
      // A node deregistered and deleted since the id walk is simply left out.
      if (node) text += csvLine(columns.map((column) => CELLS[column](node)));
    }
    yield text;
  }
}

/** Exporting the fleet is recorded like a sensitive read: who took a copy, with which filters. */
export async function startNodeExport(caller: Caller, query: FleetQuery, columns: NodeColumnId[]): Promise<AsyncGenerator<string>> {
  const filters = fleetSearchParams({ ...query, page: 1, pageSize: undefined }).toString();
  await perform(caller, { name: 'ExportNodes', iamAction: 'ssm:DescribeInstanceInformation', parameters: { filters, columns } }, async () => {
    // Resolves the filters now (an unknown resource group fails here, in the audit record) rather than mid-stream.
    await nodeFilterCondition(query);
  });
  return nodeCsv(query, columns);
}
