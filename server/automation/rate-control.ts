import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { automationExecutions, TERMINAL_AUTOMATION_STATUSES, type AutomationExecutionRow } from '@/db/schema';
import { getDb } from '@/server/context';
import { isOpsdeckError } from '@/server/errors';
import { errorMessage } from './actions/types';
import type { Advance } from './advance';
import { executionCaller } from './advance';
import { createExecution } from './start';
import { requestWake } from './wake';
import { emitAutomationFinished } from './events';

const FAILED_STATUSES = new Set(['Failed', 'TimedOut', 'Cancelled']);

/** A target whose child could not even start (a value its parameter refuses) is a failed child, in view. */
async function recordUnstartable(parent: AutomationExecutionRow, target: string, reason: string): Promise<void> {
  await getDb()
    .insert(automationExecutions)
    .values({
      id: randomUUID(),
      documentName: parent.documentName,
      documentVersion: parent.documentVersion,
      runbook: parent.runbook,
      parameters: { ...parent.parameters, [parent.targetParameterName!]: [target] },
      executedBy: parent.executedBy,
      parentId: parent.id,
      target,
      status: 'Failed',
      failureMessage: reason,
      startedAt: sql`now()`,
      endedAt: sql`now()`,
    });
}

async function launch(parent: AutomationExecutionRow, target: string): Promise<void> {
  try {
    const child = await createExecution(
      executionCaller(parent),
      { documentName: parent.documentName, documentVersion: parent.documentVersion, parameters: { ...parent.parameters, [parent.targetParameterName!]: [target] } },
      { parentId: parent.id, target },
    );
    await requestWake(child.id);
  } catch (error) {
    await recordUnstartable(parent, target, `could not start for ${target}: ${isOpsdeckError(error) ? `${error.code}: ` : ''}${errorMessage(error)}`);
  }
}

/**
 * A rate-controlled parent: one child execution per target value, at most MaxConcurrency running,
 * and no new ones once more than MaxErrors have failed. Children wake the parent as they end.
 */
export async function advanceRateControlled(parent: AutomationExecutionRow): Promise<Advance> {
  const children = await getDb()
    .select({ id: automationExecutions.id, status: automationExecutions.status, target: automationExecutions.target, stopRequest: automationExecutions.stopRequest })
    .from(automationExecutions)
    .where(eq(automationExecutions.parentId, parent.id));
  const running = children.filter((child) => !TERMINAL_AUTOMATION_STATUSES.includes(child.status));
  const failed = children.filter((child) => FAILED_STATUSES.has(child.status)).length;
  const started = new Set(children.map((child) => child.target));
  const waiting = (parent.resolvedTargets ?? []).filter((target) => !started.has(target));
  const isErrorLimitExceeded = failed > (parent.errorLimit ?? 0);

  if (parent.stopRequest) {
    for (const child of running.filter((candidate) => !candidate.stopRequest)) {
      await getDb().update(automationExecutions).set({ stopRequest: parent.stopRequest }).where(eq(automationExecutions.id, child.id));
      await requestWake(child.id);
    }
  } else if (!isErrorLimitExceeded) {
    const slots = Math.max((parent.concurrencyLimit ?? 1) - running.length, 0);
    for (const target of waiting.slice(0, slots)) await launch(parent, target);
    if (slots > 0 && waiting.length > 0) return 'continue';
  }
  if (running.length > 0) {
    if (parent.status !== 'InProgress') await getDb().update(automationExecutions).set({ status: 'InProgress' }).where(eq(automationExecutions.id, parent.id));
    return 'parked';
  }
  if (waiting.length > 0 && !parent.stopRequest && !isErrorLimitExceeded) return 'continue';
  const total = parent.resolvedTargets?.length ?? 0;
  const notStarted = waiting.length;
  const status = parent.stopRequest ? 'Cancelled' : failed > 0 || notStarted > 0 ? 'Failed' : 'Success';
  const problems = [failed > 0 ? `${failed} of ${total} targets failed` : '', notStarted > 0 ? `${notStarted} not started (${parent.stopRequest ? 'stopped' : `more than MaxErrors ${parent.maxErrors} failed`})` : ''].filter(Boolean);
  await getDb()
    .update(automationExecutions)
    .set({ status, failureMessage: status === 'Success' ? null : parent.stopRequest ? `stopped by StopAutomationExecution; ${problems.join('; ')}` : problems.join('; '), endedAt: sql`now()` })
    .where(eq(automationExecutions.id, parent.id));
  if (parent.parentId) await requestWake(parent.parentId);
  emitAutomationFinished(parent.id);
  return 'finished';
}
