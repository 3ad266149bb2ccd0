import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { managedNodes, type ManagedNode } from '@/db/schema';
import { NODE_ID_PATTERN, tagsSchema } from '@/agent/protocol';
import { getDb, getServerContext } from '@/server/context';
import { notFound, validationError } from '@/server/errors';
import { authorize, isAllowed } from '@/server/identity/authorize';
import { nodeArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { toNodeView, type NodeView } from './node-view';
import { publishStatusChange } from './presence';

const SORTABLE = {
  nodeId: managedNodes.id,
  name: managedNodes.name,
  pingStatus: managedNodes.pingStatus,
  platformName: managedNodes.platformName,
  agentVersion: managedNodes.agentVersion,
  lastPingDateTime: managedNodes.lastPingAt,
} as const;

export const nodeFiltersSchema = z.object({
  nodeIds: z.array(z.string()).max(50).optional(),
  pingStatus: z.array(z.enum(['Online', 'ConnectionLost', 'Inactive'])).optional(),
  platformTypes: z.array(z.enum(['Linux', 'MacOS', 'Windows'])).optional(),
  agentVersions: z.array(z.string()).optional(),
  // Every registered node is a ManagedInstance; EC2 instances do not exist here.
  resourceTypes: z.array(z.enum(['ManagedInstance', 'EC2Instance'])).optional(),
  /** tag key → accepted values; a node must match every key. */
  tags: z.record(z.string(), z.array(z.string()).min(1)).optional(),
});
export type NodeFilters = z.infer<typeof nodeFiltersSchema>;

export const listNodesInput = z.object({
  sortBy: z.enum(Object.keys(SORTABLE) as [keyof typeof SORTABLE]).default('name'),
  sortOrder: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  filters: nodeFiltersSchema.default({}),
});
export type ListNodesInput = z.input<typeof listNodesInput>;

function nodeFilter(filters: NodeFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filters.nodeIds ? inArray(managedNodes.id, filters.nodeIds) : undefined,
    filters.pingStatus ? inArray(managedNodes.pingStatus, filters.pingStatus) : undefined,
    filters.platformTypes ? inArray(managedNodes.platformType, filters.platformTypes) : undefined,
    filters.agentVersions ? inArray(managedNodes.agentVersion, filters.agentVersions) : undefined,
    filters.resourceTypes && !filters.resourceTypes.includes('ManagedInstance') ? sql`false` : undefined,
    ...Object.entries(filters.tags ?? {}).map(
      ([key, values]) => sql`${managedNodes.tags} ->> ${key} in (${sql.join(values.map((value) => sql`${value}`), sql`, `)})`,
    ),
  ];
  return and(...conditions.filter(Boolean));
}

export async function listNodes(caller: Caller, input: ListNodesInput = {}): Promise<{ nodes: NodeView[]; total: number }> {
  const { sortBy, sortOrder, limit, offset, filters } = listNodesInput.parse(input);
  return perform(caller, { name: 'DescribeInstanceInformation', iamAction: 'ssm:DescribeInstanceInformation', parameters: { filters }, isAudited: false }, async () => {
    const order: SQL = sortOrder === 'asc' ? asc(SORTABLE[sortBy]) : desc(SORTABLE[sortBy]);
    const where = nodeFilter(filters);
    const db = getDb();
    const [rows, [counted]] = await Promise.all([
      db.select().from(managedNodes).where(where).orderBy(order, asc(managedNodes.id)).limit(limit).offset(offset),
      db.select({ total: sql<number>`count(*)::int` }).from(managedNodes).where(where),
    ]);
    return { nodes: rows.map(toNodeView), total: counted?.total ?? 0 };
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
    const check = (action: string) => isAllowed(caller, { action, resource: arnOf(nodeId), resourceTags: row.tags });
    const [canDeregister, canStartSession, canTag] = await Promise.all([check('ssm:DeregisterManagedInstance'), check('ssm:StartSession'), check('ssm:AddTagsToResource')]);
    return { ...toNodeView(row), permissions: { canDeregister, canStartSession, canTag } };
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
  return row!.tags;
}
