import { and, eq, inArray } from 'drizzle-orm';
import { associationExecutions, associationExecutionTargets, associations, commandInvocations } from '@/db/schema';
import { getDb } from '@/server/context';
import { onAutomationFinished } from '@/server/automation/events';
import { onNodeTargetsChanged } from '@/server/fleet/events';
import { onCommandFinished } from '@/server/runcommand/events';
import { registerScheduledKind } from '@/server/schedules/runner';
import { currentTargetIds, finishRunsOfAutomation, finishRunsOfCommand, startRun } from './runs';
import { ASSOCIATION_SCHEDULE_KIND, scheduleOf } from './service';

async function findAssociation(associationId: string) {
  const [row] = await getDb().select().from(associations).where(eq(associations.id, associationId));
  return row;
}

/** Whether the node already has (or is getting) this association: a result, or a run in flight that includes it. */
async function isCovered(associationId: string, nodeId: string): Promise<boolean> {
  const [result] = await getDb()
    .select({ executionId: associationExecutionTargets.executionId })
    .from(associationExecutionTargets)
    .where(and(eq(associationExecutionTargets.associationId, associationId), eq(associationExecutionTargets.resourceId, nodeId)))
    .limit(1);
  if (result) return true;
  const inFlight = await getDb()
    .select({ commandId: associationExecutions.commandId })
    .from(associationExecutions)
    .where(and(eq(associationExecutions.associationId, associationId), inArray(associationExecutions.status, ['Pending', 'InProgress'])));
  const commandIds = inFlight.map((run) => run.commandId).filter((id): id is string => id !== null);
  if (commandIds.length === 0) return false;
  const [invocation] = await getDb()
    .select({ id: commandInvocations.id })
    .from(commandInvocations)
    .where(and(inArray(commandInvocations.commandId, commandIds), eq(commandInvocations.nodeId, nodeId)))
    .limit(1);
  return Boolean(invocation);
}

/**
 * A node registered or its tags changed: every association it now matches and has never been
 * applied to runs on it at once, as AWS applies associations to new targets.
 */
export async function applyToNewTarget(nodeId: string): Promise<number> {
  let started = 0;
  for (const association of await getDb().select().from(associations)) {
    const targets = await currentTargetIds(association).catch((): string[] => []);
    if (!targets.includes(nodeId) || (await isCovered(association.id, nodeId))) continue;
    await startRun(association, 'NewTarget', [nodeId]);
    started += 1;
  }
  return started;
}

/** State Manager in this process: its schedules, and the events that finish runs or add targets. */
export function startStateManager(): () => void {
  registerScheduledKind({
    kind: ASSOCIATION_SCHEDULE_KIND,
    async nextOccurrence(associationId, after) {
      const association = await findAssociation(associationId);
      const schedule = association && scheduleOf(association);
      // A rate counts from the association's last change, as AWS's does from its creation.
      return schedule?.nextOccurrences(after, 1, association!.updatedAt)[0];
    },
    // A late occurrence (the server was down) still runs, once: the runner skips the others.
    async fire(associationId) {
      const association = await findAssociation(associationId);
      if (association) await startRun(association, 'Schedule');
    },
  });
  const stopCommands = onCommandFinished((commandId) => void finishRunsOfCommand(commandId).catch((error: Error) => console.error(`[state-manager] ${error.message}`)));
  const stopAutomations = onAutomationFinished((executionId) => void finishRunsOfAutomation(executionId).catch((error: Error) => console.error(`[state-manager] ${error.message}`)));
  const stopNodes = onNodeTargetsChanged((nodeId) => void applyToNewTarget(nodeId).catch((error: Error) => console.error(`[state-manager] new target ${nodeId}: ${error.message}`)));
  return () => {
    stopCommands();
    stopAutomations();
    stopNodes();
  };
}
