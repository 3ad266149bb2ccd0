import { describe, expect, it } from 'vitest';
import type { PatchReportEntry } from '@/agent/protocol';
import { countPatches } from './reports';

const entry = (KBId: string, State: PatchReportEntry['State'], Classification = 'Security'): PatchReportEntry => ({ KBId, Title: `${KBId} 1.1`, Classification, Severity: '', State });

describe('countPatches', () => {
  it('counts each state and splits non-compliant patches into critical, security and other once each', () => {
    const entries = [
      entry('a', 'Missing'),
      entry('b', 'Missing', 'Bugfix'),
      entry('c', 'Failed'),
      entry('d', 'InstalledPendingReboot', 'Bugfix'),
      entry('e', 'InstalledRejected'),
      entry('f', 'Installed'),
      entry('g', 'InstalledOther', 'Bugfix'),
      entry('h', 'NotApplicable', ''),
    ];
    const counts = countPatches(entries, new Map([['c', 'CRITICAL'], ['f', 'CRITICAL']]));
    expect(counts).toEqual({
      installedCount: 1,
      installedOtherCount: 1,
      installedPendingRebootCount: 1,
      installedRejectedCount: 1,
      missingCount: 2,
      failedCount: 1,
      notApplicableCount: 1,
      criticalNonCompliantCount: 1,
      securityNonCompliantCount: 2,
      otherNonCompliantCount: 2,
    });
  });
});
