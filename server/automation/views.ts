import type { AutomationExecutionRow, AutomationStatus, AutomationStepRow } from '@/db/schema';

/** AWS's StepExecution, with Opsdeck's extras for the console's timeline. */
export interface StepExecutionView {
  StepExecutionId: string;
  StepName: string;
  Action: string;
  StepStatus: AutomationStatus;
  ExecutionStartTime?: Date;
  ExecutionEndTime?: Date;
  TimeoutSeconds?: number;
  MaxAttempts: number;
  OnFailure: string;
  OnCancel?: string;
  IsEnd: boolean;
  IsCritical: boolean;
  NextStep?: string;
  /** Inputs after substitution, each value as JSON text (AWS's shape). */
  Inputs: Record<string, string>;
  /** Output name → list of strings (AWS's shape). */
  Outputs: Record<string, string[]>;
  FailureMessage?: string;
  FailureDetails?: { FailureStage: string; FailureType: string };
  ParentStepDetails?: { StepExecutionId: string; StepName: string; Action: string; Iteration: number; IteratorValue?: string };
  /** Opsdeck: attempts made so far, and what the step waits for when it is Waiting. */
  Attempt: number;
  WaitingFor?: string;
  /** Opsdeck: the Run Command command or child execution this step started. */
  CommandId?: string;
  ChildExecutionId?: string;
  ApproverDecisions?: { username: string; decision: 'Approve' | 'Reject'; comment: string; at: string }[];
}

export interface ProgressCounters {
  TotalSteps: number;
  SuccessSteps: number;
  FailedSteps: number;
  CancelledSteps: number;
  TimedOutSteps: number;
}

/** AWS's AutomationExecutionMetadata (DescribeAutomationExecutions' rows). */
export interface ExecutionSummaryView {
  AutomationExecutionId: string;
  DocumentName: string;
  DocumentVersion: string;
  AutomationExecutionStatus: AutomationStatus;
  ExecutionStartTime: Date;
  ExecutionEndTime?: Date;
  ExecutedBy: string;
  Mode: 'Auto' | 'Interactive';
  ParentAutomationExecutionId?: string;
  CurrentStepName?: string;
  CurrentAction?: string;
  FailureMessage?: string;
  Outputs: Record<string, string[]>;
  TargetParameterName?: string;
  Targets?: { Key: string; Values: string[] }[];
  ResolvedTargets?: { ParameterValues: string[]; Truncated: boolean };
  MaxConcurrency?: string;
  MaxErrors?: string;
  Target?: string;
  AutomationType: 'Local';
}

/** AWS's AutomationExecution (GetAutomationExecution). */
export interface ExecutionView extends ExecutionSummaryView {
  Parameters: Record<string, string[]>;
  StepExecutions: StepExecutionView[];
  StepExecutionsTruncated: boolean;
  ProgressCounters: ProgressCounters;
}

const RESOLVED_TARGETS_SHOWN = 100;

function stepField<T>(row: AutomationStepRow, key: string): T | undefined {
  return row.definition[key] as T | undefined;
}

function asStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  return [typeof value === 'string' ? value : JSON.stringify(value)];
}

export function outputsAsStrings(outputs: Record<string, unknown>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, asStrings(value)]));
}

function waitingFor(row: AutomationStepRow): string | undefined {
  if (row.status !== 'Waiting' && row.status !== 'InProgress') return undefined;
  switch (row.action) {
    case 'aws:approve':
      return 'approval';
    case 'aws:pause':
      return 'a Resume signal';
    case 'aws:sleep':
      return row.state.wakeAt ? `the time ${row.state.wakeAt}` : undefined;
    case 'aws:runCommand':
      return row.state.commandId ? `command ${row.state.commandId}` : undefined;
    case 'aws:executeAutomation':
      return row.state.childExecutionId ? `execution ${row.state.childExecutionId}` : undefined;
    default:
      return undefined;
  }
}

export function toStepView(row: AutomationStepRow, loopRow?: AutomationStepRow): StepExecutionView {
  return {
    StepExecutionId: row.id,
    StepName: row.stepName,
    Action: row.action,
    StepStatus: row.status,
    ExecutionStartTime: row.startedAt ?? undefined,
    ExecutionEndTime: row.endedAt ?? undefined,
    TimeoutSeconds: row.timeoutSeconds ?? undefined,
    MaxAttempts: row.maxAttempts,
    OnFailure: stepField<string>(row, 'onFailure') ?? 'Abort',
    OnCancel: stepField<string>(row, 'onCancel'),
    IsEnd: stepField<boolean>(row, 'isEnd') ?? false,
    IsCritical: stepField<boolean>(row, 'isCritical') ?? true,
    NextStep: row.nextStepName ?? stepField<string>(row, 'nextStep'),
    Inputs: Object.fromEntries(Object.entries(row.inputs ?? {}).map(([name, value]) => [name, JSON.stringify(value)])),
    Outputs: outputsAsStrings(row.outputs),
    FailureMessage: row.failureMessage ?? undefined,
    FailureDetails: row.failureType ? { FailureStage: 'Invocation', FailureType: row.failureType } : undefined,
    ParentStepDetails:
      loopRow && row.iteration !== null
        ? {
            StepExecutionId: loopRow.id,
            StepName: loopRow.stepName,
            Action: loopRow.action,
            Iteration: row.iteration,
            IteratorValue: loopRow.state.iteratorValues ? JSON.stringify(loopRow.state.iteratorValues[row.iteration - 1]) : undefined,
          }
        : undefined,
    Attempt: row.attempt,
    WaitingFor: waitingFor(row),
    CommandId: row.state.commandId,
    ChildExecutionId: row.state.childExecutionId,
    ApproverDecisions: row.state.decisions,
  };
}

export function toExecutionSummary(row: AutomationExecutionRow, current?: AutomationStepRow): ExecutionSummaryView {
  const resolved = row.resolvedTargets ?? undefined;
  return {
    AutomationExecutionId: row.id,
    DocumentName: row.documentName,
    DocumentVersion: row.documentVersion,
    AutomationExecutionStatus: row.status,
    ExecutionStartTime: row.startedAt ?? row.createdAt,
    ExecutionEndTime: row.endedAt ?? undefined,
    ExecutedBy: row.executedBy.username,
    Mode: row.mode,
    ParentAutomationExecutionId: row.parentId ?? undefined,
    CurrentStepName: current?.stepName,
    CurrentAction: current?.action,
    FailureMessage: row.failureMessage ?? undefined,
    Outputs: row.outputs,
    TargetParameterName: row.targetParameterName ?? undefined,
    Targets: row.targets ?? undefined,
    ResolvedTargets: resolved ? { ParameterValues: resolved.slice(0, RESOLVED_TARGETS_SHOWN), Truncated: resolved.length > RESOLVED_TARGETS_SHOWN } : undefined,
    MaxConcurrency: row.maxConcurrency ?? undefined,
    MaxErrors: row.maxErrors ?? undefined,
    Target: row.target ?? undefined,
    AutomationType: 'Local',
  };
}

export function progressCounters(steps: readonly AutomationStepRow[], totalSteps: number): ProgressCounters {
  const count = (status: AutomationStatus) => steps.filter((step) => step.status === status).length;
  return { TotalSteps: totalSteps, SuccessSteps: count('Success'), FailedSteps: count('Failed'), CancelledSteps: count('Cancelled'), TimedOutSteps: count('TimedOut') };
}
