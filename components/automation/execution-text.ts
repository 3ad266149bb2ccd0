/** Words the Automation pages show, kept pure so they can be tested. */
import { duration } from '@/components/run-command/command-text';

export { duration };

interface Targeted {
  TargetParameterName?: string;
  Targets?: { Key: string; Values: string[] }[];
  ResolvedTargets?: { ParameterValues: string[]; Truncated: boolean };
}

/** "InstanceId over Role = web (12 values)": what a rate-controlled execution runs over. */
export function rateControlSummary(execution: Targeted): string | null {
  if (!execution.TargetParameterName || !execution.Targets?.length) return null;
  const targets = execution.Targets.map(({ Key, Values }) => {
    if (Key === 'InstanceIds' || Key === 'ParameterValues') return Values.length <= 2 ? Values.join(', ') : `${Values.slice(0, 2).join(', ')} and ${Values.length - 2} more`;
    if (Key === 'resource-groups:Name' || Key === 'ResourceGroup') return `resource group ${Values.join(', ')}`;
    if (Key.startsWith('tag:')) return `${Key.slice(4)} = ${Values.join(' or ')}`;
    return `${Key} = ${Values.join(', ')}`;
  }).join(' and ');
  const resolved = execution.ResolvedTargets;
  const count = resolved ? ` (${resolved.ParameterValues.length.toLocaleString('en')}${resolved.Truncated ? '+' : ''} value${resolved.ParameterValues.length === 1 && !resolved.Truncated ? '' : 's'})` : '';
  return `${execution.TargetParameterName} over ${targets}${count}`;
}

/** "4.2 s" between start and end, or until now while it runs. */
export function elapsed(startIso: string | undefined, endIso: string | undefined, now = Date.now()): string {
  if (!startIso) return '—';
  return duration(startIso, endIso ?? new Date(now).toISOString());
}

export interface WaitingNote {
  text: string;
  /** A page that shows what the step waits for: the command, or the child execution. */
  href?: string;
  linkText?: string;
}

/**
 * What a waiting or running step waits for, in words, with a link to the command or child
 * execution it started. Built from the step's own ids rather than the server's sentence so the
 * link can be made; the server's WaitingFor fills in the rest ("the time …").
 */
export function waitingNote(step: { Action: string; StepStatus: string; WaitingFor?: string; CommandId?: string; ChildExecutionId?: string }): WaitingNote | null {
  if (step.StepStatus !== 'Waiting' && step.StepStatus !== 'InProgress') return null;
  if (step.CommandId && step.Action === 'aws:runCommand') {
    return { text: 'Waiting for command', href: `/run-command/${encodeURIComponent(step.CommandId)}`, linkText: step.CommandId.slice(0, 8) };
  }
  if (step.ChildExecutionId && step.Action === 'aws:executeAutomation') {
    return { text: 'Waiting for execution', href: `/automation/${encodeURIComponent(step.ChildExecutionId)}`, linkText: step.ChildExecutionId.slice(0, 8) };
  }
  if (step.Action === 'aws:approve') return { text: 'Waiting for approval' };
  if (step.Action === 'aws:pause') return { text: 'Paused: waiting for Resume' };
  if (step.WaitingFor) return { text: `Waiting for ${step.WaitingFor}` };
  return null;
}

/** A step input as AWS returns it (JSON text), pretty-printed; text that is not JSON as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The step a "Re-run from failed step" starts at: the first step that failed or timed out. */
export function failedStepName(steps: { StepName: string; StepStatus: string; ParentStepDetails?: unknown }[]): string | undefined {
  return steps.find((step) => !step.ParentStepDetails && (step.StepStatus === 'Failed' || step.StepStatus === 'TimedOut'))?.StepName;
}
