import { isGroupMember } from './approvers';
import { failed, type ActionHandler, type StepContext, type StepResult } from './types';

/** AWS caps aws:sleep at seven days. */
const MAX_SLEEP_SECONDS = 7 * 24 * 3600;
const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** `PT10S`, `PT5M`, `P1DT2H`: seconds, or a reason the text is not such a duration. */
export function parseDuration(text: string): number | string {
  const match = ISO_DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return `Duration '${text}' is not an ISO 8601 duration like PT10S, PT5M or P1DT2H`;
  const [, days, hours, minutes, seconds] = match;
  return Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}

function wakeTime(context: StepContext): Date | string {
  const { Duration: duration, Timestamp: timestamp } = context.inputs;
  if ((duration === undefined) === (timestamp === undefined)) return 'aws:sleep needs exactly one of Duration (like PT5M) or Timestamp (like 2026-12-01T02:00:00Z)';
  if (timestamp !== undefined) {
    const at = new Date(String(timestamp));
    if (Number.isNaN(at.getTime())) return `Timestamp '${String(timestamp)}' is not an ISO 8601 time like 2026-12-01T02:00:00Z`;
    return at;
  }
  const seconds = parseDuration(String(duration));
  if (typeof seconds === 'string') return seconds;
  if (seconds > MAX_SLEEP_SECONDS) return `Duration '${String(duration)}' is longer than aws:sleep's limit of 7 days`;
  return new Date(context.now.getTime() + seconds * 1000);
}

/** aws:sleep: the wake-up time is stored once, so a restart sleeps only for what is left. */
export const sleepAction: ActionHandler = {
  async run(context) {
    let wakeAt = context.step.state.wakeAt ? new Date(context.step.state.wakeAt) : undefined;
    if (!wakeAt) {
      const computed = wakeTime(context);
      if (typeof computed === 'string') return failed(computed, 'Configuration');
      wakeAt = computed;
      await context.saveState({ wakeAt: wakeAt.toISOString() });
    }
    if (context.now >= wakeAt) return { kind: 'success' };
    return { kind: 'waiting', status: 'InProgress', wakeAt };
  },
};

/** aws:pause: waits for a Resume signal (SendAutomationSignal or the console). */
export const pauseAction: ActionHandler = {
  defaultTimeoutSeconds: 7 * 24 * 3600,
  async run(context) {
    if (context.step.state.isResumed) return { kind: 'success' };
    return { kind: 'waiting', status: 'Waiting' };
  },
};

function approversOf(inputs: Record<string, unknown>): string[] | string {
  const approvers = inputs.Approvers;
  const list = typeof approvers === 'string' ? [approvers] : approvers;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item.trim() !== '')) {
    return 'Approvers must be a non-empty list of user or group names';
  }
  if (list.length > 10) return `Approvers lists ${list.length} names; AWS allows at most 10`;
  return list.map((item) => String(item).trim());
}

function minimumApprovals(inputs: Record<string, unknown>): number | string {
  const raw = inputs.MinRequiredApprovals ?? 1;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) return `MinRequiredApprovals must be a whole number of at least 1, not ${JSON.stringify(raw)}`;
  return value;
}

/** aws:approve: decisions are stored as they arrive; one rejection ends the wait. */
export const approveAction: ActionHandler = {
  defaultTimeoutSeconds: 7 * 24 * 3600,
  async run(context): Promise<StepResult> {
    const approvers = approversOf(context.inputs);
    if (typeof approvers === 'string') return failed(approvers, 'Configuration');
    const minimum = minimumApprovals(context.inputs);
    if (typeof minimum === 'string') return failed(minimum, 'Configuration');
    const decisions = context.step.state.decisions ?? [];
    const rejection = decisions.find((decision) => decision.decision === 'Reject');
    const outputs = { ApproverDecisions: JSON.stringify(decisions), ApprovalStatus: 'Pending' };
    if (rejection) {
      return { kind: 'failed', failureType: 'Rejected', message: `rejected by ${rejection.username}${rejection.comment ? `: ${rejection.comment}` : ''}`, response: { ...outputs, ApprovalStatus: 'Rejected' } };
    }
    const approvals = decisions.filter((decision) => decision.decision === 'Approve').length;
    if (approvals >= minimum) return { kind: 'success', outputs: { ...outputs, ApprovalStatus: 'Approved' } };
    return { kind: 'waiting', status: 'Waiting' };
  },
};

/**
 * Whether `username` may decide on an aws:approve step: named directly, or a member of a named
 * group. AWS takes IAM user/role ARNs too; an ARN's last path segment is the name here.
 */
export async function mayApprove(inputs: Record<string, unknown> | null, username: string): Promise<boolean | string> {
  const approvers = approversOf(inputs ?? {});
  if (typeof approvers === 'string') return approvers;
  for (const approver of approvers) {
    const name = approver.includes('/') ? approver.slice(approver.lastIndexOf('/') + 1) : approver;
    if (name === username) return true;
    if (await isGroupMember(name, username)) return true;
  }
  return false;
}
