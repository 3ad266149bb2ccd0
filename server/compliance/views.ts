import { COMPLIANCE_SEVERITIES, type ComplianceExecutionSummary, type ComplianceSeverity, type ComplianceStatus } from '@/db/schema';
import { severityOfRank } from './filters';
import { SUMMARY_KEY, type SeveritySummary } from './severity-summary';

export type { SeveritySummary };

export function severitySummaryOf(counts: Partial<Record<ComplianceSeverity, number>>): SeveritySummary {
  const summary = { CriticalCount: 0, HighCount: 0, MediumCount: 0, LowCount: 0, InformationalCount: 0, UnspecifiedCount: 0 };
  for (const severity of COMPLIANCE_SEVERITIES) summary[SUMMARY_KEY[severity]] = counts[severity] ?? 0;
  return summary;
}

const total = (summary: SeveritySummary) => Object.values(summary).reduce((sum, count) => sum + count, 0);

/** Counts keyed `STATUS:SEVERITY` (as the resource query returns them) split into compliant and non-compliant. */
export function splitCounts(counts: Record<string, number>): { compliant: SeveritySummary; nonCompliant: SeveritySummary } {
  const byStatus: Record<ComplianceStatus, Partial<Record<ComplianceSeverity, number>>> = { COMPLIANT: {}, NON_COMPLIANT: {} };
  for (const [key, count] of Object.entries(counts)) {
    const [status, severity] = key.split(':') as [ComplianceStatus, ComplianceSeverity];
    byStatus[status][severity] = (byStatus[status][severity] ?? 0) + count;
  }
  return { compliant: severitySummaryOf(byStatus.COMPLIANT), nonCompliant: severitySummaryOf(byStatus.NON_COMPLIANT) };
}

export function executionSummaryView(summary: ComplianceExecutionSummary) {
  return { ExecutionTime: new Date(summary.ExecutionTime), ExecutionId: summary.ExecutionId, ExecutionType: summary.ExecutionType };
}

export interface ResourceSummaryRow {
  resourceType: string;
  resourceId: string;
  complianceType: string;
  status: ComplianceStatus;
  overallRank: number;
  counts: Record<string, number>;
  executionSummary: ComplianceExecutionSummary;
}

/** AWS's ResourceComplianceSummaryItem: one resource's compliance of one type, item counts by severity. */
export function toResourceSummaryItem(row: ResourceSummaryRow) {
  const { compliant, nonCompliant } = splitCounts(row.counts);
  return {
    ComplianceType: row.complianceType,
    ResourceType: row.resourceType,
    ResourceId: row.resourceId,
    Status: row.status,
    OverallSeverity: severityOfRank(row.overallRank),
    ExecutionSummary: executionSummaryView(row.executionSummary),
    CompliantSummary: { CompliantCount: total(compliant), SeveritySummary: compliant },
    NonCompliantSummary: { NonCompliantCount: total(nonCompliant), SeveritySummary: nonCompliant },
  };
}

export interface TypeCountRow {
  complianceType: string;
  status: ComplianceStatus;
  overallRank: number;
  resources: number;
}

/**
 * AWS's ComplianceSummaryItem per compliance type: how many resources are compliant and how many
 * are not, each split by the resource's overall severity for that type.
 */
export function toComplianceSummaryItems(rows: TypeCountRow[]) {
  const byType = new Map<string, Record<ComplianceStatus, Partial<Record<ComplianceSeverity, number>>>>();
  for (const row of rows) {
    const entry = byType.get(row.complianceType) ?? { COMPLIANT: {}, NON_COMPLIANT: {} };
    const severity = severityOfRank(row.overallRank);
    entry[row.status][severity] = (entry[row.status][severity] ?? 0) + row.resources;
    byType.set(row.complianceType, entry);
  }
  return [...byType.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([complianceType, counts]) => {
      const compliant = severitySummaryOf(counts.COMPLIANT);
      const nonCompliant = severitySummaryOf(counts.NON_COMPLIANT);
      return {
        ComplianceType: complianceType,
        CompliantSummary: { CompliantCount: total(compliant), SeveritySummary: compliant },
        NonCompliantSummary: { NonCompliantCount: total(nonCompliant), SeveritySummary: nonCompliant },
      };
    });
}

export interface ItemRow {
  resourceType: string;
  resourceId: string;
  complianceType: string;
  itemId: string;
  title: string;
  status: ComplianceStatus;
  severity: ComplianceSeverity;
  details: Record<string, string>;
  executionSummary: ComplianceExecutionSummary;
}

/** AWS's ComplianceItem. */
export function toComplianceItem(row: ItemRow) {
  return {
    ComplianceType: row.complianceType,
    ResourceType: row.resourceType,
    ResourceId: row.resourceId,
    Id: row.itemId,
    Title: row.title,
    Status: row.status,
    Severity: row.severity,
    ExecutionSummary: executionSummaryView(row.executionSummary),
    Details: row.details,
  };
}
