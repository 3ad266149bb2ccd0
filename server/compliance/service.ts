import { and, asc, eq, inArray, isNull, like, ne, sql, type SQL } from 'drizzle-orm';
import { complianceItems, managedNodes } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError } from '@/server/errors';
import { nodeArn } from '@/server/identity/arn';
import { authorize } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { ASSOCIATION_COMPLIANCE_TYPE } from './association';
import { filterConditions, severityRankSql, type ComplianceFilter, type FilterField } from './filters';
import { listComplianceItemsInput, listSummariesInput, putComplianceItemsInput, type ListComplianceItemsInput, type ListSummariesInput, type PutComplianceItemsInput } from './schemas';
import { MANAGED_INSTANCE, replaceComplianceItems, type ComplianceItemInput } from './store';
import { toComplianceItem, toComplianceSummaryItems, toResourceSummaryItem, type ItemRow, type ResourceSummaryRow, type TypeCountRow } from './views';

/** AWS refuses an 11th custom compliance type on one resource. */
const MAX_CUSTOM_TYPES_PER_RESOURCE = 10;
/** One item, as JSON; the request as a whole is capped by the API's body limit. */
const MAX_ITEM_BYTES = 16 * 1024;

async function findManagedNode(resourceId: string) {
  const [node] = await getDb()
    .select({ id: managedNodes.id, tags: managedNodes.tags })
    .from(managedNodes)
    .where(and(eq(managedNodes.id, resourceId), isNull(managedNodes.deregisteredAt)));
  return node;
}

/** Every item needs its own Id and a size Opsdeck keeps; says which one does not, by position. */
function checkedItems(items: ReturnType<typeof putComplianceItemsInput.parse>['items']): ComplianceItemInput[] {
  const seen = new Set<string>();
  return items.map((item, index) => {
    if (!item.id) throw new OpsdeckError('InvalidItemContentException', `item ${index + 1} has no Id; each compliance item needs one`);
    if (seen.has(item.id)) throw new OpsdeckError('InvalidItemContentException', `the Id ${item.id} appears more than once; each item of a type has its own Id`);
    seen.add(item.id);
    const converted = { Id: item.id, Title: item.title, Severity: item.severity, Status: item.status, Details: item.details };
    const bytes = Buffer.byteLength(JSON.stringify(converted));
    if (bytes > MAX_ITEM_BYTES) throw new OpsdeckError('ItemSizeLimitExceededException', `item ${item.id} is ${bytes.toLocaleString('en')} bytes; one item holds at most ${MAX_ITEM_BYTES.toLocaleString('en')}`);
    return converted;
  });
}

async function checkCustomTypeCount(tx: Pick<ReturnType<typeof getDb>, 'selectDistinct'>, resourceId: string, complianceType: string): Promise<void> {
  if (!complianceType.startsWith('Custom:')) return;
  const types = await tx
    .selectDistinct({ type: complianceItems.complianceType })
    .from(complianceItems)
    .where(and(eq(complianceItems.resourceType, MANAGED_INSTANCE), eq(complianceItems.resourceId, resourceId), like(complianceItems.complianceType, 'Custom:%'), ne(complianceItems.complianceType, complianceType)));
  if (types.length >= MAX_CUSTOM_TYPES_PER_RESOURCE) {
    throw new OpsdeckError('ComplianceTypeCountLimitExceededException', `${resourceId} already has ${types.length} custom compliance types (${types.map((row) => row.type).join(', ')}); a resource holds at most ${MAX_CUSTOM_TYPES_PER_RESOURCE}`);
  }
}

/**
 * PutComplianceItems: one resource's items of one type. COMPLETE replaces what the type had there;
 * PARTIAL adds or replaces only the given items. Everything is checked before anything is written,
 * and the write is one transaction.
 */
export async function putComplianceItems(caller: Caller, rawInput: PutComplianceItemsInput): Promise<void> {
  const input = putComplianceItemsInput.parse(rawInput);
  const { region, accountId } = getServerContext();
  const arn = nodeArn(region, accountId, input.resourceId);
  const audited = { resourceId: input.resourceId, resourceType: input.resourceType, complianceType: input.complianceType, uploadType: input.uploadType, itemCount: input.items.length };
  await perform(caller, { name: 'PutComplianceItems', resources: [arn], parameters: audited }, async () => {
    if (input.resourceType !== MANAGED_INSTANCE) throw new OpsdeckError('InvalidResourceType', `ResourceType ${input.resourceType} is not supported; compliance is kept for ${MANAGED_INSTANCE} resources`);
    const node = await findManagedNode(input.resourceId);
    await authorize(caller, { action: 'ssm:PutComplianceItems', resource: arn, resourceTags: node?.tags ?? {} });
    if (!node) throw new OpsdeckError('InvalidResourceId', `there is no managed node ${input.resourceId}`);
    const items = checkedItems(input.items);
    const executionSummary = { ExecutionTime: input.executionSummary.executionTime.toISOString(), ExecutionId: input.executionSummary.executionId, ExecutionType: input.executionSummary.executionType };
    await getDb().transaction(async (tx) => {
      // One writer per resource at a time, so two uploads cannot both pass the type count.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`compliance:${input.resourceId}`}))`);
      await checkCustomTypeCount(tx, input.resourceId, input.complianceType);
      await replaceComplianceItems({ resourceType: MANAGED_INSTANCE, resourceId: input.resourceId, complianceType: input.complianceType, executionSummary, items, uploadType: input.uploadType }, tx);
    });
  });
}

const ITEM_FIELDS: Record<string, FilterField> = {
  ComplianceType: { kind: 'text', column: sql`${complianceItems.complianceType}` },
  Status: { kind: 'status', column: sql`${complianceItems.status}` },
  Severity: { kind: 'severity', column: severityRankSql(sql`${complianceItems.severity}`) },
  Id: { kind: 'text', column: sql`${complianceItems.itemId}` },
  Title: { kind: 'text', column: sql`${complianceItems.title}` },
  ExecutionId: { kind: 'text', column: sql`${complianceItems.executionSummary}->>'ExecutionId'` },
};

/** ListComplianceItems: items of the given resources, by resource, type and Id. */
export async function listComplianceItems(caller: Caller, rawInput: ListComplianceItemsInput) {
  const input = listComplianceItemsInput.parse(rawInput);
  return perform(caller, { name: 'ListComplianceItems', iamAction: 'ssm:ListComplianceItems', parameters: input, isAudited: false }, async () => {
    const conditions = filterConditions(input.filters, ITEM_FIELDS);
    if (input.resourceIds?.length) conditions.push(inArray(complianceItems.resourceId, input.resourceIds));
    if (input.resourceTypes?.length) conditions.push(inArray(complianceItems.resourceType, input.resourceTypes));
    const rows = await getDb()
      .select()
      .from(complianceItems)
      .where(and(...conditions))
      .orderBy(asc(complianceItems.resourceId), asc(complianceItems.complianceType), asc(complianceItems.itemId))
      .limit(input.maxResults + 1)
      .offset(input.offset);
    return { items: rows.slice(0, input.maxResults).map((row) => toComplianceItem(row as ItemRow)), hasMore: rows.length > input.maxResults };
  });
}

/** Keys that pick items before they are summed per resource. */
const RESOURCE_ITEM_FIELDS: Record<string, FilterField> = {
  ComplianceType: { kind: 'text', column: sql.raw('compliance_type') },
  ResourceId: { kind: 'text', column: sql.raw('resource_id') },
  InstanceId: { kind: 'text', column: sql.raw('resource_id') },
  ResourceType: { kind: 'text', column: sql.raw('resource_type') },
};
/** Keys on a resource's summary for a type. */
const RESOURCE_SUMMARY_FIELDS: Record<string, FilterField> = {
  Status: { kind: 'status', column: sql.raw('status') },
  OverallSeverity: { kind: 'severity', column: sql.raw('overall_rank') },
};

function splitFilters(filters: ComplianceFilter[]): { items: SQL[]; summaries: SQL[] } {
  const known = { ...RESOURCE_ITEM_FIELDS, ...RESOURCE_SUMMARY_FIELDS };
  filterConditions(filters, known); // names an unknown key among all of them
  return {
    items: filterConditions(filters.filter((filter) => filter.key in RESOURCE_ITEM_FIELDS), RESOURCE_ITEM_FIELDS),
    summaries: filterConditions(filters.filter((filter) => filter.key in RESOURCE_SUMMARY_FIELDS), RESOURCE_SUMMARY_FIELDS),
  };
}

const whereAll = (conditions: SQL[]) => (conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`);

/**
 * Each (resource, compliance type) summed from its items: NON_COMPLIANT when any item is, the
 * overall severity the worst non-compliant one (the worst of all when compliant), the item counts
 * by `STATUS:SEVERITY`, and the latest execution. Counted per status and severity first: that
 * inner grouping follows the (resource, type) index, so a first page is read without summing
 * every item (a one-level GROUP BY with per-severity counts makes PostgreSQL hash them all).
 */
function resourceSummariesSql(filters: ComplianceFilter[]): SQL {
  const { items, summaries } = splitFilters(filters);
  return sql`
    select resource_type as "resourceType", resource_id as "resourceId", compliance_type as "complianceType", status, overall_rank as "overallRank", counts, execution_summary as "executionSummary"
    from (
      select resource_type, resource_id, compliance_type,
        case when bool_or(status = 'NON_COMPLIANT') then 'NON_COMPLIANT' else 'COMPLIANT' end as status,
        coalesce(max(rank) filter (where status = 'NON_COMPLIANT'), max(rank)) as overall_rank,
        jsonb_object_agg(status || ':' || severity, n) as counts,
        (array_agg(execution_summary order by updated_at desc))[1] as execution_summary
      from (
        select resource_type, resource_id, compliance_type, status, severity, ${severityRankSql(sql.raw('severity'))} as rank, count(*)::int as n,
          max(updated_at) as updated_at, (array_agg(execution_summary order by updated_at desc))[1] as execution_summary
        from compliance_items
        where ${whereAll(items)}
        group by resource_type, resource_id, compliance_type, status, severity
      ) counted
      group by resource_type, resource_id, compliance_type
    ) per_resource
    where ${whereAll(summaries)}`;
}

/** ListResourceComplianceSummaries: one entry per resource and compliance type. */
export async function listResourceComplianceSummaries(caller: Caller, rawInput: ListSummariesInput) {
  const input = listSummariesInput.parse(rawInput);
  return perform(caller, { name: 'ListResourceComplianceSummaries', iamAction: 'ssm:ListResourceComplianceSummaries', parameters: input, isAudited: false }, async () => {
    const query = sql`${resourceSummariesSql(input.filters)} order by "resourceId", "complianceType" limit ${input.maxResults + 1} offset ${input.offset}`;
    const { rows } = await getDb().execute<ResourceSummaryRow & Record<string, unknown>>(query);
    return { summaries: rows.slice(0, input.maxResults).map(toResourceSummaryItem), hasMore: rows.length > input.maxResults };
  });
}

/** ListComplianceSummaries: per compliance type, compliant and non-compliant resources by severity. */
export async function listComplianceSummaries(caller: Caller, rawInput: ListSummariesInput) {
  const input = listSummariesInput.parse(rawInput);
  return perform(caller, { name: 'ListComplianceSummaries', iamAction: 'ssm:ListComplianceSummaries', parameters: input, isAudited: false }, async () => {
    const query = sql`select "complianceType", status, "overallRank", count(*)::int as resources from (${resourceSummariesSql(input.filters)}) summaries group by 1, 2, 3`;
    const { rows } = await getDb().execute<TypeCountRow & Record<string, unknown>>(query);
    const all = toComplianceSummaryItems(rows);
    return { summaries: all.slice(input.offset, input.offset + input.maxResults), hasMore: all.length > input.offset + input.maxResults };
  });
}

/** Names of the nodes on a page (the console shows them beside the ids); absent for a node since removed. */
export async function nodeNames(nodeIds: string[]): Promise<Map<string, { name: string; isRegistered: boolean }>> {
  if (nodeIds.length === 0) return new Map();
  const rows = await getDb()
    .select({ id: managedNodes.id, name: managedNodes.name, deregisteredAt: managedNodes.deregisteredAt })
    .from(managedNodes)
    .where(inArray(managedNodes.id, nodeIds));
  return new Map(rows.map((row) => [row.id, { name: row.name, isRegistered: row.deregisteredAt === null }]));
}

/** At most this many nodes are remediated in one go. */
export const MAX_REMEDIATION_NODES = 1000;

/** The nodes non-compliant for a type (within `nodeIds` when given), for remediation; at most MAX_REMEDIATION_NODES + 1. */
export async function nonCompliantNodeIds(scope: { complianceType?: string; overallSeverity?: string; nodeIds?: string[] }): Promise<string[]> {
  const filters: ComplianceFilter[] = [{ key: 'Status', values: ['NON_COMPLIANT'] }];
  if (scope.complianceType) filters.push({ key: 'ComplianceType', values: [scope.complianceType] });
  if (scope.overallSeverity) filters.push({ key: 'OverallSeverity', values: [scope.overallSeverity] });
  if (scope.nodeIds?.length) filters.push({ key: 'ResourceId', values: scope.nodeIds });
  const query = sql`select distinct "resourceId" from (${resourceSummariesSql(filters)}) summaries where "resourceType" = ${MANAGED_INSTANCE} order by 1 limit ${MAX_REMEDIATION_NODES + 1}`;
  const { rows } = await getDb().execute<{ resourceId: string }>(query);
  return rows.map((row) => row.resourceId);
}

/** Which associations failed on which of these nodes: their non-compliant `Association` items. */
export async function failedAssociations(nodeIds: string[]): Promise<Map<string, string[]>> {
  if (nodeIds.length === 0) return new Map();
  const rows = await getDb()
    .select({ associationId: complianceItems.itemId, nodeId: complianceItems.resourceId })
    .from(complianceItems)
    .where(and(eq(complianceItems.complianceType, ASSOCIATION_COMPLIANCE_TYPE), eq(complianceItems.status, 'NON_COMPLIANT'), inArray(complianceItems.resourceId, nodeIds)))
    .orderBy(asc(complianceItems.itemId), asc(complianceItems.resourceId));
  const byAssociation = new Map<string, string[]>();
  for (const row of rows) byAssociation.set(row.associationId, [...(byAssociation.get(row.associationId) ?? []), row.nodeId]);
  return byAssociation;
}
