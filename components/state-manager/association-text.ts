/** Words the State Manager pages show, kept pure so they can be tested. */
import { targetsSummary } from '@/components/run-command/command-text';

type Target = { Key: string; Values: string[] };

/** `InstanceIds: ['*']` is AWS's "every managed node". */
export const isAllNodes = (targets: Target[]) => targets.some((target) => target.Key === 'InstanceIds' && target.Values.includes('*'));

/** "every managed node", "Role = web or api", "resource group web-prod", "mi-0a…, mi-0b… and 3 more". */
export function targetsInWords(targets: Target[]): string {
  if (isAllNodes(targets)) return 'every managed node';
  return targetsSummary({ InstanceIds: [], Targets: targets });
}

/** AWS's ResourceCountByStatus, `{Success=3,Failed=1}`, as counts. */
export function parseResourceCounts(text: string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of (text ?? '').matchAll(/([A-Za-z]+)=(\d+)/g)) counts[match[1]!] = Number(match[2]);
  return counts;
}

const TRIGGERS: Record<string, string> = {
  Create: 'Created',
  Update: 'Updated',
  Schedule: 'Schedule',
  Manual: 'Applied now',
  NewTarget: 'New target',
};

/** What started a run, in words ("Applied now" for StartAssociationsOnce). */
export const triggerLabel = (trigger: string) => TRIGGERS[trigger] ?? trigger;

/**
 * Why a run did not do its work, in words: a CLOSED change calendar, an error before anything
 * ran (with AWS's error code stripped when the message says it), or nodes that failed.
 */
export function reasonInWords(execution: { Status: string; DetailedStatus: string; Reason?: string }): string | undefined {
  if (execution.Status === 'Skipped') {
    const why = execution.Reason ?? 'a change calendar is CLOSED';
    return execution.DetailedStatus === 'ChangeCalendarClosed' ? `Not run: ${why}` : `Skipped: ${why}`;
  }
  if (execution.Status !== 'Failed') return undefined;
  if (execution.Reason) return `Failed before running: ${execution.Reason.replace(/^[A-Za-z]+(Exception)?: /, '')}`;
  return execution.DetailedStatus !== 'Failed' ? execution.DetailedStatus : undefined;
}

/** "every 30 minutes", or what a run-once association does. */
export function scheduleInWords(association: { ScheduleExpression?: string; ScheduleDescription?: string }, isShort = false): string {
  if (!association.ScheduleExpression) return isShort ? 'None: runs once' : 'No schedule: runs once, when created or changed';
  return association.ScheduleDescription ?? association.ScheduleExpression;
}

/** The association's name, or the start of its id when it has none. */
export const associationTitle = (association: { AssociationName?: string; AssociationId: string }) => association.AssociationName ?? `Association ${association.AssociationId.slice(0, 8)}`;

/** Node counts in a fixed order (Success, Failed, Pending, then the rest), zeros left out. */
export function orderedCounts(counts: Record<string, number>): [string, number][] {
  const order = ['Success', 'Failed', 'Pending', 'InProgress', 'Skipped'];
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
}
