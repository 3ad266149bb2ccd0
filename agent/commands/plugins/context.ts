import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import type { AgentCallAnswer, AgentCallEvents, AgentCallPayload, OutputStream, PluginStatus } from '../../protocol';

/** Why the executor aborts a step's signal. */
export type StopReason = 'Cancelled' | 'AgentStopped';

export interface StepOutput {
  write(stream: OutputStream, data: Uint8Array): void;
  /** A child's stream: paused while the output window is full. */
  attach(readable: Readable): void;
  release(readable: Readable): void;
}

/** What a plugin knows about the invocation it runs in. */
export interface StepContext {
  nodeId: string;
  platformType: string;
  invocationId: string;
  commandId: string;
  runAs?: string;
  executionTimeoutSeconds: number;
  /** performance.now() at which the invocation's execution timeout passes. */
  deadline: number;
  /** The default working directory; relative paths in inputs are relative to it. */
  workDir: string;
  scriptsDir: string;
  /** Where the step sits: [2] for the third step, [2, 0] for the first step nested in it. */
  stepPath: number[];
  /** Aborted with a StopReason when the invocation is cancelled or the agent stops. */
  signal: AbortSignal;
  output: StepOutput;
  /** Asks the server while the step runs; rejects when the agent is offline or the server does not answer in time. */
  callServer<E extends keyof AgentCallEvents>(event: E, payload: AgentCallPayload<E>): Promise<AgentCallAnswer<E>>;
}

export interface StepOutcome {
  status: PluginStatus;
  /** -1 when killed or never started. */
  exitCode: number;
  message?: string;
}

export const DEFAULT_STEP_TIMEOUT_SECONDS = 3600;
export const MAX_STEP_TIMEOUT_SECONDS = 172_800;

export type StepTimeout = { ms: number; isExecutionLimit: boolean } | { error: string };

/**
 * A step's `timeoutSeconds` input (a number, or a string after parameter substitution), capped by
 * what is left of the invocation's execution timeout.
 */
export function stepTimeout(value: unknown, deadline: number): StepTimeout {
  let seconds = DEFAULT_STEP_TIMEOUT_SECONDS;
  if (value !== undefined && value !== null && value !== '') {
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(number) || number < 1 || number > MAX_STEP_TIMEOUT_SECONDS) {
      return { error: `timeoutSeconds must be a whole number of seconds from 1 to ${MAX_STEP_TIMEOUT_SECONDS}, not ${JSON.stringify(value)}` };
    }
    seconds = number;
  }
  const remaining = Math.max(0, Math.ceil(deadline - performance.now()));
  return remaining <= seconds * 1000 ? { ms: remaining, isExecutionLimit: true } : { ms: seconds * 1000, isExecutionLimit: false };
}

export function timedOutMessage(ctx: StepContext, timeout: { ms: number; isExecutionLimit: boolean }): string {
  return timeout.isExecutionLimit
    ? `the invocation's execution timeout (${ctx.executionTimeoutSeconds} s) passed while this step ran; it was stopped`
    : `the step ran longer than its timeoutSeconds (${Math.round(timeout.ms / 1000)} s) and was stopped`;
}

export function stoppedOutcome(reason: unknown): StepOutcome {
  return reason === 'Cancelled'
    ? { status: 'Cancelled', exitCode: -1, message: 'the command was cancelled while this step ran' }
    : { status: 'Failed', exitCode: -1, message: 'the agent was stopped while this step ran; Opsdeck never runs a command twice, so it was not run again' };
}

export const text = (line: string) => Buffer.from(line, 'utf8');
