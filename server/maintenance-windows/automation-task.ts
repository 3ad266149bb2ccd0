import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { automationExecutions, maintenanceWindowInvocations, type MaintenanceWindowInvocationRow, type MaintenanceWindowTaskExecutionRow } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { resourceArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { stopAutomationExecution } from '@/server/automation/service';
import { createExecution } from '@/server/automation/start';
import { requestWake } from '@/server/automation/wake';
import { resolveRate } from '@/server/runcommand/limits';
import { isTerminalStatus, substitutePseudoParameters, windowStatusOf } from './progress';
import { errorText, failedOutcome, OUTPUT_EXCERPT, pseudoParameters, taskInvocations, updateInvocation, type TaskHandler, type TaskOutcome } from './task-context';
import { resolveTaskNodes, taskCaller } from './task-targets';

/**
 * AUTOMATION tasks: one runbook execution, or with targets one per target node (its id in
 * {{TARGET_ID}} / {{RESOURCE_ID}}), started within MaxConcurrency and stopped starting past
 * MaxErrors. Each execution's id is stored on its invocation before it starts.
 */

/** Writes the task's invocations once: what each execution will run with, ids chosen up front. */
async function planInvocations(task: MaintenanceWindowTaskExecutionRow): Promise<TaskOutcome | 'planned'> {
  let nodes: { nodeId: string | null; windowTargetId: string | null; ownerInformation: string | null }[] = [{ nodeId: null, windowTargetId: null, ownerInformation: null }];
  if (task.targets.length > 0) {
    try {
      nodes = (await resolveTaskNodes(taskCaller(task), task)).nodes;
    } catch (error) {
      return failedOutcome(`The task's targets could not be resolved: ${errorText(error)}`);
    }
    if (nodes.length === 0) return { status: 'SUCCESS', details: "No targets: the task's window targets match no registered node" };
  }
  await getDb()
    .insert(maintenanceWindowInvocations)
    .values(
      nodes.map((node, seq) => ({
        id: randomUUID(),
        taskExecutionId: task.id,
        windowExecutionId: task.windowExecutionId,
        seq,
        executionId: randomUUID(),
        resourceId: node.nodeId,
        windowTargetId: node.windowTargetId,
        ownerInformation: node.ownerInformation,
        parameters: JSON.stringify(substitutePseudoParameters(task.invocation.parameters, pseudoParameters(task, node.nodeId, node.windowTargetId))),
      })),
    )
    .onConflictDoNothing();
  return 'planned';
}

function definitionArn(documentName: string): string {
  const { region, accountId } = getServerContext();
  return resourceArn(region, accountId, 'automation-definition', documentName);
}

/** StartAutomationExecution under the invocation's chosen id, authorised and audited as the task's user. */
async function startExecution(caller: Caller, task: MaintenanceWindowTaskExecutionRow, invocation: MaintenanceWindowInvocationRow): Promise<void> {
  const input = { documentName: task.taskArn, documentVersion: task.invocation.documentVersion, parameters: JSON.parse(invocation.parameters) as Record<string, string[]> };
  await perform(caller, { name: 'StartAutomationExecution', iamAction: 'ssm:StartAutomationExecution', resources: [definitionArn(task.taskArn)], parameters: input }, async () => {
    const execution = await createExecution(caller, input, { id: invocation.executionId! });
    await requestWake(execution.id);
  });
}

/** Follows the executions already started; one whose row is missing (a restart between the two writes) is started now. */
async function followStarted(task: MaintenanceWindowTaskExecutionRow, running: MaintenanceWindowInvocationRow[]): Promise<void> {
  if (running.length === 0) return;
  const ids = running.map((row) => row.executionId!);
  const executions = await getDb()
    .select({ id: automationExecutions.id, status: automationExecutions.status, failureMessage: automationExecutions.failureMessage, outputs: automationExecutions.outputs, startedAt: automationExecutions.startedAt, endedAt: automationExecutions.endedAt })
    .from(automationExecutions)
    .where(inArray(automationExecutions.id, ids));
  const byId = new Map(executions.map((row) => [row.id, row]));
  for (const row of running) {
    const execution = byId.get(row.executionId!);
    if (!execution) {
      await startExecution(taskCaller(task), task, row).catch((error: unknown) => updateInvocation(row.id, { status: 'FAILED', statusDetails: `StartAutomationExecution refused: ${errorText(error)}` }));
      continue;
    }
    const status = windowStatusOf(execution.status);
    if (status === row.status) continue;
    const output = execution.failureMessage ?? (Object.keys(execution.outputs).length ? JSON.stringify(execution.outputs) : '');
    await updateInvocation(row.id, { status, statusDetails: execution.status, startedAt: execution.startedAt, endedAt: execution.endedAt, output: output.slice(0, OUTPUT_EXCERPT) });
  }
}

/** Starts pending invocations within MaxConcurrency; past MaxErrors the rest are not started. */
async function startMore(task: MaintenanceWindowTaskExecutionRow, rows: MaintenanceWindowInvocationRow[]): Promise<void> {
  const concurrency = resolveRate('MaxConcurrency', task.maxConcurrency, rows.length);
  const errorLimit = resolveRate('MaxErrors', task.maxErrors, rows.length);
  const errors = rows.filter((row) => row.status === 'FAILED' || row.status === 'TIMED_OUT').length;
  const pending = rows.filter((row) => row.status === 'PENDING');
  if (errors > errorLimit) {
    for (const row of pending) await updateInvocation(row.id, { status: 'CANCELLED', statusDetails: `Not started: MaxErrors (${task.maxErrors}) was exceeded` });
    return;
  }
  const running = rows.filter((row) => row.status === 'IN_PROGRESS' || row.status === 'CANCELLING').length;
  for (const row of pending.slice(0, Math.max(concurrency - running, 0))) {
    const [claimed] = await getDb()
      .update(maintenanceWindowInvocations)
      .set({ status: 'IN_PROGRESS', startedAt: new Date() })
      .where(and(eq(maintenanceWindowInvocations.id, row.id), eq(maintenanceWindowInvocations.status, 'PENDING')))
      .returning();
    if (!claimed) continue;
    await startExecution(taskCaller(task), task, claimed).catch((error: unknown) =>
      updateInvocation(row.id, { status: 'FAILED', statusDetails: `StartAutomationExecution refused: ${errorText(error)}`, output: errorText(error).slice(0, OUTPUT_EXCERPT) }),
    );
  }
}

function outcomeOf(rows: MaintenanceWindowInvocationRow[]): TaskOutcome {
  if (rows.some((row) => !isTerminalStatus(row.status))) return undefined;
  const failed = rows.filter((row) => row.status !== 'SUCCESS');
  if (failed.length === 0) return { status: 'SUCCESS', details: rows.length === 1 ? `Automation execution ${rows[0]!.executionId} succeeded` : `${rows.length} automation executions succeeded` };
  if (rows.length === 1) return { status: rows[0]!.status, details: `Automation execution ${rows[0]!.executionId}: ${rows[0]!.statusDetails}` };
  return failedOutcome(`${failed.length} of ${rows.length} automation executions did not succeed`);
}

export const automationTask: TaskHandler = {
  async progress(task) {
    let rows = await taskInvocations(task.id);
    if (rows.length === 0) {
      const planned = await planInvocations(task);
      if (planned !== 'planned') return planned;
      rows = await taskInvocations(task.id);
    }
    await followStarted(task, rows.filter((row) => row.status === 'IN_PROGRESS' || row.status === 'CANCELLING'));
    rows = await taskInvocations(task.id);
    if (task.status !== 'CANCELLING') await startMore(task, rows);
    return outcomeOf(await taskInvocations(task.id));
  },
  async cancel(task) {
    const rows = await taskInvocations(task.id);
    for (const row of rows) {
      if (row.status === 'PENDING') await updateInvocation(row.id, { status: 'CANCELLED', statusDetails: "Not started: the window's cutoff passed" });
      if (row.status === 'IN_PROGRESS') {
        await stopAutomationExecution(taskCaller(task), { executionId: row.executionId!, type: 'Cancel' }).catch((error: unknown) => console.error(`[maintenance-windows] could not stop ${row.executionId}: ${errorText(error)}`));
      }
    }
  },
};
