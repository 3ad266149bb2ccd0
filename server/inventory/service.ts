import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { inventoryHistory, inventoryTypes, type InventoryChange } from '@/db/schema';
import { NODE_ID_PATTERN, type InventoryItem } from '@/agent/protocol';
import { getDb, getServerContext } from '@/server/context';
import { notFound, OpsdeckError } from '@/server/errors';
import { nodeArn } from '@/server/identity/arn';
import { authorize } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { packageFormatOf } from '@/server/patch-manager/operating-systems';
import { aggregate, countGroups, type AggregateRow, type GroupCount } from './aggregates';
import { customTypeSchemas, disableCustomType, enableCustomType, putContext } from './custom-types';
import { findNodeRow, INSTANCE_INFORMATION, loadTypeData, type InventoryTypeData } from './entities';
import { checkFilter, entryMatches, type InventoryFilter } from './filters';
import { checkInventoryItems } from './put-validation';
import { matchFleet } from './query';
import { deleteInventoryType, storeInventoryItem } from './store';
import { BUILTIN_TYPE_SCHEMAS, type InventoryTypeSchema } from './type-schemas';

type Entry = Record<string, string>;

const arnOf = (nodeId: string) => nodeArn(getServerContext().region, getServerContext().accountId, nodeId);

async function findNode(nodeId: string) {
  const row = NODE_ID_PATTERN.test(nodeId) ? await findNodeRow(nodeId) : undefined;
  if (!row) throw notFound('InvalidInstanceId', `${nodeId} is not a managed node`);
  return row;
}

/**
 * Checks and stores a node's items, one transaction per type. The agent's reports and PutInventory
 * both come here; only the API holds AWS: types to their published attributes.
 */
export async function storeItems(nodeId: string, items: InventoryItem[], isFromAgent: boolean): Promise<{ changed: boolean }> {
  const context = await putContext(isFromAgent);
  checkInventoryItems(items, context);
  let changed = false;
  for (const item of items) {
    if (context.disabledTypes.has(item.TypeName)) await enableCustomType(item.TypeName);
    changed = (await storeInventoryItem(nodeId, item)).changed || changed;
  }
  return { changed };
}

export async function putInventory(caller: Caller, input: { instanceId: string; items: InventoryItem[] }): Promise<void> {
  const parameters = { instanceId: input.instanceId, typeNames: input.items.map((item) => item.TypeName) };
  await perform(caller, { name: 'PutInventory', resources: [arnOf(input.instanceId)], parameters }, async () => {
    const node = await findNode(input.instanceId);
    await authorize(caller, { action: 'ssm:PutInventory', resource: arnOf(node.id), resourceTags: node.tags });
    await storeItems(node.id, input.items, false);
  });
}

export interface InventoryEntity {
  nodeId: string;
  data: InventoryTypeData[];
}

/**
 * GetInventory without aggregators: the nodes the filters select, each with the result types
 * (AWS:InstanceInformation unless named). A filtered type returns only the entries that matched.
 */
export async function getInventory(caller: Caller, input: { filters: InventoryFilter[]; resultTypes?: string[]; limit: number; offset: number }): Promise<{ entities: InventoryEntity[]; hasMore: boolean }> {
  input.filters.forEach(checkFilter);
  return perform(caller, { name: 'GetInventory', iamAction: 'ssm:GetInventory', parameters: input, isAudited: false }, async () => {
    const match = await matchFleet(input.filters);
    const page = match.nodeIds.slice(input.offset, input.offset + input.limit);
    const typeNames = input.resultTypes?.length ? input.resultTypes : [INSTANCE_INFORMATION];
    const data = await loadTypeData(page, typeNames);
    const entities = page.map((nodeId) => ({
      nodeId,
      data: typeNames.flatMap((typeName) => {
        const type = data.get(nodeId)?.get(typeName);
        if (!type) return [];
        const matched = match.matches.get(nodeId)?.get(typeName);
        return [matched ? { ...type, content: matched.map((entry) => entry.data) } : type];
      }),
    }));
    return { entities, hasMore: input.offset + page.length < match.nodeIds.length };
  });
}

export interface AggregatorRequest {
  typeName: string;
  attributes: string[];
  groups: { name: string; filters: InventoryFilter[] }[];
}

export type AggregatorResult = { typeName: string; rows: AggregateRow[] } | { typeName: string; groups: GroupCount[] };

/** GetInventory with aggregators: counts of nodes per value, or per group of filters. */
export async function getInventoryAggregates(caller: Caller, input: { filters: InventoryFilter[]; aggregators: AggregatorRequest[] }): Promise<AggregatorResult[]> {
  input.filters.forEach(checkFilter);
  input.aggregators.forEach((aggregator) => aggregator.groups.forEach((group) => group.filters.forEach(checkFilter)));
  return perform(caller, { name: 'GetInventory', iamAction: 'ssm:GetInventory', parameters: input, isAudited: false }, async () => {
    const match = input.filters.length > 0 ? await matchFleet(input.filters) : undefined;
    const results: AggregatorResult[] = [];
    for (const aggregator of input.aggregators) {
      if (aggregator.groups.length > 0) {
        results.push({ typeName: aggregator.typeName, groups: await countGroups(aggregator.groups, input.filters, match ?? (await matchFleet([]))) });
      } else {
        results.push({ typeName: aggregator.typeName, rows: await aggregate({ typeName: aggregator.typeName, attributes: aggregator.attributes }, input.filters, match) });
      }
    }
    return results;
  });
}

export interface EntryPage {
  nodeId: string;
  typeName: string;
  schemaVersion: string | null;
  captureTime: Date | null;
  entries: Entry[];
  total: number;
}

/** One node's entries of one type (ListInventoryEntries, and the console's node tabs), filtered and searched. */
export async function listInventoryEntries(caller: Caller, input: { nodeId: string; typeName: string; filters: InventoryFilter[]; search?: string; limit: number; offset: number }): Promise<EntryPage> {
  input.filters.forEach(checkFilter);
  return perform(caller, { name: 'ListInventoryEntries', resources: [arnOf(input.nodeId)], parameters: input, isAudited: false }, async () => {
    const node = await findNode(input.nodeId);
    await authorize(caller, { action: 'ssm:ListInventoryEntries', resource: arnOf(node.id), resourceTags: node.tags });
    const type = (await loadTypeData([node.id], [input.typeName])).get(node.id)!.get(input.typeName);
    const scheme = packageFormatOf(node.platformName);
    const needle = input.search?.toLowerCase();
    const entries = (type?.content ?? []).filter(
      (entry) => input.filters.every((filter) => entryMatches(filter, entry, scheme)) && (!needle || Object.values(entry).some((value) => value.toLowerCase().includes(needle))),
    );
    return {
      nodeId: node.id,
      typeName: input.typeName,
      schemaVersion: type?.schemaVersion ?? null,
      captureTime: type?.captureTime ?? null,
      entries: entries.slice(input.offset, input.offset + input.limit),
      total: entries.length,
    };
  });
}

export interface HistoryRow {
  id: number;
  typeName: string;
  itemKey: string;
  change: InventoryChange;
  before: Entry | null;
  after: Entry | null;
  capturedAt: Date;
}

/** What appeared, changed and disappeared on a node, newest first. */
export async function nodeInventoryHistory(caller: Caller, input: { nodeId: string; typeName?: string; limit: number; offset: number }): Promise<{ rows: HistoryRow[]; hasMore: boolean }> {
  return perform(caller, { name: 'ListInventoryEntries', resources: [arnOf(input.nodeId)], parameters: input, isAudited: false }, async () => {
    const node = await findNode(input.nodeId);
    await authorize(caller, { action: 'ssm:ListInventoryEntries', resource: arnOf(node.id), resourceTags: node.tags });
    const conditions: SQL[] = [eq(inventoryHistory.nodeId, node.id)];
    if (input.typeName) conditions.push(eq(inventoryHistory.typeName, input.typeName));
    const rows = await getDb()
      .select()
      .from(inventoryHistory)
      .where(and(...conditions))
      .orderBy(desc(inventoryHistory.capturedAt), desc(inventoryHistory.id))
      .limit(input.limit + 1)
      .offset(input.offset);
    return { rows: rows.slice(0, input.limit), hasMore: rows.length > input.limit };
  });
}

export interface NodeInventorySummary {
  nodeId: string;
  name: string;
  platformName: string | null;
  platformVersion: string | null;
  pingStatus: string;
  /** The newest capture of any type: the age the console shows. */
  capturedAt: Date | null;
  types: { typeName: string; schemaVersion: string; captureTime: Date; itemCount: number }[];
}

export async function nodeInventorySummary(caller: Caller, nodeId: string): Promise<NodeInventorySummary> {
  return perform(caller, { name: 'ListInventoryEntries', resources: [arnOf(nodeId)], parameters: { nodeId }, isAudited: false }, async () => {
    const node = await findNode(nodeId);
    await authorize(caller, { action: 'ssm:ListInventoryEntries', resource: arnOf(node.id), resourceTags: node.tags });
    const types = await getDb()
      .select({ typeName: inventoryTypes.typeName, schemaVersion: inventoryTypes.schemaVersion, captureTime: inventoryTypes.captureTime, itemCount: inventoryTypes.itemCount })
      .from(inventoryTypes)
      .where(eq(inventoryTypes.nodeId, node.id))
      .orderBy(inventoryTypes.typeName);
    const capturedAt = types.reduce<Date | null>((newest, type) => (!newest || type.captureTime > newest ? type.captureTime : newest), null);
    return { nodeId: node.id, name: node.name, platformName: node.platformName, platformVersion: node.platformVersion, pingStatus: node.pingStatus, capturedAt, types };
  });
}

export interface SchemaView extends InventoryTypeSchema {
  isCustom: boolean;
}

/** What GetInventorySchema's Aggregator flag returns: the attributes AWS lets you count by. */
const AGGREGATABLE: Record<string, string[]> = {
  'AWS:InstanceInformation': ['PlatformName', 'PlatformType', 'PlatformVersion'],
  'AWS:Application': ['Name', 'Version', 'Publisher', 'Architecture'],
  'AWS:Service': ['Name', 'Status', 'StartType'],
};

/** Built-in schemas and the custom types the fleet's data describes (every attribute a string). */
export async function getInventorySchema(caller: Caller, input: { typeName?: string; isAggregator: boolean }): Promise<SchemaView[]> {
  return perform(caller, { name: 'GetInventorySchema', iamAction: 'ssm:GetInventorySchema', parameters: input, isAudited: false }, async () => {
    const custom = (await customTypeSchemas()).map((type) => ({
      typeName: type.typeName,
      version: type.version,
      attributes: type.attributes.map((name) => ({ name, dataType: 'string' as const })),
      isCustom: true,
    }));
    let schemas: SchemaView[] = [...BUILTIN_TYPE_SCHEMAS.map((schema) => ({ ...schema, isCustom: false })), ...custom];
    if (input.isAggregator) {
      schemas = schemas
        .filter((schema) => AGGREGATABLE[schema.typeName])
        .map((schema) => ({ ...schema, attributes: schema.attributes.filter((attribute) => AGGREGATABLE[schema.typeName]!.includes(attribute.name)) }));
    }
    if (input.typeName) {
      schemas = schemas.filter((schema) => schema.typeName === input.typeName);
      if (schemas.length === 0) throw new OpsdeckError('InvalidTypeNameException', `there is no inventory type ${input.typeName}`);
    }
    return schemas;
  });
}

export const SCHEMA_DELETE_OPTIONS = ['DisableSchema', 'DeleteSchema'] as const;
export type SchemaDeleteOption = (typeof SCHEMA_DELETE_OPTIONS)[number];

export interface DeletionView {
  deletionId: string;
  typeName: string;
  totalCount: number;
  remainingCount: number;
  summaryItems: { version: string; count: number; remainingCount: number }[];
}

/**
 * DeleteInventory: a custom type's data on every node, and with DisableSchema the type is refused
 * until a higher schema version is put; DeleteSchema removes it outright. DryRun counts only.
 */
export async function deleteInventory(caller: Caller, input: { typeName: string; schemaDeleteOption?: SchemaDeleteOption; dryRun: boolean }): Promise<DeletionView> {
  return perform(caller, { name: 'DeleteInventory', iamAction: 'ssm:DeleteInventory', parameters: input }, async () => {
    if (!input.typeName.startsWith('Custom:')) throw new OpsdeckError('InvalidTypeNameException', `${input.typeName} is not a custom type; only Custom: types can be deleted`);
    const versions = await getDb()
      .select({ version: inventoryTypes.schemaVersion, count: sql<number>`count(*)::int` })
      .from(inventoryTypes)
      .where(eq(inventoryTypes.typeName, input.typeName))
      .groupBy(inventoryTypes.schemaVersion)
      .orderBy(inventoryTypes.schemaVersion);
    if (versions.length === 0) throw new OpsdeckError('InvalidTypeNameException', `no node holds inventory of type ${input.typeName}`);
    const totalCount = versions.reduce((sum, version) => sum + version.count, 0);
    if (!input.dryRun) {
      await deleteInventoryType(input.typeName);
      if (input.schemaDeleteOption === 'DisableSchema') await disableCustomType(input.typeName, versions.at(-1)!.version);
      if (input.schemaDeleteOption === 'DeleteSchema') await enableCustomType(input.typeName);
    }
    const remaining = (count: number) => (input.dryRun ? count : 0);
    return {
      deletionId: randomUUID(),
      typeName: input.typeName,
      totalCount,
      remainingCount: remaining(totalCount),
      summaryItems: versions.map((version) => ({ version: version.version, count: version.count, remainingCount: remaining(version.count) })),
    };
  });
}

