import { describe, expect, it } from 'vitest';
import { SEVERITY_RANK } from './filters';
import { splitCounts, toComplianceSummaryItems, toResourceSummaryItem } from './views';

describe('compliance summaries', () => {
  it('sums one resource: item counts by status and severity, its overall severity and execution', () => {
    const item = toResourceSummaryItem({
      resourceType: 'ManagedInstance',
      resourceId: 'mi-0123456789abcdef0',
      complianceType: 'Patch',
      status: 'NON_COMPLIANT',
      overallRank: SEVERITY_RANK.HIGH,
      counts: { 'COMPLIANT:CRITICAL': 5, 'NON_COMPLIANT:HIGH': 2, 'NON_COMPLIANT:LOW': 1 },
      executionSummary: { ExecutionTime: '2026-12-01T10:00:00.000Z', ExecutionId: 'scan-1', ExecutionType: 'Command' },
    });
    expect(item.OverallSeverity).toBe('HIGH');
    expect(item.CompliantSummary).toEqual({ CompliantCount: 5, SeveritySummary: { CriticalCount: 5, HighCount: 0, MediumCount: 0, LowCount: 0, InformationalCount: 0, UnspecifiedCount: 0 } });
    expect(item.NonCompliantSummary.NonCompliantCount).toBe(3);
    expect(item.NonCompliantSummary.SeveritySummary).toMatchObject({ HighCount: 2, LowCount: 1 });
    expect(item.ExecutionSummary).toEqual({ ExecutionTime: new Date('2026-12-01T10:00:00.000Z'), ExecutionId: 'scan-1', ExecutionType: 'Command' });
  });

  it('splits counts by status', () => {
    const { compliant, nonCompliant } = splitCounts({ 'COMPLIANT:UNSPECIFIED': 1, 'NON_COMPLIANT:CRITICAL': 4 });
    expect([compliant.UnspecifiedCount, nonCompliant.CriticalCount, nonCompliant.UnspecifiedCount]).toEqual([1, 4, 0]);
  });

  it('counts resources per type by their overall severity, types in name order', () => {
    const items = toComplianceSummaryItems([
      { complianceType: 'Patch', status: 'NON_COMPLIANT', overallRank: SEVERITY_RANK.CRITICAL, resources: 2 },
      { complianceType: 'Patch', status: 'COMPLIANT', overallRank: SEVERITY_RANK.UNSPECIFIED, resources: 7 },
      { complianceType: 'Association', status: 'NON_COMPLIANT', overallRank: SEVERITY_RANK.HIGH, resources: 1 },
      { complianceType: 'Association', status: 'NON_COMPLIANT', overallRank: SEVERITY_RANK.LOW, resources: 3 },
    ]);
    expect(items.map((entry) => entry.ComplianceType)).toEqual(['Association', 'Patch']);
    expect(items[0]!.NonCompliantSummary).toMatchObject({ NonCompliantCount: 4, SeveritySummary: { HighCount: 1, LowCount: 3 } });
    expect(items[0]!.CompliantSummary.CompliantCount).toBe(0);
    expect(items[1]!.CompliantSummary).toMatchObject({ CompliantCount: 7, SeveritySummary: { UnspecifiedCount: 7 } });
    expect(items[1]!.NonCompliantSummary.SeveritySummary.CriticalCount).toBe(2);
  });
});
