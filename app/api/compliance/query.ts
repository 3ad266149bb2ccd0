import { z } from 'zod';
import { COMPLIANCE_SEVERITIES, COMPLIANCE_STATUSES } from '@/db/schema';
import { complianceTypeSchema } from '@/server/compliance/schemas';
import type { ComplianceFilter } from '@/server/compliance/filters';

/** The compliance page's filters, as they travel in its URL and to these routes. */
export const complianceViewQuery = z.object({
  type: complianceTypeSchema.optional(),
  status: z.enum(COMPLIANCE_STATUSES, { message: `status is ${COMPLIANCE_STATUSES.join(' or ')}` }).optional(),
  severity: z.enum(COMPLIANCE_SEVERITIES, { message: `severity is one of ${COMPLIANCE_SEVERITIES.join(', ')}` }).optional(),
  node: z.string().trim().min(1).max(100, 'a node id has at most 100 characters').optional(),
});

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1, 'page is 1 or more').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, 'pageSize is at most 200').default(25),
});

/** The filters in ListResourceComplianceSummaries' terms; a node id matches by its start. */
export function filtersOf(query: z.infer<typeof complianceViewQuery>): ComplianceFilter[] {
  const filters: ComplianceFilter[] = [];
  if (query.type) filters.push({ key: 'ComplianceType', values: [query.type] });
  if (query.status) filters.push({ key: 'Status', values: [query.status] });
  if (query.severity) filters.push({ key: 'OverallSeverity', values: [query.severity] });
  if (query.node) filters.push({ key: 'ResourceId', values: [query.node], type: 'BEGIN_WITH' });
  return filters;
}
