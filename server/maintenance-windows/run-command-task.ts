import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { commandInvocations, commands, maintenanceWindowInvocations, type MaintenanceWindowTaskExecutionRow } from '@/db/schema';
import { getDb } from '@/server/context';
import { readOutputs, truncatedText } from '@/server/runcommand/output';
import { cancelCommand, sendCommand } from '@/server/runcommand/service';
import { isTerminalStatus, substitutePseudoParameters, windowStatusOf } from './progress';
import { errorText, failedOutcome, OUTPUT_EXCERPT, pseudoParameters, taskInvocations, updateInvocation, type TaskHandler, type TaskOutcome } from './task-context';
import { resolveTaskNodes, taskCaller, type TaskNode } from './task-targets';

/** SendCommand takes at most this many InstanceIds; beyond it a task passes its one window target's Targets. */
const MAX_INSTANCE_IDS = 50;

/**
 * Sends the task's one command, under the id stored on the task execution before this is called:
 * a restart that finds no command by that id sends it, one that finds it just follows it.
 */
async function sendTaskCommand(task: MaintenanceWindowTaskExecutionRow): Promise<TaskOutcome | 'sent'> {
  const caller = taskCaller(task);
  let resolved: Awaited<ReturnType<typeof resolveTaskNodes>>;
  try {
    resolved = await resolveTaskNodes(caller, task);
  } catch (error) {
    return failedOutcome(`The task's targets could not be resolved: ${errorText(error)}`);
  }
  const { nodes, singleTarget } = resolved;
  if (nodes.length === 0) return { status: 'SUCCESS', details: "No targets: the task's window targets match no registered node" };
  const ids = nodes.map((node) => node.nodeId);
  const target = ids.length <= MAX_INSTANCE_IDS ? { instanceIds: ids } : singleTarget ? { targets: singleTarget } : undefined;
  if (!target) {
    return failedOutcome(`The task reaches ${ids.length} nodes through several window targets; one command takes at most ${MAX_INSTANCE_IDS} node ids, so register one window target (a tag or a resource group) that selects them all`);
  }
  try {
    await sendCommand(
      caller,
      {
        documentName: task.taskArn,
        documentVersion: task.invocation.documentVersion,
        parameters: substitutePseudoParameters(task.invocation.parameters, pseudoParameters(task)),
        ...target,
        comment: (task.invocation.comment || `Maintenance window ${task.windowId}, task ${task.taskName ?? task.taskId.slice(0, 8)}`).slice(0, 100),
        timeoutSeconds: task.invocation.timeoutSeconds,
        maxConcurrency: task.maxConcurrency,
        maxErrors: task.maxErrors,
      },
      { commandId: task.commandId! },
    );
  } catch (error) {
    return failedOutcome(`SendCommand refused the command: ${errorText(error)}`);
  }
  await recordInvocations(task, nodes);
  return 'sent';
}

/** One invocation per node the command went to, labelled with the window target it came through. */
async function recordInvocations(task: MaintenanceWindowTaskExecutionRow, nodes: TaskNode[]): Promise<void> {
  const sent = await getDb()
    .select({ nodeId: commandInvocations.nodeId, seq: commandInvocations.seq })
    .from(commandInvocations)
    .where(eq(commandInvocations.commandId, task.commandId!))
    .orderBy(asc(commandInvocations.seq));
  if (sent.length === 0) return;
  const byNode = new Map(nodes.map((node) => [node.nodeId, node]));
  const parameters = JSON.stringify(task.invocation.parameters);
  await getDb()
    .insert(maintenanceWindowInvocations)
    .values(
      sent.map((invocation) => ({
        id: randomUUID(),
        taskExecutionId: task.id,
        windowExecutionId: task.windowExecutionId,
        seq: invocation.seq,
        executionId: task.commandId!,
        resourceId: invocation.nodeId,
        windowTargetId: byNode.get(invocation.nodeId)?.windowTargetId ?? null,
        ownerInformation: byNode.get(invocation.nodeId)?.ownerInformation ?? null,
        parameters,
      })),
    )
    .onConflictDoNothing();
}

function outputExcerpt(plugins: Map<number, { stdout: Buffer; stderr: Buffer }> | undefined): string {
  const all = [...(plugins?.values() ?? [])];
  const stdout = Buffer.concat(all.map((plugin) => plugin.stdout));
  const stderr = Buffer.concat(all.map((plugin) => plugin.stderr));
  return truncatedText(stdout.length > 0 ? stdout : stderr, OUTPUT_EXCERPT);
}

/** Brings each node's invocation up to date with its command invocation, with the output once it ends. */
async function syncInvocations(task: MaintenanceWindowTaskExecutionRow): Promise<void> {
  const mine = (await taskInvocations(task.id)).filter((row) => !isTerminalStatus(row.status));
  if (mine.length === 0) return;
  const theirs = await getDb().select().from(commandInvocations).where(eq(commandInvocations.commandId, task.commandId!));
  const byNode = new Map(theirs.map((row) => [row.nodeId, row]));
  const ended = theirs.filter((row) => isTerminalStatus(windowStatusOf(row.status)) && mine.some((own) => own.resourceId === row.nodeId));
  const outputs = ended.length ? await readOutputs(ended.map((row) => row.id)) : new Map();
  for (const own of mine) {
    const source = byNode.get(own.resourceId ?? '');
    if (!source) continue;
    const status = windowStatusOf(source.status);
    if (status === own.status && !isTerminalStatus(status)) continue;
    await updateInvocation(own.id, {
      status,
      statusDetails: source.statusDetails,
      startedAt: source.startedAt,
      endedAt: source.endedAt,
      output: isTerminalStatus(status) ? outputExcerpt(outputs.get(source.id)) : undefined,
    });
  }
}

export const runCommandTask: TaskHandler = {
  async progress(task, context) {
    const [command] = await getDb().select({ status: commands.status, statusDetails: commands.statusDetails, completedAt: commands.completedAt }).from(commands).where(eq(commands.id, task.commandId!));
    if (!command) {
      const sent = await sendTaskCommand(task);
      if (sent !== 'sent') return sent;
      return runCommandTask.progress(task, context);
    }
    if ((await taskInvocations(task.id)).length === 0) await recordInvocations(task, (await resolveTaskNodes(taskCaller(task), task).catch(() => ({ nodes: [] }))).nodes);
    await syncInvocations(task);
    if (!command.completedAt) return undefined;
    return { status: windowStatusOf(command.status), details: `Command ${task.commandId}: ${command.statusDetails}` };
  },
  async cancel(task) {
    if (task.commandId) await cancelCommand(taskCaller(task), { commandId: task.commandId }).catch((error: unknown) => console.error(`[maintenance-windows] could not cancel command ${task.commandId}: ${errorText(error)}`));
  },
};
