import { COMPLIANCE_SEVERITIES as SEVERITIES, SUMMARY_KEY, type ComplianceSeverity as Severity, type SeveritySummary } from '@/server/compliance/severity-summary';
import type { StartedRemediation } from './queries';

export { SEVERITIES, type Severity };

/** "CRITICAL" → "Critical", "NON_COMPLIANT" → "Non-compliant". */
export function wordsOf(value: string): string {
  if (value === 'NON_COMPLIANT') return 'Non-compliant';
  return value.charAt(0) + value.slice(1).toLowerCase();
}

/** One bar per severity that has any count, worst first, each as a share of the largest. */
export function severityBars(summary: SeveritySummary): { severity: Severity; count: number; percent: number }[] {
  const counts = SEVERITIES.map((severity) => ({ severity, count: summary[SUMMARY_KEY[severity]] }));
  const largest = Math.max(1, ...counts.map((entry) => entry.count));
  return counts.filter((entry) => entry.count > 0).map((entry) => ({ ...entry, percent: Math.round((entry.count / largest) * 100) }));
}

/** The share of resources compliant, in whole percent (0 when there are none). */
export function compliantPercent(compliant: number, nonCompliant: number): number {
  const total = compliant + nonCompliant;
  return total === 0 ? 0 : Math.round((compliant / total) * 100);
}

/** "3 nodes", "1 node". */
export const nodesInWords = (count: number) => `${count.toLocaleString('en')} node${count === 1 ? '' : 's'}`;

/** What a remediation started, as links to the pages that follow it. */
export function startedLinks(started: StartedRemediation[]): { href: string; label: string; detail: string }[] {
  return started.map((entry) => {
    if (entry.kind === 'association') {
      return { href: `/state-manager/${encodeURIComponent(entry.associationId)}`, label: `Association ${entry.associationName}`, detail: `a run on ${nodesInWords(entry.nodeIds.length)}` };
    }
    if (entry.kind === 'command') {
      return { href: `/run-command/${encodeURIComponent(entry.commandId)}`, label: `Command ${entry.commandId.slice(0, 8)}`, detail: `AWS-RunPatchBaseline on ${nodesInWords(entry.nodeIds.length)}` };
    }
    return { href: `/automation/${encodeURIComponent(entry.executionId)}`, label: `Automation ${entry.executionId.slice(0, 8)}`, detail: `runbook over ${nodesInWords(entry.nodeIds.length)}` };
  });
}
