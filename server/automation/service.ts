import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { automationExecutions, automationStepExecutions, type AutomationExecutionRow, type AutomationStepRow } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError, validationError } from '@/server/errors';
import { resourceArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { resolveDocumentReference } from '@/server/parameters/references';
import { isTerminal } from './advance';
import { mayApprove } from './actions/waits';
import { dryRunRunbook } from './dry-run';
import {
  dryRunInput,
  listExecutionsInput,
  rerunInput,
  signalInput,
  internalStartExecutionInput,
  startExecutionInput,
  stepListInput,
  stopInput,
  type DryRunInput,
  type ListExecutionsInput,
  type SignalInput,
  type StartExecutionInput,
  type StepListInput,
} from './schemas';
import { createExecution } from './start';
import { progressCounters, toExecutionSummary, toStepView, type ExecutionSummaryView, type ExecutionView, type StepExecutionView } from './views';
import { requestWake } from './wake';
export type { DryRunInput, ListExecutionsInput, SignalInput, StartExecutionInput, StepListInput } from './schemas';

export interface DryRunResult {
  ok: boolean;
  issues: { path: string; message: string; severity: 'error' | 'warning'; line?: number; column?: number }[];
  steps: { name: string; action: string; isReachable: boolean }[];
}

/** GetAutomationExecution returns at most this many step executions (AWS truncates too). */
const MAX_STEPS_IN_EXECUTION = 500;

function definitionArn(documentName: string): string {
  const { region, accountId } = getServerContext();
  return resourceArn(region, accountId, 'automation-definition', documentName);
}

function executionArn(executionId: string): string {
  const { region, accountId } = getServerContext();
  return resourceArn(region, accountId, 'automation-execution', executionId);
}

async function findExecution(executionId: string): Promise<AutomationExecutionRow> {
  const [row] = await getDb().select().from(automationExecutions).where(eq(automationExecutions.id, executionId));
  if (!row) throw new OpsdeckError('AutomationExecutionNotFoundException', `there is no automation execution ${executionId}`, 404);
  return row;
}

async function currentStep(execution: AutomationExecutionRow): Promise<AutomationStepRow | undefined> {
  if (!execution.cursorStepId) return undefined;
  const [row] = await getDb().select().from(automationStepExecutions).where(eq(automationStepExecutions.id, execution.cursorStepId));
  return row;
}

/** StartAutomationExecution: checks the runbook and its parameters, stores the execution and starts it. */
export async function startAutomationExecution(caller: Caller, rawInput: StartExecutionInput, options: { allowManyTargetValues?: boolean } = {}): Promise<{ executionId: string }> {
  const input = (options.allowManyTargetValues ? internalStartExecutionInput : startExecutionInput).parse(rawInput);
  return perform(caller, { name: 'StartAutomationExecution', iamAction: 'ssm:StartAutomationExecution', resources: [definitionArn(input.documentName)], parameters: input }, async () => {
    const execution = await createExecution(caller, input);
    await requestWake(execution.id);
    return { executionId: execution.id };
  });
}

function listConditions(input: ReturnType<typeof listExecutionsInput.parse>): SQL[] {
  const conditions: SQL[] = [];
  if (input.documentNamePrefix) conditions.push(ilike(automationExecutions.documentName, `${input.documentNamePrefix.replace(/[\\%_]/g, '\\$&')}%`));
  if (input.statuses?.length) conditions.push(inArray(automationExecutions.status, input.statuses));
  if (input.executionIds?.length) conditions.push(inArray(automationExecutions.id, input.executionIds));
  if (input.parentExecutionId) conditions.push(eq(automationExecutions.parentId, input.parentExecutionId));
  else if (input.isTopLevelOnly) conditions.push(isNull(automationExecutions.parentId));
  if (input.executedBy) conditions.push(sql`${automationExecutions.executedBy}->>'username' = ${input.executedBy}`);
  if (input.startTimeAfter) conditions.push(gte(automationExecutions.createdAt, input.startTimeAfter));
  if (input.startTimeBefore) conditions.push(lte(automationExecutions.createdAt, input.startTimeBefore));
  return conditions;
}

async function currentSteps(rows: AutomationExecutionRow[]): Promise<Map<string, AutomationStepRow>> {
  const ids = rows.map((row) => row.cursorStepId).filter((id): id is string => id !== null);
  if (ids.length === 0) return new Map();
  const steps = await getDb().select().from(automationStepExecutions).where(inArray(automationStepExecutions.id, ids));
  return new Map(steps.map((step) => [step.id, step]));
}

/** DescribeAutomationExecutions: newest first, with AWS's filters. */
export async function listAutomationExecutions(caller: Caller, rawInput: ListExecutionsInput = {}): Promise<{ executions: ExecutionSummaryView[]; hasMore: boolean; total: number }> {
  const input = listExecutionsInput.parse(rawInput);
  return perform(caller, { name: 'DescribeAutomationExecutions', iamAction: 'ssm:DescribeAutomationExecutions', parameters: input, isAudited: false }, async () => {
    const where = and(...listConditions(input));
    const limit = input.maxResults ?? 50;
    const rows = await getDb()
      .select()
      .from(automationExecutions)
      .where(where)
      .orderBy(desc(automationExecutions.createdAt), desc(automationExecutions.id))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    const [{ total }] = (await getDb().select({ total: sql<number>`count(*)::int` }).from(automationExecutions).where(where)) as [{ total: number }];
    const page = rows.slice(0, limit);
    const steps = await currentSteps(page);
    return { executions: page.map((row) => toExecutionSummary(row, row.cursorStepId ? steps.get(row.cursorStepId) : undefined)), hasMore: rows.length > limit, total };
  });
}

async function stepViews(rows: AutomationStepRow[]): Promise<StepExecutionView[]> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return rows.map((row) => toStepView(row, row.loopStepId ? byId.get(row.loopStepId) : undefined));
}

/** GetAutomationExecution: the execution with its step executions in the order they ran. */
export async function getAutomationExecution(caller: Caller, executionId: string): Promise<ExecutionView> {
  return perform(caller, { name: 'GetAutomationExecution', iamAction: 'ssm:GetAutomationExecution', resources: [executionArn(executionId)], parameters: { executionId }, isAudited: false }, async () => {
    const execution = await findExecution(executionId);
    const steps = await getDb()
      .select()
      .from(automationStepExecutions)
      .where(eq(automationStepExecutions.executionId, executionId))
      .orderBy(asc(automationStepExecutions.seq))
      .limit(MAX_STEPS_IN_EXECUTION + 1);
    const shown = steps.slice(0, MAX_STEPS_IN_EXECUTION);
    const current = execution.cursorStepId ? steps.find((step) => step.id === execution.cursorStepId) : undefined;
    return {
      ...toExecutionSummary(execution, current),
      Parameters: execution.parameters,
      StepExecutions: await stepViews(shown),
      StepExecutionsTruncated: steps.length > MAX_STEPS_IN_EXECUTION,
      ProgressCounters: progressCounters(shown.filter((step) => !step.loopStepId), execution.runbook.mainSteps.length),
    };
  });
}

/** DescribeAutomationStepExecutions: one execution's steps, filtered, in run order (or reversed). */
export async function describeStepExecutions(caller: Caller, rawInput: StepListInput): Promise<{ steps: StepExecutionView[]; hasMore: boolean }> {
  const input = stepListInput.parse(rawInput);
  return perform(
    caller,
    { name: 'DescribeAutomationStepExecutions', iamAction: 'ssm:DescribeAutomationStepExecutions', resources: [executionArn(input.executionId)], parameters: input, isAudited: false },
    async () => {
      await findExecution(input.executionId);
      const conditions = [eq(automationStepExecutions.executionId, input.executionId)];
      if (input.stepName) conditions.push(eq(automationStepExecutions.stepName, input.stepName));
      if (input.statuses?.length) conditions.push(inArray(automationStepExecutions.status, input.statuses));
      const limit = input.maxResults ?? 100;
      const rows = await getDb()
        .select()
        .from(automationStepExecutions)
        .where(and(...conditions))
        .orderBy(input.reverseOrder ? desc(automationStepExecutions.seq) : asc(automationStepExecutions.seq))
        .limit(limit + 1)
        .offset(input.offset ?? 0);
      return { steps: await stepViews(rows.slice(0, limit)), hasMore: rows.length > limit };
    },
  );
}

/** StopAutomationExecution: Cancel runs the current step's onCancel step; Complete just ends it. */
export async function stopAutomationExecution(caller: Caller, rawInput: { executionId: string; type?: 'Cancel' | 'Complete' }): Promise<void> {
  const input = stopInput.parse(rawInput);
  await perform(caller, { name: 'StopAutomationExecution', iamAction: 'ssm:StopAutomationExecution', resources: [executionArn(input.executionId)], parameters: input }, async () => {
    const execution = await findExecution(input.executionId);
    if (isTerminal(execution.status)) {
      throw new OpsdeckError('InvalidAutomationStatusUpdateException', `execution ${execution.id} already ended ${execution.status}; only a running execution can be stopped`);
    }
    await getDb().update(automationExecutions).set({ stopRequest: input.type ?? 'Cancel' }).where(eq(automationExecutions.id, execution.id));
    await requestWake(execution.id);
  });
}

function payloadValue(payload: Record<string, string[]> | undefined, key: string): string | undefined {
  return payload?.[key]?.[0];
}

async function decide(caller: Caller, step: AutomationStepRow, decision: 'Approve' | 'Reject', comment: string): Promise<void> {
  if (step.action !== 'aws:approve') throw new OpsdeckError('InvalidAutomationSignalException', `step ${step.stepName} is ${step.action}, not aws:approve: there is nothing to ${decision.toLowerCase()}`);
  const allowed = await mayApprove(step.inputs, caller.username);
  if (allowed !== true) {
    throw new OpsdeckError('AccessDeniedException', typeof allowed === 'string' ? allowed : `${caller.username} is not among the approvers of step ${step.stepName}`, 403);
  }
  if (step.state.decisions?.some((existing) => existing.username === caller.username)) {
    throw new OpsdeckError('InvalidAutomationSignalException', `${caller.username} has already decided on step ${step.stepName}`);
  }
  const entry = { username: caller.username, decision, comment, at: new Date().toISOString() };
  await getDb()
    .update(automationStepExecutions)
    .set({ state: sql`jsonb_set(${automationStepExecutions.state}, '{decisions}', coalesce(${automationStepExecutions.state}->'decisions', '[]'::jsonb) || ${JSON.stringify([entry])}::jsonb)` })
    .where(eq(automationStepExecutions.id, step.id));
}

async function markStep(step: AutomationStepRow, patch: Record<string, unknown>): Promise<void> {
  await getDb()
    .update(automationStepExecutions)
    .set({ state: sql`${automationStepExecutions.state} || ${JSON.stringify(patch)}::jsonb` })
    .where(eq(automationStepExecutions.id, step.id));
}

/** Interactive mode: StartStep may name another step of the same scope than the one queued. */
async function startStep(execution: AutomationExecutionRow, step: AutomationStepRow, name: string | undefined): Promise<void> {
  if (execution.mode !== 'Interactive') throw new OpsdeckError('InvalidAutomationSignalException', 'StartStep is for executions started in Interactive mode');
  if (step.status !== 'Pending') throw new OpsdeckError('InvalidAutomationSignalException', `step ${step.stepName} is ${step.status}; StartStep starts the step that waits to run`);
  if (name && name !== step.stepName) {
    const definition = execution.runbook.mainSteps.find((candidate) => candidate.name === name);
    if (!definition || step.loopStepId) throw new OpsdeckError('InvalidAutomationSignalException', `StepName '${name}' is not a step of this runbook's mainSteps`);
    await getDb()
      .update(automationStepExecutions)
      .set({ stepName: name, action: String(definition.action), definition, maxAttempts: Number(definition.maxAttempts ?? 1), timeoutSeconds: definition.timeoutSeconds === undefined ? null : Number(definition.timeoutSeconds) })
      .where(eq(automationStepExecutions.id, step.id));
  }
  await markStep(step, { isStartRequested: true });
}

/** SendAutomationSignal: Approve/Reject an aws:approve step, Resume an aws:pause, StartStep/StopStep in Interactive mode. */
export async function sendAutomationSignal(caller: Caller, rawInput: SignalInput): Promise<void> {
  const input = signalInput.parse(rawInput);
  await perform(caller, { name: 'SendAutomationSignal', iamAction: 'ssm:SendAutomationSignal', resources: [executionArn(input.executionId)], parameters: input }, async () => {
    const execution = await findExecution(input.executionId);
    if (isTerminal(execution.status)) throw new OpsdeckError('InvalidAutomationStatusUpdateException', `execution ${execution.id} already ended ${execution.status}`);
    const step = await currentStep(execution);
    if (!step) throw new OpsdeckError('InvalidAutomationSignalException', 'the execution has not reached a step yet; try again in a moment');
    switch (input.signalType) {
      case 'Approve':
      case 'Reject':
        if (step.status !== 'Waiting') throw new OpsdeckError('InvalidAutomationSignalException', `step ${step.stepName} is ${step.status}, not waiting for approval`);
        await decide(caller, step, input.signalType, payloadValue(input.payload, 'Comment') ?? '');
        break;
      case 'Resume':
        if (step.action !== 'aws:pause' || step.status !== 'Waiting') throw new OpsdeckError('InvalidAutomationSignalException', `step ${step.stepName} (${step.action}) is ${step.status}; Resume continues a waiting aws:pause step`);
        await markStep(step, { isResumed: true });
        break;
      case 'StartStep':
        await startStep(execution, step, payloadValue(input.payload, 'StepName'));
        break;
      case 'StopStep':
        if (isTerminal(step.status) || step.status === 'Pending') throw new OpsdeckError('InvalidAutomationSignalException', `step ${step.stepName} is ${step.status}; StopStep stops a running step`);
        await markStep(step, { isStopRequested: true });
        break;
    }
    await requestWake(execution.id);
  });
}

/**
 * Re-run from a failed step: a new execution of the same runbook version and parameters that
 * starts at that step, with the outputs of the steps before it carried over.
 */
export async function rerunAutomationExecution(caller: Caller, rawInput: { executionId: string; fromStepName?: string }): Promise<{ executionId: string }> {
  const input = rerunInput.parse(rawInput);
  const original = await findExecution(input.executionId);
  return perform(caller, { name: 'StartAutomationExecution', iamAction: 'ssm:StartAutomationExecution', resources: [definitionArn(original.documentName)], parameters: input }, async () => {
    if (original.targetParameterName) throw validationError('re-run from a step works on single executions; start the rate-controlled runbook again, or re-run one of its children');
    const steps = await getDb().select().from(automationStepExecutions).where(eq(automationStepExecutions.executionId, original.id)).orderBy(asc(automationStepExecutions.seq));
    const failed = steps.find((step) => !step.loopStepId && (step.status === 'Failed' || step.status === 'TimedOut' || step.status === 'Cancelled'));
    const fromStepName = input.fromStepName ?? failed?.stepName;
    if (!fromStepName) throw validationError(`execution ${original.id} has no failed step to re-run from`);
    if (!original.runbook.mainSteps.some((step) => step.name === fromStepName)) throw validationError(`'${fromStepName}' is not a top-level step of ${original.documentName}`);
    const execution = await createExecution(
      caller,
      { documentName: original.documentName, documentVersion: original.documentVersion, parameters: original.parameters, mode: original.mode },
      { startStepName: fromStepName, stepOutputs: original.stepOutputs },
    );
    await requestWake(execution.id);
    return { executionId: execution.id };
  });
}

/** Dry-run: everything a start would check, and more (references, reachability), without running. */
export async function dryRunAutomation(caller: Caller, rawInput: DryRunInput): Promise<DryRunResult> {
  const input = dryRunInput.parse(rawInput);
  return perform(caller, { name: 'DryRunAutomation', iamAction: 'ssm:StartAutomationExecution', parameters: { documentFormat: input.documentFormat }, isAudited: false }, async () =>
    dryRunRunbook({ content: input.content, documentFormat: input.documentFormat, parameters: input.parameters ?? {} }, async (kind, name) => {
      try {
        await resolveDocumentReference(caller, kind, name);
        return true;
      } catch {
        return false;
      }
    }),
  );
}
