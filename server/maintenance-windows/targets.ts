import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { maintenanceWindowTargets, maintenanceWindowTasks, type MaintenanceWindowTargetRow, type WindowTarget } from '@/db/schema';
import { getDb } from '@/server/context';
import { notFound, OpsdeckError } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { targetsCondition } from '@/server/resource-groups/service';
import { windowArn } from './ids';
import { registerTargetInput, uuidSchema, windowIdSchema, type RegisterTargetInput } from './schemas';
import { findWindow } from './windows';

/** AWS's quota of targets per window. */
const MAX_TARGETS_PER_WINDOW = 100;

export interface WindowTargetView {
  WindowId: string;
  WindowTargetId: string;
  ResourceType: string;
  Targets: WindowTarget[];
  OwnerInformation?: string;
  Name?: string;
  Description?: string;
}

export function toTargetView(row: MaintenanceWindowTargetRow): WindowTargetView {
  return {
    WindowId: row.windowId,
    WindowTargetId: row.id,
    ResourceType: row.resourceType,
    Targets: row.targets,
    OwnerInformation: row.ownerInformation ?? undefined,
    Name: row.name ?? undefined,
    Description: row.description ?? undefined,
  };
}

/** RegisterTargetWithMaintenanceWindow: the targets are checked as Run Command would read them (groups exist, keys known). */
export async function registerTargetWithMaintenanceWindow(caller: Caller, rawInput: RegisterTargetInput): Promise<{ windowTargetId: string }> {
  const input = registerTargetInput.parse(rawInput);
  return perform(
    caller,
    { name: 'RegisterTargetWithMaintenanceWindow', iamAction: 'ssm:RegisterTargetWithMaintenanceWindow', resources: [windowArn(input.windowId)], parameters: input },
    async () => {
      const window = await findWindow(input.windowId);
      const [{ count }] = (await getDb().select({ count: sql<number>`count(*)::int` }).from(maintenanceWindowTargets).where(eq(maintenanceWindowTargets.windowId, window.id))) as [{ count: number }];
      if (count >= MAX_TARGETS_PER_WINDOW) throw new OpsdeckError('ResourceLimitExceededException', `Maintenance window ${window.id} already has ${MAX_TARGETS_PER_WINDOW} targets, the most it may have`);
      await targetsCondition(caller, input.targets);
      const id = randomUUID();
      await getDb().insert(maintenanceWindowTargets).values({
        id,
        windowId: window.id,
        resourceType: input.resourceType,
        targets: input.targets,
        ownerInformation: input.ownerInformation ?? null,
        name: input.name ?? null,
        description: input.description ?? null,
      });
      return { windowTargetId: id };
    },
  );
}

/** Tasks of the window that name the target in their WindowTargetIds. */
async function tasksUsing(windowId: string, windowTargetId: string): Promise<string[]> {
  const rows = await getDb()
    .select({ id: maintenanceWindowTasks.id, targets: maintenanceWindowTasks.targets })
    .from(maintenanceWindowTasks)
    .where(eq(maintenanceWindowTasks.windowId, windowId));
  return rows.filter((row) => row.targets.some((target) => target.Key === 'WindowTargetIds' && target.Values.includes(windowTargetId))).map((row) => row.id);
}

/** DeregisterTargetFromMaintenanceWindow: with Safe, refused while a task still names the target. */
export async function deregisterTargetFromMaintenanceWindow(
  caller: Caller,
  input: { windowId: string; windowTargetId: string; safe?: boolean },
): Promise<{ windowId: string; windowTargetId: string }> {
  return perform(
    caller,
    { name: 'DeregisterTargetFromMaintenanceWindow', iamAction: 'ssm:DeregisterTargetFromMaintenanceWindow', resources: [windowArn(input.windowId)], parameters: input },
    async () => {
      const window = await findWindow(input.windowId);
      const target = await findTarget(window.id, input.windowTargetId);
      const users = await tasksUsing(window.id, target.id);
      if (input.safe && users.length > 0) {
        throw new OpsdeckError('TargetInUseException', `Window target ${target.id} is used by task${users.length === 1 ? '' : 's'} ${users.join(', ')}; deregister ${users.length === 1 ? 'it' : 'them'} first, or leave Safe out`);
      }
      await getDb().delete(maintenanceWindowTargets).where(eq(maintenanceWindowTargets.id, target.id));
      return { windowId: window.id, windowTargetId: target.id };
    },
  );
}

async function findTarget(windowId: string, windowTargetId: string): Promise<MaintenanceWindowTargetRow> {
  const valid = uuidSchema('WindowTargetId').safeParse(windowTargetId).success;
  const [row] = valid
    ? await getDb().select().from(maintenanceWindowTargets).where(and(eq(maintenanceWindowTargets.windowId, windowId), eq(maintenanceWindowTargets.id, windowTargetId)))
    : [];
  if (!row) throw notFound('DoesNotExistException', `Window target ${windowTargetId} does not exist in maintenance window ${windowId}`);
  return row;
}

export interface TargetFilters {
  windowTargetIds?: string[];
  ownerInformation?: string[];
  resourceTypes?: string[];
}

/** Every target of a window, in registration order (there are at most 100). */
export async function windowTargets(windowId: string, filters: TargetFilters = {}): Promise<MaintenanceWindowTargetRow[]> {
  const conditions: SQL[] = [eq(maintenanceWindowTargets.windowId, windowId)];
  if (filters.windowTargetIds?.length) conditions.push(inArray(maintenanceWindowTargets.id, filters.windowTargetIds.filter((id) => uuidSchema('id').safeParse(id).success)));
  if (filters.ownerInformation?.length) conditions.push(inArray(maintenanceWindowTargets.ownerInformation, filters.ownerInformation));
  if (filters.resourceTypes?.length) conditions.push(inArray(maintenanceWindowTargets.resourceType, filters.resourceTypes as MaintenanceWindowTargetRow['resourceType'][]));
  return getDb().select().from(maintenanceWindowTargets).where(and(...conditions)).orderBy(asc(maintenanceWindowTargets.createdAt), asc(maintenanceWindowTargets.id));
}

export async function describeMaintenanceWindowTargets(caller: Caller, input: { windowId: string; filters?: TargetFilters }): Promise<WindowTargetView[]> {
  const windowId = windowIdSchema.parse(input.windowId);
  return perform(caller, { name: 'DescribeMaintenanceWindowTargets', iamAction: 'ssm:DescribeMaintenanceWindowTargets', resources: [windowArn(windowId)], parameters: input, isAudited: false }, async () => {
    await findWindow(windowId);
    return (await windowTargets(windowId, input.filters)).map(toTargetView);
  });
}
