import { z } from 'zod';
import { COMPLIANCE_SEVERITIES, COMPLIANCE_STATUSES } from '@/db/schema';
import { COMPLIANCE_OPERATORS } from '@/server/compliance/filters';
import { listComplianceItems, listComplianceSummaries, listResourceComplianceSummaries, putComplianceItems } from '@/server/compliance/service';
import { awsTimestamp } from '../aws-json';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

/** ComplianceStringFilter, as AWS names its members. */
const filters = z
  .array(z.object({ Key: z.string().min(1).max(200), Values: z.array(z.string()).min(1).max(20), Type: z.enum(COMPLIANCE_OPERATORS).optional() }))
  .optional();

const toFilters = (list: z.output<typeof filters>) => (list ?? []).map((filter) => ({ key: filter.Key, values: filter.Values, type: filter.Type }));

export const PutComplianceItems = defineOperation({
  name: 'PutComplianceItems',
  input: z.object({
    ResourceId: z.string({ message: 'ResourceId is required' }),
    ResourceType: z.string({ message: 'ResourceType is required' }),
    ComplianceType: z.string({ message: 'ComplianceType is required' }),
    ExecutionSummary: z.object(
      { ExecutionTime: awsTimestamp, ExecutionId: z.string().optional(), ExecutionType: z.string().optional() },
      { message: 'ExecutionSummary (with ExecutionTime) is required' },
    ),
    Items: z.array(
      z.object({
        Id: z.string().optional(),
        Title: z.string().optional(),
        Severity: z.enum(COMPLIANCE_SEVERITIES, { message: `Severity is one of ${COMPLIANCE_SEVERITIES.join(', ')}` }),
        Status: z.enum(COMPLIANCE_STATUSES, { message: `Status is ${COMPLIANCE_STATUSES.join(' or ')}` }),
        Details: z.record(z.string(), z.string()).optional(),
      }),
      { message: 'Items is required (an empty list clears the type with UploadType COMPLETE)' },
    ),
    // Accepted and not compared: Opsdeck stores every upload, so an unchanged one costs a write, not a wrong answer.
    ItemContentHash: z.string().optional(),
    UploadType: z.enum(['COMPLETE', 'PARTIAL']).optional(),
  }),
  async run(input, caller) {
    await putComplianceItems(caller, {
      resourceId: input.ResourceId,
      resourceType: input.ResourceType,
      complianceType: input.ComplianceType,
      executionSummary: { executionTime: input.ExecutionSummary.ExecutionTime, executionId: input.ExecutionSummary.ExecutionId, executionType: input.ExecutionSummary.ExecutionType },
      items: input.Items.map((item) => ({ id: item.Id, title: item.Title, severity: item.Severity, status: item.Status, details: item.Details })),
      itemContentHash: input.ItemContentHash,
      uploadType: input.UploadType,
    });
    return {};
  },
});

export const ListComplianceItems = defineOperation({
  name: 'ListComplianceItems',
  input: z.object({
    ResourceIds: z.array(z.string()).min(1).optional(),
    ResourceTypes: z.array(z.string()).min(1).optional(),
    Filters: filters,
    MaxResults: z.number().int().min(1).max(50).optional(),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('ListComplianceItems', input.NextToken);
    const page = await listComplianceItems(caller, { resourceIds: input.ResourceIds, resourceTypes: input.ResourceTypes, filters: toFilters(input.Filters), maxResults: input.MaxResults ?? 50, offset });
    return { ComplianceItems: page.items, NextToken: nextTokenAfter('ListComplianceItems', offset, page.items.length, page.hasMore) };
  },
});

const summariesInput = z.object({ Filters: filters, MaxResults: z.number().int().min(1).max(50).optional(), NextToken: z.string().optional() });

export const ListComplianceSummaries = defineOperation({
  name: 'ListComplianceSummaries',
  input: summariesInput,
  async run(input, caller) {
    const offset = decodeNextToken('ListComplianceSummaries', input.NextToken);
    const page = await listComplianceSummaries(caller, { filters: toFilters(input.Filters), maxResults: input.MaxResults ?? 50, offset });
    return { ComplianceSummaryItems: page.summaries, NextToken: nextTokenAfter('ListComplianceSummaries', offset, page.summaries.length, page.hasMore) };
  },
});

export const ListResourceComplianceSummaries = defineOperation({
  name: 'ListResourceComplianceSummaries',
  input: summariesInput,
  async run(input, caller) {
    const offset = decodeNextToken('ListResourceComplianceSummaries', input.NextToken);
    const page = await listResourceComplianceSummaries(caller, { filters: toFilters(input.Filters), maxResults: input.MaxResults ?? 50, offset });
    return { ResourceComplianceSummaryItems: page.summaries, NextToken: nextTokenAfter('ListResourceComplianceSummaries', offset, page.summaries.length, page.hasMore) };
  },
});
