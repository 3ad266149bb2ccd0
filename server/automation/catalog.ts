/**
 * The Automation actions Opsdeck runs, what each needs and what it yields: one table the engine,
 * the dry-run and the console's graph all read, so they can never disagree about an action.
 */

export const AUTOMATION_ACTIONS = [
  'aws:runCommand',
  'aws:executeAwsApi',
  'aws:waitForAwsResourceProperty',
  'aws:assertAwsResourceProperty',
  'aws:executeScript',
  'aws:sleep',
  'aws:pause',
  'aws:approve',
  'aws:branch',
  'aws:loop',
  'aws:executeAutomation',
] as const;
export type AutomationAction = (typeof AUTOMATION_ACTIONS)[number];

export interface ActionSpec {
  /** Inputs the step must give (after substitution they must be present and non-empty). */
  requiredInputs: readonly string[];
  /** Inputs the action understands; anything else is an error in dry-run. */
  knownInputs: readonly string[];
  /** Outputs every step of this action has, referable as `{{ step.Name }}` without a selector. */
  builtinOutputs: readonly string[];
  /**
   * Whether a step interrupted by a server crash can simply run again. Idempotent actions are
   * re-run (or re-attached to what they started); the others count the interrupted attempt as
   * failed, so `maxAttempts` and `onFailure` decide what happens next.
   */
  isIdempotent: boolean;
  /** What the step does with a half-done attempt after a crash, for the docs and the console. */
  onResume: string;
}

export const ACTION_SPECS: Record<AutomationAction, ActionSpec> = {
  'aws:runCommand': {
    requiredInputs: ['DocumentName'],
    knownInputs: ['DocumentName', 'DocumentVersion', 'InstanceIds', 'Targets', 'Parameters', 'Comment', 'MaxConcurrency', 'MaxErrors', 'TimeoutSeconds'],
    builtinOutputs: ['CommandId', 'Status', 'Output', 'ResponseCode'],
    isIdempotent: true,
    onResume: 'the command id is stored before the command is sent, so the step re-attaches to the same command and never sends it twice',
  },
  'aws:executeAwsApi': {
    requiredInputs: ['Service', 'Api'],
    knownInputs: ['Service', 'Api'],
    builtinOutputs: [],
    isIdempotent: false,
    onResume: 'read operations (Get*, Describe*, List*) run again; any other operation counts the interrupted attempt as failed',
  },
  'aws:waitForAwsResourceProperty': {
    requiredInputs: ['Service', 'Api', 'PropertySelector', 'DesiredValues'],
    knownInputs: ['Service', 'Api', 'PropertySelector', 'DesiredValues'],
    builtinOutputs: [],
    isIdempotent: true,
    onResume: 'polls again',
  },
  'aws:assertAwsResourceProperty': {
    requiredInputs: ['Service', 'Api', 'PropertySelector', 'DesiredValues'],
    knownInputs: ['Service', 'Api', 'PropertySelector', 'DesiredValues'],
    builtinOutputs: [],
    isIdempotent: true,
    onResume: 'checks again',
  },
  'aws:executeScript': {
    requiredInputs: ['Runtime', 'Handler', 'Script'],
    knownInputs: ['Runtime', 'Handler', 'Script', 'InputPayload'],
    builtinOutputs: [],
    isIdempotent: false,
    onResume: 'the interrupted attempt counts as failed (a script may have had side effects)',
  },
  'aws:sleep': {
    requiredInputs: [],
    knownInputs: ['Duration', 'Timestamp'],
    builtinOutputs: [],
    isIdempotent: true,
    onResume: 'the wake-up time is stored, so it sleeps only for what is left',
  },
  'aws:pause': {
    requiredInputs: [],
    knownInputs: [],
    builtinOutputs: [],
    isIdempotent: true,
    onResume: 'keeps waiting for Resume',
  },
  'aws:approve': {
    requiredInputs: ['Approvers'],
    knownInputs: ['Approvers', 'MinRequiredApprovals', 'Message', 'NotificationArn'],
    builtinOutputs: ['ApprovalStatus', 'ApproverDecisions'],
    isIdempotent: true,
    onResume: 'decisions are stored as they arrive, so it keeps waiting for the ones still missing',
  },
  'aws:branch': {
    requiredInputs: ['Choices'],
    knownInputs: ['Choices', 'Default'],
    builtinOutputs: [],
    isIdempotent: true,
    onResume: 'evaluates its choices again',
  },
  'aws:loop': {
    requiredInputs: ['Steps'],
    knownInputs: ['Iterators', 'IteratorDataType', 'LoopCondition', 'MaxIterations', 'Steps'],
    builtinOutputs: ['CurrentIteration', 'CurrentIteratorValue'],
    isIdempotent: true,
    onResume: 'the iteration is stored, so it carries on with the step it was at',
  },
  'aws:executeAutomation': {
    requiredInputs: ['DocumentName'],
    knownInputs: ['DocumentName', 'DocumentVersion', 'RuntimeParameters', 'TargetParameterName', 'Targets', 'MaxConcurrency', 'MaxErrors'],
    builtinOutputs: ['ExecutionId', 'Status', 'Output'],
    isIdempotent: true,
    onResume: 'the child execution id is stored before it starts, so it waits for the same child',
  },
};

export function isAutomationAction(action: unknown): action is AutomationAction {
  return typeof action === 'string' && (AUTOMATION_ACTIONS as readonly string[]).includes(action);
}

/** Automation-only variables AWS substitutes besides parameters and step outputs. */
export const AUTOMATION_VARIABLES = [
  'automation:EXECUTION_ID',
  'automation:DOCUMENT_NAME',
  'global:DATE',
  'global:DATE_TIME',
  'global:REGION',
  'global:ACCOUNT_ID',
  'global:AWS_PARTITION',
] as const;

/**
 * Actions that call an API operation: besides their own inputs, a step gives the operation's
 * request parameters as inputs (`Name`, `InstanceIds`...), as AWS passes them through, so any
 * other input is accepted.
 */
export const API_CALL_ACTIONS: readonly AutomationAction[] = ['aws:executeAwsApi', 'aws:waitForAwsResourceProperty', 'aws:assertAwsResourceProperty'];
