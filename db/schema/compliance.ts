import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { ComplianceSeverity } from '../../server/compliance/severity-summary';

export const COMPLIANCE_STATUSES = ['COMPLIANT', 'NON_COMPLIANT'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
export { COMPLIANCE_SEVERITIES, type ComplianceSeverity } from '../../server/compliance/severity-summary';

export interface ComplianceExecutionSummary {
  ExecutionTime: string;
  ExecutionId?: string;
  ExecutionType?: string;
}

/**
 * One compliance item (AWS's ComplianceItem): a patch, an association or a custom check on one
 * resource. A PutComplianceItems call (COMPLETE upload) replaces every item of its type on the
 * resource, so `Patch` items always describe the last scan.
 */
export const complianceItems = pgTable(
  'compliance_items',
  {
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id').notNull(),
    complianceType: text('compliance_type').notNull(),
    itemId: text('item_id').notNull(),
    title: text('title').notNull().default(''),
    status: text('status').$type<ComplianceStatus>().notNull(),
    severity: text('severity').$type<ComplianceSeverity>().notNull(),
    details: jsonb('details').$type<Record<string, string>>().notNull().default({}),
    executionSummary: jsonb('execution_summary').$type<ComplianceExecutionSummary>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.resourceType, t.resourceId, t.complianceType, t.itemId] }),
    index('compliance_items_type_status_idx').on(t.complianceType, t.status, t.severity),
    index('compliance_items_resource_idx').on(t.resourceId, t.complianceType),
  ],
);
