import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import {
  automationExecutions,
  automationStepExecutions,
  TERMINAL_AUTOMATION_STATUSES,
  type AutomationExecutionRow,
  type AutomationStatus,
  type AutomationStepRow,
  type StepState,
} from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { actingAs, type Caller } from '@/server/identity/caller';
import { resolveDocumentReference } from '@/server/parameters/references';
import { ACTION_HANDLERS } from './actions';
import { isReadOperation } from './actions/aws-api';
import { errorMessage, type StepContext, type StepResult } from './actions/types';
import { ACTION_SPECS, isAutomationAction } from './catalog';
import { evaluateCondition } from './conditions';
import { advanceRateControlled } from './rate-control';
import { selectOutputs } from './selectors';
import { automationVariables, substitute } from './substitute';
import { requestWake } from './wake';
import { emitAutomationFinished } from './events';

export type Advance = 'continue' | 'parked' | 'finished';
export interface AdvanceHooks {
  /** Queues a wake-up of this execution at `at` (pg-boss). */
  schedule(at: Date): Promise<void>;
}

type StepDefinition = Record<string, unknown>;
const END = Symbol('end');
const ABORT = Symbol('abort');
/** AWS's ceiling on aws:loop iterations. */
const MAX_LOOP_ITERATIONS = 100;

export function isTerminal(status: AutomationStatus): boolean {
  return TERMINAL_AUTOMATION_STATUSES.includes(status);
}

/** Steps act as the user who started the execution. */
export function executionCaller(execution: AutomationExecutionRow): Caller {
  return actingAs(execution.executedBy, `automation/${execution.id}`);
}

async function loadExecution(id: string): Promise<AutomationExecutionRow | undefined> {
  const [row] = await getDb().select().from(automationExecutions).where(eq(automationExecutions.id, id));
  return row;
}

async function loadStep(id: string): Promise<AutomationStepRow | undefined> {
  const [row] = await getDb().select().from(automationStepExecutions).where(eq(automationStepExecutions.id, id));
  return row;
}

function stepName(definition: StepDefinition): string {
  return String(definition.name ?? '');
}

/** The list of steps a step row belongs to: the runbook's mainSteps, or its loop's Steps. */
async function scopeOf(execution: AutomationExecutionRow, step: AutomationStepRow): Promise<{ steps: StepDefinition[]; loop?: AutomationStepRow }> {
  if (!step.loopStepId) return { steps: execution.runbook.mainSteps };
  const loop = await loadStep(step.loopStepId);
  const inputs = (loop?.definition.inputs ?? {}) as { Steps?: StepDefinition[] };
  return { steps: inputs.Steps ?? [], loop };
}

function defaultTimeout(action: string): number | null {
  return isAutomationAction(action) && action !== 'aws:loop' ? (ACTION_HANDLERS[action].defaultTimeoutSeconds ?? null) : null;
}

/** Writes a new step row and points the execution at it, in one transaction. */
async function enterStep(execution: AutomationExecutionRow, definition: StepDefinition, loop?: { row: AutomationStepRow; iteration: number }): Promise<void> {
  const action = String(definition.action ?? '');
  await getDb().transaction(async (tx) => {
    const [{ seq }] = (await tx
      .select({ seq: sql<number>`coalesce(max(${automationStepExecutions.seq}), 0)::int + 1` })
      .from(automationStepExecutions)
      .where(eq(automationStepExecutions.executionId, execution.id))) as [{ seq: number }];
    const id = randomUUID();
    await tx.insert(automationStepExecutions).values({
      id,
      executionId: execution.id,
      seq,
      stepName: stepName(definition),
      action,
      definition,
      loopStepId: loop?.row.id ?? null,
      iteration: loop?.iteration ?? null,
      maxAttempts: Number(definition.maxAttempts ?? 1),
      timeoutSeconds: definition.timeoutSeconds === undefined ? defaultTimeout(action) : Number(definition.timeoutSeconds),
    });
    await tx.update(automationExecutions).set({ cursorStepId: id, status: 'InProgress', updatedAt: sql`now()` }).where(eq(automationExecutions.id, execution.id));
  });
}

async function saveStepState(stepId: string, patch: Partial<StepState>): Promise<void> {
  await getDb()
    .update(automationStepExecutions)
    .set({ state: sql`${automationStepExecutions.state} || ${JSON.stringify(patch)}::jsonb` })
    .where(eq(automationStepExecutions.id, stepId));
}

async function substitutionScope(execution: AutomationExecutionRow, caller: Caller) {
  const { region, accountId } = getServerContext();
  const stepNames = new Set<string>();
  const collect = (steps: StepDefinition[]) => {
    for (const step of steps) {
      stepNames.add(stepName(step));
      const inner = (step.inputs as { Steps?: unknown } | undefined)?.Steps;
      if (step.action === 'aws:loop' && Array.isArray(inner)) collect(inner as StepDefinition[]);
    }
  };
  collect(execution.runbook.mainSteps);
  return {
    values: execution.values,
    stepOutputs: execution.stepOutputs,
    variables: automationVariables({ executionId: execution.id, documentName: execution.documentName, region, accountId }),
    stepNames,
    resolveStore: (kind: 'ssm' | 'ssm-secure', name: string) => resolveDocumentReference(caller, kind, name),
  };
}

/**
 * A step's inputs with references resolved. A loop's Steps and LoopCondition stay as written: they
 * name outputs of iterations that have not run yet, and resolve per iteration.
 */
async function resolveInputs(execution: AutomationExecutionRow, step: AutomationStepRow): Promise<Record<string, unknown>> {
  const inputs = { ...((step.definition.inputs ?? {}) as Record<string, unknown>) };
  const deferred = step.action === 'aws:loop' ? { Steps: inputs.Steps, LoopCondition: inputs.LoopCondition } : {};
  for (const key of Object.keys(deferred)) delete inputs[key];
  const resolved = (await substitute(inputs, await substitutionScope(execution, executionCaller(execution)))) as Record<string, unknown>;
  return { ...resolved, ...Object.fromEntries(Object.entries(deferred).filter(([, value]) => value !== undefined)) };
}

interface StepEnd {
  status: AutomationStatus;
  outputs?: Record<string, unknown>;
  response?: unknown;
  failureMessage?: string;
  failureType?: string;
  nextStepName?: string;
}

/** Ends a step and publishes its outputs to the execution (`step.Output`), in one transaction. */
async function endStep(execution: AutomationExecutionRow, step: AutomationStepRow, end: StepEnd): Promise<void> {
  const published = Object.fromEntries(Object.entries(end.outputs ?? {}).map(([name, value]) => [`${step.stepName}.${name}`, value]));
  await getDb().transaction(async (tx) => {
    await tx
      .update(automationStepExecutions)
      .set({
        status: end.status,
        outputs: end.outputs ?? {},
        response: end.response === undefined ? undefined : end.response,
        failureMessage: end.failureMessage ?? null,
        failureType: end.failureType ?? null,
        nextStepName: end.nextStepName ?? null,
        endedAt: sql`now()`,
      })
      .where(eq(automationStepExecutions.id, step.id));
    if (Object.keys(published).length > 0) {
      await tx
        .update(automationExecutions)
        .set({ stepOutputs: sql`${automationExecutions.stepOutputs} || ${JSON.stringify(published)}::jsonb` })
        .where(eq(automationExecutions.id, execution.id));
    }
  });
}

/** The runbook's declared outputs (`step.Output` names) as AWS reports them: lists of strings. */
function runbookOutputs(execution: AutomationExecutionRow, stepOutputs: Record<string, unknown>): Record<string, string[]> {
  const outputs: Record<string, string[]> = {};
  for (const name of execution.runbook.outputs ?? []) {
    if (!Object.hasOwn(stepOutputs, name)) continue;
    const value = stepOutputs[name];
    outputs[name] = (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  return outputs;
}

function isCritical(step: AutomationStepRow): boolean {
  return step.definition.isCritical !== false;
}

/** Ends the execution: Cancelled when stopped, else by the step that aborted it or any critical failure. */
async function finishExecution(execution: AutomationExecutionRow, abortedBy?: AutomationStepRow): Promise<Advance> {
  const fresh = (await loadExecution(execution.id))!;
  const steps = await getDb().select().from(automationStepExecutions).where(eq(automationStepExecutions.executionId, execution.id)).orderBy(asc(automationStepExecutions.seq));
  const criticalFailure = steps.find((step) => (step.status === 'Failed' || step.status === 'TimedOut') && isCritical(step) && !step.loopStepId);
  const culprit = abortedBy ?? criticalFailure;
  let status: AutomationStatus = 'Success';
  if (fresh.stopRequest) status = 'Cancelled';
  else if (culprit) status = culprit.status === 'TimedOut' ? 'TimedOut' : culprit.status === 'Cancelled' ? 'Cancelled' : 'Failed';
  const failureMessage =
    status === 'Cancelled' && fresh.stopRequest
      ? 'stopped by StopAutomationExecution'
      : culprit && status !== 'Success'
        ? `Step ${culprit.stepName} ${culprit.status === 'TimedOut' ? 'timed out' : culprit.status === 'Cancelled' ? 'was cancelled' : 'failed'}: ${culprit.failureMessage ?? 'no reason given'}`
        : null;
  await getDb()
    .update(automationExecutions)
    .set({ status, failureMessage, outputs: runbookOutputs(fresh, fresh.stepOutputs), endedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(automationExecutions.id, execution.id));
  if (execution.parentId) await requestWake(execution.parentId);
  emitAutomationFinished(execution.id);
  return 'finished';
}

/** Where a finished step leads: a step name, the end of its scope, or an abort. */
function nextOf(step: AutomationStepRow, steps: StepDefinition[]): string | typeof END | typeof ABORT {
  const definition = step.definition;
  let proceeds = step.status === 'Success';
  if (step.status === 'Failed' || step.status === 'TimedOut') {
    const onFailure = String(definition.onFailure ?? 'Abort');
    if (onFailure.startsWith('step:')) return onFailure.slice('step:'.length);
    proceeds = onFailure === 'Continue';
  }
  if (step.status === 'Cancelled') {
    const onCancel = String(definition.onCancel ?? 'Abort');
    if (onCancel.startsWith('step:')) return onCancel.slice('step:'.length);
  }
  if (!proceeds) return ABORT;
  if (step.nextStepName) return step.nextStepName;
  if (typeof definition.nextStep === 'string') return definition.nextStep;
  if (definition.isEnd === true) return END;
  const index = steps.findIndex((candidate) => stepName(candidate) === step.stepName);
  const following = steps[index + 1];
  return following ? stepName(following) : END;
}

/** The cursor's step has ended: enter the next one, end a loop iteration, or end the execution. */
async function moveOn(execution: AutomationExecutionRow, step: AutomationStepRow): Promise<Advance> {
  const { steps, loop } = await scopeOf(execution, step);
  if (execution.stopRequest && !loop) return finishExecution(execution);
  const next = nextOf(step, steps);
  if (next === END) {
    if (!loop) return finishExecution(execution);
    await getDb().update(automationExecutions).set({ cursorStepId: loop.id }).where(eq(automationExecutions.id, execution.id));
    return 'continue';
  }
  if (next === ABORT) {
    if (!loop) return finishExecution(execution, step);
    const verb = step.status === 'TimedOut' ? 'timed out' : step.status === 'Cancelled' ? 'was cancelled' : 'failed';
    await endStep(execution, loop, { status: step.status === 'Cancelled' ? 'Cancelled' : 'Failed', failureMessage: `step ${step.stepName} ${verb} in iteration ${step.iteration}: ${step.failureMessage ?? ''}`, failureType: step.failureType ?? 'Action' });
    await getDb().update(automationExecutions).set({ cursorStepId: loop.id }).where(eq(automationExecutions.id, execution.id));
    return 'continue';
  }
  const definition = steps.find((candidate) => stepName(candidate) === next);
  if (!definition) {
    await endStep(execution, step, { status: 'Failed', failureMessage: `the next step '${next}' is not a step of this runbook`, failureType: 'Configuration' });
    return finishExecution(execution, { ...step, status: 'Failed', failureMessage: `the next step '${next}' is not a step of this runbook` });
  }
  await enterStep(execution, definition, loop ? { row: loop, iteration: step.iteration ?? 1 } : undefined);
  return 'continue';
}

/** Starts an attempt (inputs resolved and stored, the timeout clock started) and runs it. */
async function beginAttempt(execution: AutomationExecutionRow, step: AutomationStepRow, hooks: AdvanceHooks): Promise<Advance> {
  if (execution.mode === 'Interactive' && !step.state.isStartRequested) {
    await getDb().update(automationExecutions).set({ status: 'Waiting' }).where(eq(automationExecutions.id, execution.id));
    return 'parked';
  }
  if (!isAutomationAction(step.action)) {
    await endStep(execution, step, { status: 'Failed', failureMessage: `'${step.action}' is not an action Opsdeck runs`, failureType: 'Configuration' });
    return 'continue';
  }
  let inputs: Record<string, unknown>;
  try {
    inputs = await resolveInputs(execution, step);
  } catch (error) {
    await endStep(execution, step, { status: 'Failed', failureMessage: errorMessage(error), failureType: 'Configuration' });
    return 'continue';
  }
  const now = new Date();
  const started: AutomationStepRow = {
    ...step,
    status: 'InProgress',
    attempt: step.attempt + 1,
    inputs,
    startedAt: step.startedAt ?? now,
    deadlineAt: step.timeoutSeconds ? new Date(now.getTime() + step.timeoutSeconds * 1000) : null,
    failureMessage: null,
  };
  await getDb()
    .update(automationStepExecutions)
    .set({ status: started.status, attempt: started.attempt, inputs, startedAt: started.startedAt, deadlineAt: started.deadlineAt, failureMessage: null })
    .where(eq(automationStepExecutions.id, step.id));
  if (execution.status !== 'InProgress') {
    await getDb().update(automationExecutions).set({ status: 'InProgress' }).where(eq(automationExecutions.id, execution.id));
    execution = { ...execution, status: 'InProgress' };
  }
  // Straight on, without reading back what was just written: one transition fewer per step.
  return runAttempt(execution, started, hooks);
}

function isIdempotent(step: AutomationStepRow): boolean {
  if (!isAutomationAction(step.action)) return false;
  if (step.action === 'aws:executeAwsApi') return isReadOperation(step.inputs?.Api);
  return ACTION_SPECS[step.action].isIdempotent;
}

async function runHandler(execution: AutomationExecutionRow, step: AutomationStepRow): Promise<StepResult> {
  const handler = ACTION_HANDLERS[step.action as keyof typeof ACTION_HANDLERS];
  if (!isIdempotent(step)) {
    if (step.state.inFlightAttempt === step.attempt) {
      return {
        kind: 'failed',
        failureType: 'Interrupted',
        message: `the server stopped while attempt ${step.attempt} of this step ran; ${step.action} is not safe to repeat blindly, so the attempt counts as failed`,
      };
    }
    await saveStepState(step.id, { inFlightAttempt: step.attempt });
  }
  const context: StepContext = {
    execution,
    step,
    inputs: step.inputs ?? {},
    caller: executionCaller(execution),
    now: new Date(),
    saveState: async (patch) => {
      await saveStepState(step.id, patch);
      step.state = { ...step.state, ...patch };
    },
  };
  try {
    return await handler.run(context);
  } catch (error) {
    return { kind: 'failed', message: errorMessage(error), failureType: 'Action' };
  }
}

/** Builds the step's outputs: the action's own, then each declared output selected from the response. */
function outputsOf(step: AutomationStepRow, result: Extract<StepResult, { kind: 'success' }>): Record<string, unknown> {
  const declared = Array.isArray(step.definition.outputs) ? (step.definition.outputs as { Name: string; Selector: string; Type: string }[]) : [];
  const own = result.outputs ?? {};
  if (declared.length === 0) return own;
  const source = result.response ?? own;
  return { ...own, ...selectOutputs(source, declared) };
}

async function applyResult(execution: AutomationExecutionRow, step: AutomationStepRow, result: StepResult, hooks: AdvanceHooks): Promise<Advance> {
  if (result.kind === 'success') {
    let outputs: Record<string, unknown>;
    try {
      outputs = outputsOf(step, result);
    } catch (error) {
      return applyResult(execution, step, { kind: 'failed', message: errorMessage(error), failureType: 'Verification', response: result.response }, hooks);
    }
    await endStep(execution, step, { status: 'Success', outputs, response: result.response, nextStepName: result.nextStep });
    return moveOn(execution, { ...step, status: 'Success', outputs, nextStepName: result.nextStep ?? null });
  }
  if (result.kind === 'failed') {
    if (step.attempt < step.maxAttempts && result.failureType !== 'Rejected') {
      // Another attempt: back to Pending, keeping what went wrong in view until it starts.
      await getDb()
        .update(automationStepExecutions)
        .set({ status: 'Pending', failureMessage: `attempt ${step.attempt} failed: ${result.message}`, state: sql`${automationStepExecutions.state} - 'commandId' - 'childExecutionId' - 'wakeAt'` })
        .where(eq(automationStepExecutions.id, step.id));
      return 'continue';
    }
    const status = result.failureType === 'Timeout' ? 'TimedOut' : 'Failed';
    await endStep(execution, step, { status, outputs: result.outputs, failureMessage: result.message, failureType: result.failureType, response: result.response });
    return moveOn(execution, { ...step, status, failureMessage: result.message, failureType: result.failureType ?? null });
  }
  if (step.status !== result.status) await getDb().update(automationStepExecutions).set({ status: result.status }).where(eq(automationStepExecutions.id, step.id));
  const executionStatus = result.status === 'Waiting' ? 'Waiting' : 'InProgress';
  if (execution.status !== executionStatus) await getDb().update(automationExecutions).set({ status: executionStatus }).where(eq(automationExecutions.id, execution.id));
  const wakeAt = [result.wakeAt, step.deadlineAt ?? undefined].filter((at): at is Date => at !== undefined).sort((a, b) => a.getTime() - b.getTime())[0];
  if (wakeAt) await hooks.schedule(wakeAt);
  return 'parked';
}

/** Leaves a running step unfinished (timeout, StopStep, stop): what it started elsewhere is stopped too. */
async function abandonStep(execution: AutomationExecutionRow, step: AutomationStepRow, end: StepEnd): Promise<void> {
  const handler = isAutomationAction(step.action) && step.action !== 'aws:loop' ? ACTION_HANDLERS[step.action] : undefined;
  await handler?.abandon?.({ execution, step, caller: executionCaller(execution), now: new Date(), saveState: (patch) => saveStepState(step.id, patch) });
  await endStep(execution, step, end);
}

/** One pass of aws:loop: start the next iteration's first step, or end the loop. */
async function runLoop(execution: AutomationExecutionRow, loop: AutomationStepRow): Promise<Advance> {
  const inputs = loop.inputs ?? {};
  const steps = (inputs.Steps ?? []) as StepDefinition[];
  const started = loop.state.iteration ?? 0;
  const iterators = inputs.Iterators === undefined ? undefined : Array.isArray(inputs.Iterators) ? inputs.Iterators : [inputs.Iterators];
  const maxIterations = Math.min(Number(inputs.MaxIterations ?? MAX_LOOP_ITERATIONS), MAX_LOOP_ITERATIONS);
  let isDone = started >= maxIterations || steps.length === 0 || (iterators !== undefined && started >= iterators.length);
  if (!isDone && iterators === undefined && started > 0) {
    // do-while: the condition reads the outputs of the iteration that just ended.
    try {
      const condition = await substitute(loop.definition.inputs && (loop.definition.inputs as Record<string, unknown>).LoopCondition, await substitutionScope((await loadExecution(execution.id))!, executionCaller(execution)));
      isDone = !evaluateCondition(condition, ['LoopCondition']);
    } catch (error) {
      await endStep(execution, loop, { status: 'Failed', failureMessage: `LoopCondition: ${errorMessage(error)}`, failureType: 'Configuration' });
      return 'continue';
    }
  }
  const lastValue = iterators && started > 0 ? iterators[started - 1] : undefined;
  if (isDone) {
    await endStep(execution, loop, { status: 'Success', outputs: { CurrentIteration: started, ...(lastValue === undefined ? {} : { CurrentIteratorValue: lastValue }) } });
    return 'continue';
  }
  const value = iterators?.[started];
  const published = { [`${loop.stepName}.CurrentIteration`]: started + 1, ...(value === undefined ? {} : { [`${loop.stepName}.CurrentIteratorValue`]: value }) };
  await getDb()
    .update(automationExecutions)
    .set({ stepOutputs: sql`${automationExecutions.stepOutputs} || ${JSON.stringify(published)}::jsonb` })
    .where(eq(automationExecutions.id, execution.id));
  await saveStepState(loop.id, { iteration: started + 1, iteratorValues: iterators });
  await enterStep(execution, steps[0]!, { row: loop, iteration: started + 1 });
  return 'continue';
}

async function runAttempt(execution: AutomationExecutionRow, step: AutomationStepRow, hooks: AdvanceHooks): Promise<Advance> {
  if (step.state.isStopRequested) {
    await abandonStep(execution, step, { status: 'Cancelled', failureMessage: 'stopped by a StopStep signal', failureType: 'Cancelled' });
    return 'continue';
  }
  if (step.deadlineAt && step.deadlineAt <= new Date()) {
    await abandonStep(execution, step, { status: 'TimedOut', failureMessage: `the step ran past its timeout of ${step.timeoutSeconds} seconds`, failureType: 'Timeout' });
    return 'continue';
  }
  if (step.action === 'aws:loop') return runLoop(execution, step);
  return applyResult(execution, step, await runHandler(execution, step), hooks);
}

/** StopAutomationExecution: the current step is abandoned; an onCancel step runs when Type is Cancel. */
async function beginStop(execution: AutomationExecutionRow, step: AutomationStepRow | undefined): Promise<Advance> {
  await getDb().update(automationExecutions).set({ status: 'Cancelling' }).where(eq(automationExecutions.id, execution.id));
  let current = step;
  while (current && !isTerminal(current.status)) {
    await abandonStep(execution, current, { status: 'Cancelled', failureMessage: 'stopped by StopAutomationExecution', failureType: 'Cancelled' });
    current = current.loopStepId ? await loadStep(current.loopStepId) : undefined;
  }
  const onCancel = step && execution.stopRequest === 'Cancel' ? String(step.definition.onCancel ?? '') : '';
  const target = onCancel.startsWith('step:') ? execution.runbook.mainSteps.find((candidate) => stepName(candidate) === onCancel.slice('step:'.length)) : undefined;
  if (!target) return finishExecution(execution);
  await enterStep(execution, target);
  await getDb().update(automationExecutions).set({ status: 'Cancelling' }).where(eq(automationExecutions.id, execution.id));
  return 'continue';
}

/** One transition of an execution, read fresh from its rows: the whole engine's state machine. */
export async function advance(executionId: string, hooks: AdvanceHooks): Promise<Advance> {
  // One read per transition: the execution and the step its cursor is at.
  const [loaded] = await getDb()
    .select({ execution: automationExecutions, step: automationStepExecutions })
    .from(automationExecutions)
    .leftJoin(automationStepExecutions, eq(automationStepExecutions.id, automationExecutions.cursorStepId))
    .where(eq(automationExecutions.id, executionId));
  const execution = loaded?.execution;
  if (!execution || isTerminal(execution.status)) return 'finished';
  if (execution.status === 'Pending') {
    await getDb().update(automationExecutions).set({ status: 'InProgress', startedAt: sql`now()` }).where(eq(automationExecutions.id, executionId));
    return 'continue';
  }
  if (execution.targetParameterName) return advanceRateControlled(execution);
  const step = loaded.step ?? undefined;
  if (execution.stopRequest && execution.status !== 'Cancelling') return beginStop(execution, step);
  if (!step) {
    const first = execution.startStepName ? execution.runbook.mainSteps.find((candidate) => stepName(candidate) === execution.startStepName) : execution.runbook.mainSteps[0];
    if (!first) return finishExecution(execution);
    await enterStep(execution, first);
    return 'continue';
  }
  if (isTerminal(step.status)) return moveOn(execution, step);
  if (step.status === 'Pending') return beginAttempt(execution, step, hooks);
  return runAttempt(execution, step, hooks);
}
