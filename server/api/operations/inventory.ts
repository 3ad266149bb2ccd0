import { z } from 'zod';
import { inventoryItemSchema } from '@/agent/protocol';
import { OpsdeckError } from '@/server/errors';
import { parseAggregation } from '@/server/inventory/aggregates';
import { FILTER_OPERATORS, parseFilterKey, type InventoryFilter } from '@/server/inventory/filters';
import type { InventoryTypeData } from '@/server/inventory/entities';
import {
  deleteInventory,
  getInventory,
  getInventoryAggregates,
  getInventorySchema,
  listInventoryEntries,
  putInventory,
  SCHEMA_DELETE_OPTIONS,
  type AggregatorRequest,
  type AggregatorResult,
  type SchemaDeleteOption,
} from '@/server/inventory/service';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

const inventoryFilterMember = z.object({
  Key: z.string().min(1).max(200),
  Values: z.array(z.string().max(256)).min(1).max(40),
  Type: z.enum(FILTER_OPERATORS).default('Equal'),
});
type InventoryFilterMember = z.output<typeof inventoryFilterMember>;

/** `TypeName.Attribute`, or (ListInventoryEntries) a bare attribute of the listed type. */
function toFilter(member: InventoryFilterMember, typeName?: string): InventoryFilter {
  const key = typeName && !member.Key.includes('.') ? { typeName, attribute: member.Key } : parseFilterKey(member.Key);
  if (typeName && key.typeName !== typeName) throw new OpsdeckError('InvalidFilter', `the filter ${member.Key} is on ${key.typeName}, but the entries listed are ${typeName}`);
  return { ...key, operator: member.Type, values: member.Values };
}

/** AWS writes CaptureTime to the second: 2026-12-02T10:00:00Z. */
const captureTimeText = (time: Date) => time.toISOString().replace(/\.\d{3}Z$/, 'Z');

function toAwsTypeData(type: InventoryTypeData) {
  return { TypeName: type.typeName, SchemaVersion: type.schemaVersion, CaptureTime: captureTimeText(type.captureTime), ContentHash: type.contentHash || undefined, Content: type.content };
}

export const PutInventory = defineOperation({
  name: 'PutInventory',
  input: z.object({
    InstanceId: z.string({ message: 'InstanceId is required' }),
    // TypeName is checked by the service, which names InvalidTypeNameException as AWS does.
    Items: z.array(inventoryItemSchema.extend({ TypeName: z.string().min(1).max(100) })).min(1, 'Items takes 1 to 30 items').max(30, 'Items takes 1 to 30 items'),
  }),
  async run(input, caller) {
    await putInventory(caller, { instanceId: input.InstanceId, items: input.Items });
    return { Message: `stored ${input.Items.length} inventory item${input.Items.length === 1 ? '' : 's'} for ${input.InstanceId}` };
  },
});

interface AggregatorMember {
  Expression?: string;
  Aggregators?: AggregatorMember[];
  Groups?: { Name: string; Filters: InventoryFilterMember[] }[];
}
const aggregatorMember: z.ZodType<AggregatorMember> = z.lazy(() =>
  z.object({
    Expression: z.string().min(1).max(1000).optional(),
    Aggregators: z.array(aggregatorMember).min(1).max(10).optional(),
    Groups: z.array(z.object({ Name: z.string().min(1).max(200), Filters: z.array(inventoryFilterMember).min(1).max(5) })).min(1).max(15).optional(),
  }),
);

function toAggregator(member: AggregatorMember): AggregatorRequest {
  if (!member.Expression) throw new OpsdeckError('InvalidAggregatorException', 'an aggregator needs an Expression like AWS:Application.Name');
  const nested = (member.Aggregators ?? []).map((inner) => {
    if (!inner.Expression || inner.Aggregators || inner.Groups) throw new OpsdeckError('InvalidAggregatorException', 'a nested aggregator is one Expression of the same type');
    return inner.Expression;
  });
  const { typeName, attributes } = parseAggregation(member.Expression, nested);
  const groups = (member.Groups ?? []).map((group) => ({ name: group.Name, filters: group.Filters.map((filter) => toFilter(filter)) }));
  return { typeName, attributes, groups };
}

/** Aggregated answers, one entity per aggregator: value counts, or each group's matching and not-matching node counts. */
function toAggregatedEntity(result: AggregatorResult) {
  const content =
    'rows' in result
      ? result.rows.map((row) => ({ ...row.values, Count: String(row.count) }))
      : result.groups.map((group) => ({ Name: group.name, matchingCount: String(group.matching), notMatchingCount: String(group.notMatching) }));
  return { Data: { [result.typeName]: { TypeName: result.typeName, SchemaVersion: '1.0', Content: content } } };
}

export const GetInventory = defineOperation({
  name: 'GetInventory',
  input: z.object({
    Filters: z.array(inventoryFilterMember).min(1).max(5).optional(),
    Aggregators: z.array(aggregatorMember).min(1).max(10).optional(),
    ResultAttributes: z.array(z.object({ TypeName: z.string().min(1).max(100) })).length(1, 'ResultAttributes names one type').optional(),
    MaxResults: z.number().int().min(1, 'MaxResults is at least 1').max(50, 'MaxResults is at most 50').default(50),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const filters = (input.Filters ?? []).map((filter) => toFilter(filter));
    if (input.Aggregators) {
      const results = await getInventoryAggregates(caller, { filters, aggregators: input.Aggregators.map(toAggregator) });
      return { Entities: results.map(toAggregatedEntity) };
    }
    const offset = decodeNextToken('GetInventory', input.NextToken);
    const page = await getInventory(caller, { filters, resultTypes: input.ResultAttributes?.map((attribute) => attribute.TypeName), limit: input.MaxResults, offset });
    return {
      Entities: page.entities.map((entity) => ({ Id: entity.nodeId, Data: Object.fromEntries(entity.data.map((type) => [type.typeName, toAwsTypeData(type)])) })),
      NextToken: nextTokenAfter('GetInventory', offset, page.entities.length, page.hasMore),
    };
  },
});

export const ListInventoryEntries = defineOperation({
  name: 'ListInventoryEntries',
  input: z.object({
    InstanceId: z.string({ message: 'InstanceId is required' }),
    TypeName: z.string({ message: 'TypeName is required' }).min(1).max(100),
    Filters: z.array(inventoryFilterMember).min(1).max(5).optional(),
    MaxResults: z.number().int().min(1, 'MaxResults is at least 1').max(50, 'MaxResults is at most 50').default(50),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('ListInventoryEntries', input.NextToken);
    const filters = (input.Filters ?? []).map((filter) => toFilter(filter, input.TypeName));
    const page = await listInventoryEntries(caller, { nodeId: input.InstanceId, typeName: input.TypeName, filters, limit: input.MaxResults, offset });
    return {
      TypeName: page.typeName,
      InstanceId: page.nodeId,
      SchemaVersion: page.schemaVersion ?? undefined,
      CaptureTime: page.captureTime ? captureTimeText(page.captureTime) : undefined,
      Entries: page.entries,
      NextToken: nextTokenAfter('ListInventoryEntries', offset, page.entries.length, offset + page.entries.length < page.total),
    };
  },
});

export const GetInventorySchema = defineOperation({
  name: 'GetInventorySchema',
  input: z.object({
    TypeName: z.string().max(100).optional(),
    Aggregator: z.boolean().default(false),
    // Opsdeck's types have no sub-types, so the flag changes nothing.
    SubType: z.boolean().optional(),
    MaxResults: z.number().int().min(50, 'MaxResults is at least 50').max(200, 'MaxResults is at most 200').default(200),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('GetInventorySchema', input.NextToken);
    const schemas = await getInventorySchema(caller, { typeName: input.TypeName, isAggregator: input.Aggregator });
    const page = schemas.slice(offset, offset + input.MaxResults);
    return {
      Schemas: page.map((schema) => ({
        TypeName: schema.typeName,
        Version: schema.version,
        DisplayName: schema.displayName,
        Attributes: schema.attributes.map((attribute) => ({ Name: attribute.name, DataType: attribute.dataType })),
      })),
      NextToken: nextTokenAfter('GetInventorySchema', offset, page.length, offset + page.length < schemas.length),
    };
  },
});

export const DeleteInventory = defineOperation({
  name: 'DeleteInventory',
  input: z.object({
    TypeName: z.string({ message: 'TypeName is required' }).min(1).max(100),
    SchemaDeleteOption: z.string().optional(),
    DryRun: z.boolean().default(false),
    ClientToken: z.string().max(64).optional(),
  }),
  async run(input, caller) {
    if (input.SchemaDeleteOption !== undefined && !(SCHEMA_DELETE_OPTIONS as readonly string[]).includes(input.SchemaDeleteOption)) {
      throw new OpsdeckError('InvalidOptionException', `SchemaDeleteOption is ${SCHEMA_DELETE_OPTIONS.join(' or ')}, not ${input.SchemaDeleteOption}`);
    }
    const deletion = await deleteInventory(caller, { typeName: input.TypeName, schemaDeleteOption: input.SchemaDeleteOption as SchemaDeleteOption | undefined, dryRun: input.DryRun });
    return {
      DeletionId: deletion.deletionId,
      TypeName: deletion.typeName,
      DeletionSummary: {
        TotalCount: deletion.totalCount,
        RemainingCount: deletion.remainingCount,
        SummaryItems: deletion.summaryItems.map((item) => ({ Version: item.version, Count: item.count, RemainingCount: item.remainingCount })),
      },
    };
  },
});
