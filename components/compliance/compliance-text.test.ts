import { describe, expect, it } from 'vitest';
import { compliantPercent, severityBars, startedLinks, wordsOf } from './compliance-text';

const summary = { CriticalCount: 0, HighCount: 4, MediumCount: 0, LowCount: 2, InformationalCount: 0, UnspecifiedCount: 1 };

describe('compliance text', () => {
  it('draws a bar per severity present, worst first, scaled to the largest', () => {
    expect(severityBars(summary)).toEqual([
      { severity: 'HIGH', count: 4, percent: 100 },
      { severity: 'LOW', count: 2, percent: 50 },
      { severity: 'UNSPECIFIED', count: 1, percent: 25 },
    ]);
    expect(severityBars({ ...summary, HighCount: 0, LowCount: 0, UnspecifiedCount: 0 })).toEqual([]);
  });

  it('says statuses and severities in words', () => {
    expect(wordsOf('NON_COMPLIANT')).toBe('Non-compliant');
    expect(wordsOf('CRITICAL')).toBe('Critical');
    expect(compliantPercent(3, 1)).toBe(75);
    expect(compliantPercent(0, 0)).toBe(0);
  });

  it('links what a remediation started to the page that follows it', () => {
    const links = startedLinks([
      { kind: 'association', associationId: 'a1', associationName: 'baseline', executionId: 'e1', nodeIds: ['mi-1', 'mi-2'] },
      { kind: 'command', commandId: '0123456789abcdef', nodeIds: ['mi-1'] },
      { kind: 'automation', executionId: 'fedcba9876543210', nodeIds: ['mi-1', 'mi-2', 'mi-3'] },
    ]);
    expect(links).toEqual([
      { href: '/state-manager/a1', label: 'Association baseline', detail: 'a run on 2 nodes' },
      { href: '/run-command/0123456789abcdef', label: 'Command 01234567', detail: 'AWS-RunPatchBaseline on 1 node' },
      { href: '/automation/fedcba9876543210', label: 'Automation fedcba98', detail: 'runbook over 3 nodes' },
    ]);
  });
});
