import { and, eq, inArray, sql } from 'drizzle-orm';
import { commandInvocations, commands, type InvocationStatus } from '@/db/schema';
import { getDb } from '@/server/context';
import { commandProgress, type InvocationCounts } from './status';

export interface RecomputedCommand {
  commandId: string;
  isDone: boolean;
  isErrorLimitExceeded: boolean;
}

/**
 * Brings commands' status and counters up to date with their invocations (one grouped read and
 * one update per command). Commands that already finished are left as they are.
 */
export async function recomputeCommands(commandIds: string[]): Promise<RecomputedCommand[]> {
  if (commandIds.length === 0) return [];
  const db = getDb();
  const rows = await db
    .select({
      commandId: commandInvocations.commandId,
      status: commandInvocations.status,
      statusDetails: commandInvocations.statusDetails,
      count: sql<number>`count(*)::int`,
    })
    .from(commandInvocations)
    .where(inArray(commandInvocations.commandId, commandIds))
    .groupBy(commandInvocations.commandId, commandInvocations.status, commandInvocations.statusDetails);
  const limits = await db
    .select({ id: commands.id, errorLimit: commands.errorLimit, isCancelRequested: commands.isCancelRequested, targetCount: commands.targetCount })
    .from(commands)
    .where(inArray(commands.id, commandIds));

  const results: RecomputedCommand[] = [];
  for (const command of limits) {
    const counts: InvocationCounts = { total: command.targetCount, byStatus: {}, byDetails: {} };
    for (const row of rows.filter((candidate) => candidate.commandId === command.id)) {
      counts.byStatus[row.status as InvocationStatus] = (counts.byStatus[row.status as InvocationStatus] ?? 0) + row.count;
      counts.byDetails[row.statusDetails] = (counts.byDetails[row.statusDetails] ?? 0) + row.count;
    }
    const progress = commandProgress(counts, command.errorLimit, command.isCancelRequested);
    const isDone = progress.completedCount === counts.total;
    await db
      .update(commands)
      .set({
        status: progress.status,
        statusDetails: progress.statusDetails,
        completedCount: progress.completedCount,
        errorCount: progress.errorCount,
        deliveryTimedOutCount: progress.deliveryTimedOutCount,
        completedAt: isDone ? sql`coalesce(${commands.completedAt}, now())` : null,
      })
      .where(and(eq(commands.id, command.id), sql`${commands.completedAt} is null`));
    results.push({ commandId: command.id, isDone, isErrorLimitExceeded: progress.isErrorLimitExceeded });
  }
  return results;
}
