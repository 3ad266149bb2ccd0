import { and, asc, eq, inArray } from 'drizzle-orm';
import { inventoryEntries, inventoryTypes, managedNodes, type ManagedNode } from '@/db/schema';
import { getDb } from '@/server/context';

type Entry = Record<string, string>;

/** One inventory type of one node, as GetInventory returns it. */
export interface InventoryTypeData {
  typeName: string;
  schemaVersion: string;
  captureTime: Date;
  contentHash: string;
  content: Entry[];
}

export const INSTANCE_INFORMATION = 'AWS:InstanceInformation';

/**
 * AWS:InstanceInformation from the node's registration, for a node whose agent has not reported
 * it: AWS too answers it from the managed-instance record rather than from collected data.
 */
function instanceInformationOf(node: ManagedNode, captureTime: Date): InventoryTypeData {
  const content: Entry = {
    AgentType: 'opsdeck-agent',
    AgentVersion: node.agentVersion ?? '',
    ComputerName: node.computerName ?? '',
    InstanceId: node.id,
    IpAddress: node.ipAddresses[0] ?? '',
    PlatformName: node.platformName ?? '',
    PlatformType: node.platformType ?? '',
    PlatformVersion: node.platformVersion ?? '',
    ResourceType: 'ManagedInstance',
    InstanceStatus: node.deregisteredAt ? 'Terminated' : 'Active',
  };
  return { typeName: INSTANCE_INFORMATION, schemaVersion: '1.0', captureTime, contentHash: '', content: [content] };
}

/** The named types of the given nodes, entries in key order. */
export async function loadTypeData(nodeIds: string[], typeNames: string[]): Promise<Map<string, Map<string, InventoryTypeData>>> {
  const byNode = new Map<string, Map<string, InventoryTypeData>>(nodeIds.map((nodeId) => [nodeId, new Map()]));
  if (nodeIds.length === 0 || typeNames.length === 0) return byNode;
  const db = getDb();
  const [types, entries] = await Promise.all([
    db.select().from(inventoryTypes).where(and(inArray(inventoryTypes.nodeId, nodeIds), inArray(inventoryTypes.typeName, typeNames))),
    db
      .select()
      .from(inventoryEntries)
      .where(and(inArray(inventoryEntries.nodeId, nodeIds), inArray(inventoryEntries.typeName, typeNames)))
      .orderBy(asc(inventoryEntries.nodeId), asc(inventoryEntries.typeName), asc(inventoryEntries.itemKey)),
  ]);
  for (const type of types) {
    byNode.get(type.nodeId)!.set(type.typeName, { typeName: type.typeName, schemaVersion: type.schemaVersion, captureTime: type.captureTime, contentHash: type.contentHash, content: [] });
  }
  for (const entry of entries) byNode.get(entry.nodeId)?.get(entry.typeName)?.content.push(entry.data);
  if (typeNames.includes(INSTANCE_INFORMATION)) await fillInstanceInformation(byNode);
  return byNode;
}

async function fillInstanceInformation(byNode: Map<string, Map<string, InventoryTypeData>>): Promise<void> {
  const missing = [...byNode].filter(([, types]) => !types.has(INSTANCE_INFORMATION)).map(([nodeId]) => nodeId);
  if (missing.length === 0) return;
  const nodes = await getDb().select().from(managedNodes).where(inArray(managedNodes.id, missing));
  const newest = await newestCaptureTimes(missing);
  for (const node of nodes) byNode.get(node.id)!.set(INSTANCE_INFORMATION, instanceInformationOf(node, newest.get(node.id) ?? node.registeredAt));
}

/** When each node last reported any inventory: the age shown beside its data. */
export async function newestCaptureTimes(nodeIds: string[]): Promise<Map<string, Date>> {
  if (nodeIds.length === 0) return new Map();
  const rows = await getDb().select({ nodeId: inventoryTypes.nodeId, captureTime: inventoryTypes.captureTime }).from(inventoryTypes).where(inArray(inventoryTypes.nodeId, nodeIds));
  const newest = new Map<string, Date>();
  for (const row of rows) {
    const known = newest.get(row.nodeId);
    if (!known || row.captureTime > known) newest.set(row.nodeId, row.captureTime);
  }
  return newest;
}

export async function findNodeRow(nodeId: string): Promise<ManagedNode | undefined> {
  const [row] = await getDb().select().from(managedNodes).where(eq(managedNodes.id, nodeId));
  return row;
}
