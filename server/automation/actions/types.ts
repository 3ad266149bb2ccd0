import type { AutomationExecutionRow, AutomationStepRow, StepState } from '@/db/schema';
import type { Caller } from '@/server/identity/caller';

/** What an action sees of its step: resolved inputs, durable state, and whose rights it acts with. */
export interface StepContext {
  execution: AutomationExecutionRow;
  step: AutomationStepRow;
  /** Inputs after substitution; `{{ssm-secure:}}` values are sealed references until revealed. */
  inputs: Record<string, unknown>;
  /** The identity that started the execution: API calls made by steps are authorised as it. */
  caller: Caller;
  /** Persists part of the step's state before the action goes on (what a crash must not lose). */
  saveState(patch: Partial<StepState>): Promise<void>;
  /** Wakes this execution when something it waits for happens (a child finishing...). */
  now: Date;
}

export type StepResult =
  | { kind: 'success'; outputs?: Record<string, unknown>; response?: unknown; nextStep?: string }
  /** `outputs`: what the action's own outputs were when it failed (a failed command's Output). */
  | { kind: 'failed'; message: string; failureType?: FailureType; response?: unknown; outputs?: Record<string, unknown> }
  /** Not done yet: park the execution until `wakeAt` (or until something wakes it). */
  | { kind: 'waiting'; status: 'InProgress' | 'Waiting'; wakeAt?: Date };

export type FailureType = 'Verification' | 'Configuration' | 'Action' | 'Timeout' | 'Interrupted' | 'Rejected';

export interface ActionHandler {
  run(context: StepContext): Promise<StepResult>;
  /** The step is leaving unfinished (stopped or timed out): undo what keeps running elsewhere. */
  abandon?(context: Omit<StepContext, 'inputs'>): Promise<void>;
  /** The timeout a step of this action gets when it sets none (AWS's defaults). */
  defaultTimeoutSeconds?: number;
}

export function failed(message: string, failureType: FailureType = 'Action'): StepResult {
  return { kind: 'failed', message, failureType };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
