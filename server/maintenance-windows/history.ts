import { and, asc, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import {
  maintenanceWindowExecutions,
  maintenanceWindowInvocations,
  maintenanceWindowTaskExecutions,
  type MaintenanceWindowExecutionRow,
  type MaintenanceWindowInvocationRow,
  type MaintenanceWindowStatus,
  type MaintenanceWindowTaskExecutionRow,
} from '@/db/schema';
import { getDb } from '@/server/context';
import { notFound } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { windowArn } from './ids';
import { formatInZone, upcomingOccurrences } from './schedule';
import { listExecutionsInput, uuidSchema, type ListExecutionsInput } from './schemas';
import { findWindow } from './windows';

export interface WindowExecutionView {
  WindowId: string;
  WindowExecutionId: string;
  Status: MaintenanceWindowStatus;
  StatusDetails: string;
  StartTime?: Date;
  EndTime?: Date;
  /** Opsdeck: the occurrence it ran for, and when the window closed to new tasks. */
  ScheduledTime: Date;
  CutoffTime: Date;
}

export interface TaskExecutionView {
  WindowExecutionId: string;
  TaskExecutionId: string;
  Status: MaintenanceWindowStatus;
  StatusDetails: string;
  StartTime?: Date;
  EndTime?: Date;
  TaskArn: string;
  TaskType: string;
  /** Opsdeck: for the history's reading. */
  WindowTaskId: string;
  TaskName?: string;
  Priority: number;
  MaxConcurrency: string;
  MaxErrors: string;
  CommandId?: string;
}

export interface InvocationView {
  WindowExecutionId: string;
  TaskExecutionId: string;
  InvocationId: string;
  ExecutionId?: string;
  TaskType: string;
  Parameters: string;
  Status: MaintenanceWindowStatus;
  StatusDetails: string;
  StartTime?: Date;
  EndTime?: Date;
  OwnerInformation?: string;
  WindowTargetId?: string;
  /** Opsdeck: the node, the first part of the output, and a webhook's HTTP status. */
  ResourceId?: string;
  Output: string;
  ResponseStatus?: number;
}

export function toExecutionView(row: MaintenanceWindowExecutionRow): WindowExecutionView {
  return {
    WindowId: row.windowId,
    WindowExecutionId: row.id,
    Status: row.status,
    StatusDetails: row.statusDetails,
    StartTime: row.startedAt ?? undefined,
    EndTime: row.endedAt ?? undefined,
    ScheduledTime: row.scheduledAt,
    CutoffTime: row.cutoffAt,
  };
}

export function toTaskExecutionView(row: MaintenanceWindowTaskExecutionRow): TaskExecutionView {
  return {
    WindowExecutionId: row.windowExecutionId,
    TaskExecutionId: row.id,
    Status: row.status,
    StatusDetails: row.statusDetails,
    StartTime: row.startedAt ?? undefined,
    EndTime: row.endedAt ?? undefined,
    TaskArn: row.taskArn,
    TaskType: row.taskType,
    WindowTaskId: row.taskId,
    TaskName: row.taskName ?? undefined,
    Priority: row.priority,
    MaxConcurrency: row.maxConcurrency,
    MaxErrors: row.maxErrors,
    CommandId: row.commandId ?? undefined,
  };
}

export function toInvocationView(row: MaintenanceWindowInvocationRow, taskType: string): InvocationView {
  return {
    WindowExecutionId: row.windowExecutionId,
    TaskExecutionId: row.taskExecutionId,
    InvocationId: row.id,
    ExecutionId: row.executionId ?? undefined,
    TaskType: taskType,
    Parameters: row.parameters,
    Status: row.status,
    StatusDetails: row.statusDetails,
    StartTime: row.startedAt ?? undefined,
    EndTime: row.endedAt ?? undefined,
    OwnerInformation: row.ownerInformation ?? undefined,
    WindowTargetId: row.windowTargetId ?? undefined,
    ResourceId: row.resourceId ?? undefined,
    Output: row.output,
    ResponseStatus: row.responseStatus ?? undefined,
  };
}

/** DescribeMaintenanceWindowExecutions: newest occurrence first. */
export async function describeWindowExecutions(caller: Caller, rawInput: ListExecutionsInput): Promise<{ executions: WindowExecutionView[]; hasMore: boolean }> {
  const input = listExecutionsInput.parse(rawInput);
  return perform(caller, { name: 'DescribeMaintenanceWindowExecutions', iamAction: 'ssm:DescribeMaintenanceWindowExecutions', resources: [windowArn(input.windowId)], parameters: input, isAudited: false }, async () => {
    await findWindow(input.windowId);
    const conditions: SQL[] = [eq(maintenanceWindowExecutions.windowId, input.windowId)];
    if (input.statuses?.length) conditions.push(inArray(maintenanceWindowExecutions.status, input.statuses));
    if (input.startedAfter) conditions.push(gte(maintenanceWindowExecutions.scheduledAt, input.startedAfter));
    if (input.startedBefore) conditions.push(lte(maintenanceWindowExecutions.scheduledAt, input.startedBefore));
    const limit = input.maxResults ?? 50;
    const rows = await getDb()
      .select()
      .from(maintenanceWindowExecutions)
      .where(and(...conditions))
      .orderBy(desc(maintenanceWindowExecutions.scheduledAt), desc(maintenanceWindowExecutions.id))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    return { executions: rows.slice(0, limit).map(toExecutionView), hasMore: rows.length > limit };
  });
}

export async function findExecution(windowExecutionId: string): Promise<MaintenanceWindowExecutionRow> {
  const valid = uuidSchema('WindowExecutionId').safeParse(windowExecutionId).success;
  const [row] = valid ? await getDb().select().from(maintenanceWindowExecutions).where(eq(maintenanceWindowExecutions.id, windowExecutionId)) : [];
  if (!row) throw notFound('DoesNotExistException', `Maintenance window execution ${windowExecutionId} does not exist`);
  return row;
}

async function executionTasks(windowExecutionId: string, statuses?: MaintenanceWindowStatus[]): Promise<MaintenanceWindowTaskExecutionRow[]> {
  const conditions: SQL[] = [eq(maintenanceWindowTaskExecutions.windowExecutionId, windowExecutionId)];
  if (statuses?.length) conditions.push(inArray(maintenanceWindowTaskExecutions.status, statuses));
  return getDb()
    .select()
    .from(maintenanceWindowTaskExecutions)
    .where(and(...conditions))
    .orderBy(asc(maintenanceWindowTaskExecutions.priority), asc(maintenanceWindowTaskExecutions.createdAt), asc(maintenanceWindowTaskExecutions.id));
}

/** Reads about an execution are authorised on its window, as AWS's are. */
async function performOnExecution<T>(caller: Caller, name: string, windowExecutionId: string, parameters: unknown, read: (execution: MaintenanceWindowExecutionRow) => Promise<T>): Promise<T> {
  const execution = await findExecution(windowExecutionId).catch(() => undefined);
  const resources = execution ? [windowArn(execution.windowId)] : undefined;
  return perform(caller, { name, iamAction: `ssm:${name}`, resources, parameters, isAudited: false }, async () => read(execution ?? (await findExecution(windowExecutionId))));
}

export async function getWindowExecution(caller: Caller, windowExecutionId: string): Promise<WindowExecutionView & { TaskIds: string[] }> {
  return performOnExecution(caller, 'GetMaintenanceWindowExecution', windowExecutionId, { windowExecutionId }, async (execution) => ({
    ...toExecutionView(execution),
    TaskIds: (await executionTasks(execution.id)).map((task) => task.id),
  }));
}

export async function describeExecutionTasks(caller: Caller, input: { windowExecutionId: string; statuses?: MaintenanceWindowStatus[] }): Promise<TaskExecutionView[]> {
  return performOnExecution(caller, 'DescribeMaintenanceWindowExecutionTasks', input.windowExecutionId, input, async (execution) =>
    (await executionTasks(execution.id, input.statuses)).map(toTaskExecutionView),
  );
}

export async function describeTaskInvocations(caller: Caller, input: { windowExecutionId: string; taskExecutionId: string }): Promise<InvocationView[]> {
  return performOnExecution(caller, 'DescribeMaintenanceWindowExecutionTaskInvocations', input.windowExecutionId, input, async (execution) => {
    const [task] = (await executionTasks(execution.id)).filter((row) => row.id === input.taskExecutionId);
    if (!task) throw notFound('DoesNotExistException', `Task execution ${input.taskExecutionId} does not exist in window execution ${execution.id}`);
    const rows = await getDb().select().from(maintenanceWindowInvocations).where(eq(maintenanceWindowInvocations.taskExecutionId, task.id)).orderBy(asc(maintenanceWindowInvocations.seq));
    return rows.map((row) => toInvocationView(row, task.taskType));
  });
}

/** DescribeMaintenanceWindowSchedule: the window's next occurrences, in its time zone. */
export async function describeWindowSchedule(caller: Caller, input: { windowId: string; maxResults?: number }): Promise<{ WindowId: string; Name: string; ExecutionTime: string }[]> {
  return perform(caller, { name: 'DescribeMaintenanceWindowSchedule', iamAction: 'ssm:DescribeMaintenanceWindowSchedule', resources: [windowArn(input.windowId)], parameters: input, isAudited: false }, async () => {
    const window = await findWindow(input.windowId);
    return upcomingOccurrences(window, new Date(), input.maxResults ?? 10).map((at) => ({ WindowId: window.id, Name: window.name, ExecutionTime: formatInZone(at, window.scheduleTimezone) }));
  });
}
