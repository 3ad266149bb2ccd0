import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { managedNodes } from '@/db/schema';
import { NODE_ID_PATTERN } from '@/agent/protocol';
import { getDb, getServerContext } from '@/server/context';
import { notFound } from '@/server/errors';
import { toNodeView, type NodeView } from './node-view';

const SORTABLE = {
  nodeId: managedNodes.id,
  name: managedNodes.name,
  pingStatus: managedNodes.pingStatus,
  platformName: managedNodes.platformName,
  agentVersion: managedNodes.agentVersion,
  lastPingDateTime: managedNodes.lastPingAt,
} as const;

export const listNodesInput = z.object({
  sortBy: z.enum(Object.keys(SORTABLE) as [keyof typeof SORTABLE]).default('name'),
  sortOrder: z.enum(['asc', 'desc']).default('asc'),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  page: z.coerce.number().int().min(1).default(1),
});
export type ListNodesInput = z.input<typeof listNodesInput>;

export async function listNodes(input: ListNodesInput = {}): Promise<{ nodes: NodeView[]; total: number }> {
  const { sortBy, sortOrder, pageSize, page } = listNodesInput.parse(input);
  const order: SQL = sortOrder === 'asc' ? asc(SORTABLE[sortBy]) : desc(SORTABLE[sortBy]);
  const db = getDb();
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(managedNodes)
      .orderBy(order, asc(managedNodes.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(managedNodes),
  ]);
  return { nodes: rows.map(toNodeView), total: counted?.total ?? 0 };
}

export async function getNode(nodeId: string): Promise<NodeView> {
  const [row] = NODE_ID_PATTERN.test(nodeId)
    ? await getDb().select().from(managedNodes).where(eq(managedNodes.id, nodeId))
    : [];
  if (!row) throw notFound('InvalidInstanceId', `node '${nodeId}' is not a managed node`);
  return toNodeView(row);
}

/** Deregisters a node: its credentials stop working at once and it shows as Inactive. */
export async function deregisterNode(nodeId: string): Promise<NodeView> {
  await getNode(nodeId);
  const [row] = await getDb()
    .update(managedNodes)
    .set({ pingStatus: 'Inactive', deregisteredAt: new Date(), connectionId: null })
    .where(eq(managedNodes.id, nodeId))
    .returning();
  const context = getServerContext();
  context.disconnectAgent(nodeId);
  const view = toNodeView(row!);
  context.broadcast('node:updated', view);
  return view;
}

export async function summarizeFleet(): Promise<{ total: number; byPingStatus: Record<string, number>; byPlatform: Record<string, number> }> {
  const rows = await getDb()
    .select({
      pingStatus: managedNodes.pingStatus,
      platform: sql<string>`coalesce(${managedNodes.platformName} || ' ' || ${managedNodes.platformVersion}, 'Unknown')`,
      count: sql<number>`count(*)::int`,
    })
    .from(managedNodes)
    .groupBy(managedNodes.pingStatus, sql`2`);
  const byPingStatus: Record<string, number> = { Online: 0, ConnectionLost: 0, Inactive: 0 };
  const byPlatform: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    total += row.count;
    byPingStatus[row.pingStatus] = (byPingStatus[row.pingStatus] ?? 0) + row.count;
    byPlatform[row.platform] = (byPlatform[row.platform] ?? 0) + row.count;
  }
  return { total, byPingStatus, byPlatform };
}
