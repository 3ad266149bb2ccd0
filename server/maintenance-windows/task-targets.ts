import { and, asc, inArray, ne } from 'drizzle-orm';
import { managedNodes, maintenanceWindowTargets, type MaintenanceWindowTaskExecutionRow, type WindowTarget } from '@/db/schema';
import { getDb } from '@/server/context';
import { actingAs, type Caller } from '@/server/identity/caller';
import { resolveTargets } from '@/server/resource-groups/service';

/** A node a task reaches, and through which window target (for OwnerInformation). */
export interface TaskNode {
  nodeId: string;
  windowTargetId: string | null;
  ownerInformation: string | null;
}

/** The task's own caller: the user who registered it, as AWS's tasks run with a service role. */
export function taskCaller(task: Pick<MaintenanceWindowTaskExecutionRow, 'runAs' | 'windowId'>): Caller {
  return actingAs(task.runAs, `maintenance-window/${task.windowId}`);
}

/** Registered nodes among the ids; a node deregistered since the target was written is left out, not an error. */
async function registeredNodes(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await getDb()
    .select({ id: managedNodes.id })
    .from(managedNodes)
    .where(and(inArray(managedNodes.id, ids), ne(managedNodes.pingStatus, 'Inactive')))
    .orderBy(asc(managedNodes.id));
  return rows.map((row) => row.id);
}

async function nodesOfTarget(caller: Caller, targets: WindowTarget[]): Promise<string[]> {
  const byId = targets.length === 1 && targets[0]!.Key === 'InstanceIds';
  return byId ? registeredNodes(targets[0]!.Values) : resolveTargets(caller, targets);
}

/**
 * The nodes a task execution reaches, resolved when it starts (as AWS does), with the window
 * targets they came through; `singleTarget` is the window target's own Targets when the task
 * names just one, so Run Command can take them as they are however many nodes they select.
 */
export async function resolveTaskNodes(caller: Caller, task: Pick<MaintenanceWindowTaskExecutionRow, 'targets'>): Promise<{ nodes: TaskNode[]; singleTarget?: WindowTarget[] }> {
  const windowTargetIds = task.targets.filter((target) => target.Key === 'WindowTargetIds').flatMap((target) => target.Values);
  const instanceIds = task.targets.filter((target) => target.Key === 'InstanceIds').flatMap((target) => target.Values);
  const seen = new Map<string, TaskNode>();
  const windowTargets = windowTargetIds.length
    ? await getDb().select().from(maintenanceWindowTargets).where(inArray(maintenanceWindowTargets.id, windowTargetIds))
    : [];
  for (const target of windowTargets) {
    for (const nodeId of await nodesOfTarget(caller, target.targets)) {
      if (!seen.has(nodeId)) seen.set(nodeId, { nodeId, windowTargetId: target.id, ownerInformation: target.ownerInformation });
    }
  }
  for (const nodeId of await registeredNodes(instanceIds)) {
    if (!seen.has(nodeId)) seen.set(nodeId, { nodeId, windowTargetId: null, ownerInformation: null });
  }
  const nodes = [...seen.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId));
  const isSingle = windowTargets.length === 1 && instanceIds.length === 0;
  return { nodes, singleTarget: isSingle ? windowTargets[0]!.targets : undefined };
}
