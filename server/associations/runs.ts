import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  associationExecutions,
  associationExecutionTargets,
  associations,
  automationExecutions,
  commandInvocations,
  commands,
  TERMINAL_AUTOMATION_STATUSES,
  type AssociationExecutionRow,
  type AssociationRow,
  type AssociationTrigger,
} from '@/db/schema';
import { getDb } from '@/server/context';
import { isOpsdeckError } from '@/server/errors';
import { actingAs, type Caller } from '@/server/identity/caller';
import { startAutomationExecution } from '@/server/automation/service';
import { readOutputs } from '@/server/runcommand/output';
import { sendCommand } from '@/server/runcommand/service';
import { resolveTargets } from '@/server/resource-groups/service';
import { recordAssociationCompliance } from '@/server/compliance/association';
import { calendarGate } from './calendars';

/** What each node's result keeps of its output: enough to see the fix in the history. */
const OUTPUT_EXCERPT_CHARS = 2_500;

/** Runs act as the association's creator. */
export function associationCaller(association: AssociationRow): Caller {
  return actingAs(association.createdBy, `state-manager/${association.id}`);
}

/** `InstanceIds: ['*']` (every managed node) as the resource-group targets understand it. */
export function effectiveTargets(targets: { Key: string; Values: string[] }[]): { Key: string; Values: string[] }[] {
  return targets.map((target) =>
    target.Key === 'InstanceIds' && target.Values.includes('*') ? { Key: 'resource-groups:ResourceTypeFilters', Values: ['AWS::SSM::ManagedInstance'] } : target,
  );
}

export async function currentTargetIds(association: AssociationRow): Promise<string[]> {
  return resolveTargets(associationCaller(association), effectiveTargets(association.targets));
}

async function endRun(executionId: string, status: 'Success' | 'Failed' | 'Skipped', detailedStatus: string, reason: string | null): Promise<void> {
  const [ended] = await getDb()
    .update(associationExecutions)
    .set({ status, detailedStatus, reason, endedAt: sql`now()` })
    .where(eq(associationExecutions.id, executionId))
    .returning();
  if (!ended) return;
  await getDb()
    .update(associations)
    .set({ lastExecutionAt: sql`now()`, ...(status === 'Success' ? { lastSuccessfulExecutionAt: sql`now()` } : {}) })
    .where(eq(associations.id, ended.associationId));
}

async function sendForRun(association: AssociationRow, execution: AssociationExecutionRow, nodeIds: string[] | undefined): Promise<void> {
  const caller = associationCaller(association);
  const base = {
    documentName: association.documentName,
    documentVersion: association.documentVersion ?? undefined,
    parameters: association.parameters,
    comment: `State Manager association ${association.name ?? association.id}`.slice(0, 100),
    maxConcurrency: association.maxConcurrency,
    maxErrors: association.maxErrors,
  };
  if (association.documentType === 'Automation') {
    const { executionId } = await startAutomationExecution(caller, {
      documentName: association.documentName,
      documentVersion: association.documentVersion ?? undefined,
      parameters: association.parameters,
      ...(association.automationTargetParameterName
        ? { targetParameterName: association.automationTargetParameterName, targets: nodeIds ? [{ Key: 'ParameterValues', Values: nodeIds }] : effectiveTargets(association.targets), maxConcurrency: association.maxConcurrency, maxErrors: association.maxErrors }
        : {}),
    }, { allowManyTargetValues: true });
    await getDb().update(associationExecutions).set({ status: 'InProgress', detailedStatus: 'InProgress', automationExecutionId: executionId }).where(eq(associationExecutions.id, execution.id));
    return;
  }
  // The command id is stored before the send, so a restart never sends the same run twice.
  const commandId = execution.commandId ?? randomUUID();
  await getDb().update(associationExecutions).set({ commandId }).where(eq(associationExecutions.id, execution.id));
  const targets = nodeIds ? undefined : effectiveTargets(association.targets);
  await sendCommand(caller, { ...base, targets, instanceIds: nodeIds }, { commandId, allowPolicyDocument: association.documentType === 'Policy', allowManyInstanceIds: true });
  await getDb().update(associationExecutions).set({ status: 'InProgress', detailedStatus: 'InProgress' }).where(eq(associationExecutions.id, execution.id));
}

/**
 * Starts one run of the association: on its current targets, or on `nodeIds` only (new targets).
 * A CLOSED change calendar skips it, and says so in the history.
 */
export async function startRun(association: AssociationRow, trigger: AssociationTrigger, nodeIds?: string[]): Promise<AssociationExecutionRow> {
  const [execution] = await getDb()
    .insert(associationExecutions)
    .values({ id: randomUUID(), associationId: association.id, associationVersion: association.version, trigger })
    .returning();
  const gate = await calendarGate(association.calendarNames);
  if (!gate.isOpen) {
    await endRun(execution!.id, 'Skipped', 'ChangeCalendarClosed', gate.reason);
    return execution!;
  }
  try {
    await sendForRun(association, execution!, nodeIds);
    await finishIfDone(execution!.id);
  } catch (error) {
    const reason = `${isOpsdeckError(error) ? `${error.code}: ` : ''}${(error as Error).message}`;
    await endRun(execution!.id, 'Failed', 'Failed', reason);
  }
  return execution!;
}

const toNodeResult = (row: { resourceId: string; status: string; endedAt: Date }) => ({ nodeId: row.resourceId, isSuccess: row.status === 'Success', endedAt: row.endedAt });

/** Each node's result of a command run, with the start of its output (and its compliance). */
async function recordCommandTargets(execution: AssociationExecutionRow, commandId: string, documentVersion: string): Promise<{ total: number; failed: number }> {
  const invocations = await getDb()
    .select()
    .from(commandInvocations)
    .where(eq(commandInvocations.commandId, commandId))
    .orderBy(asc(commandInvocations.seq));
  const outputs = await readOutputs(invocations.map((invocation) => invocation.id));
  const rows = invocations.map((invocation) => {
    const plugins = [...(outputs.get(invocation.id)?.values() ?? [])];
    const text = Buffer.concat(plugins.flatMap((plugin) => [plugin.stdout, plugin.stderr])).toString('utf8');
    return {
      executionId: execution.id,
      associationId: execution.associationId,
      resourceId: invocation.nodeId,
      status: invocation.status === 'Success' ? 'Success' : 'Failed',
      detailedStatus: invocation.statusDetails,
      outputExcerpt: text.slice(0, OUTPUT_EXCERPT_CHARS),
      startedAt: invocation.startedAt,
      endedAt: invocation.endedAt ?? new Date(),
    };
  });
  if (rows.length > 0) await getDb().insert(associationExecutionTargets).values(rows).onConflictDoNothing();
  await recordAssociationCompliance(execution.associationId, { executionId: execution.id, documentVersion }, rows.map(toNodeResult));
  return { total: rows.length, failed: rows.filter((row) => row.status !== 'Success').length };
}

/** A runbook run over nodes (AutomationTargetParameterName): each child execution is one node's result (and its compliance). */
async function recordAutomationTargets(execution: AssociationExecutionRow, parentId: string): Promise<void> {
  const children = await getDb().select().from(automationExecutions).where(eq(automationExecutions.parentId, parentId));
  const rows = children
    .filter((child) => child.target)
    .map((child) => ({
      executionId: execution.id,
      associationId: execution.associationId,
      resourceId: child.target!,
      status: child.status === 'Success' ? 'Success' : 'Failed',
      detailedStatus: child.status,
      outputExcerpt: (child.failureMessage ?? JSON.stringify(child.outputs)).slice(0, OUTPUT_EXCERPT_CHARS),
      startedAt: child.startedAt,
      endedAt: child.endedAt ?? new Date(),
    }));
  if (rows.length > 0) await getDb().insert(associationExecutionTargets).values(rows).onConflictDoNothing();
  await recordAssociationCompliance(execution.associationId, { executionId: execution.id }, rows.map(toNodeResult));
}

function summary(total: number, failed: number): { status: 'Success' | 'Failed'; detailedStatus: string } {
  if (failed === 0) return { status: 'Success', detailedStatus: total === 0 ? 'Success (no targets)' : 'Success' };
  return { status: 'Failed', detailedStatus: `Failed on ${failed} of ${total} nodes` };
}

/** Ends a run whose command or automation has finished; a no-op while it still runs. */
export async function finishIfDone(executionId: string): Promise<void> {
  const [execution] = await getDb().select().from(associationExecutions).where(eq(associationExecutions.id, executionId));
  if (!execution || execution.endedAt) return;
  if (execution.commandId) {
    const [command] = await getDb().select({ completedAt: commands.completedAt, documentVersion: commands.documentVersion }).from(commands).where(eq(commands.id, execution.commandId));
    if (!command?.completedAt) return;
    const { total, failed } = await recordCommandTargets(execution, execution.commandId, command.documentVersion);
    const { status, detailedStatus } = summary(total, failed);
    await endRun(execution.id, status, detailedStatus, null);
    return;
  }
  if (execution.automationExecutionId) {
    const [automation] = await getDb().select().from(automationExecutions).where(eq(automationExecutions.id, execution.automationExecutionId));
    if (!automation || !TERMINAL_AUTOMATION_STATUSES.includes(automation.status)) return;
    await recordAutomationTargets(execution, automation.id);
    await endRun(execution.id, automation.status === 'Success' ? 'Success' : 'Failed', automation.status, automation.failureMessage);
  }
}

/** Ends the unfinished runs that waited on what just finished. */
async function finishRunsWaitingOn(condition: SQL): Promise<void> {
  const rows = await getDb()
    .select({ id: associationExecutions.id })
    .from(associationExecutions)
    .where(and(condition, inArray(associationExecutions.status, ['Pending', 'InProgress'])));
  for (const row of rows) await finishIfDone(row.id);
}

/** The runs waiting on a command that finished (the hint from Run Command). */
export const finishRunsOfCommand = (commandId: string) => finishRunsWaitingOn(eq(associationExecutions.commandId, commandId));

/** The runs waiting on an automation execution that ended (the hint from Automation). */
export const finishRunsOfAutomation = (automationExecutionId: string) => finishRunsWaitingOn(eq(associationExecutions.automationExecutionId, automationExecutionId));

/** How long a run may stay Pending (stored, not yet sent) before a sweep takes it for interrupted. */
const STALLED_PENDING_MS = 30_000;

/**
 * A run stored but never sent (the server died between the two): sent now, with the command id it
 * already has, so a send that did happen is not repeated (SendCommand would refuse the same id).
 */
async function resumeStalled(execution: AssociationExecutionRow): Promise<void> {
  if (execution.status !== 'Pending' || Date.now() - execution.createdAt.getTime() < STALLED_PENDING_MS) return;
  if (execution.commandId) {
    const [command] = await getDb().select({ id: commands.id }).from(commands).where(eq(commands.id, execution.commandId));
    if (command) {
      await getDb().update(associationExecutions).set({ status: 'InProgress', detailedStatus: 'InProgress' }).where(eq(associationExecutions.id, execution.id));
      return;
    }
  }
  const [association] = await getDb().select().from(associations).where(eq(associations.id, execution.associationId));
  if (!association) return;
  try {
    await sendForRun(association, execution, undefined);
  } catch (error) {
    await endRun(execution.id, 'Failed', 'Failed', `${isOpsdeckError(error) ? `${error.code}: ` : ''}${(error as Error).message}`);
  }
}

/** Every unfinished run looked at again: what finished on another replica, or stalled while we were down. */
export async function reconcileRuns(): Promise<void> {
  const rows = await getDb()
    .select()
    .from(associationExecutions)
    .where(inArray(associationExecutions.status, ['Pending', 'InProgress']));
  for (const row of rows) {
    await resumeStalled(row);
    await finishIfDone(row.id);
  }
}
