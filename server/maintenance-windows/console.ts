import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { maintenanceWindowExecutions, maintenanceWindowInvocations, maintenanceWindows, maintenanceWindowTaskExecutions } from '@/db/schema';
import { getDb } from '@/server/context';
import { allowedActions } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { findExecution, toExecutionView, toInvocationView, toTaskExecutionView, type InvocationView, type TaskExecutionView, type WindowExecutionView } from './history';
import { windowArn } from './ids';
import { formatInZone, scheduleInWords, upcomingOccurrences } from './schedule';
import { toTargetView, windowTargets, type WindowTargetView } from './targets';
import { toTaskView, windowTasks, type WindowTaskView } from './tasks';
import { findWindow, toWindowView, type WindowView } from './windows';

/**
 * The console's reads: a page's worth in one call (the list with each window's last run, a window
 * with its targets and tasks, an execution with its tasks and invocations), and what the viewer
 * may do there.
 */

export interface WindowSummary extends WindowView {
  ScheduleDescription: string;
  NextRun?: Date;
  LastExecution?: { Status: string; StatusDetails: string; ScheduledTime: Date };
}

export async function listWindowSummaries(caller: Caller): Promise<{ windows: WindowSummary[]; canCreate: boolean }> {
  return perform(caller, { name: 'DescribeMaintenanceWindows', iamAction: 'ssm:DescribeMaintenanceWindows', isAudited: false }, async () => {
    const rows = await getDb().select().from(maintenanceWindows).orderBy(asc(maintenanceWindows.name), asc(maintenanceWindows.id)).limit(500);
    const ids = rows.map((row) => row.id);
    const latest = ids.length
      ? await getDb()
          .selectDistinctOn([maintenanceWindowExecutions.windowId])
          .from(maintenanceWindowExecutions)
          .where(inArray(maintenanceWindowExecutions.windowId, ids))
          .orderBy(maintenanceWindowExecutions.windowId, desc(maintenanceWindowExecutions.scheduledAt))
      : [];
    const lastOf = new Map(latest.map((row) => [row.windowId, row]));
    const now = new Date();
    const { canCreate } = await allowedActions(caller, { canCreate: { action: 'ssm:CreateMaintenanceWindow', resource: '*' } });
    const windows = rows.map((row) => {
      const last = lastOf.get(row.id);
      return {
        ...toWindowView(row, now),
        ScheduleDescription: scheduleInWords(row),
        NextRun: upcomingOccurrences(row, now, 1)[0],
        LastExecution: last ? { Status: last.status, StatusDetails: last.statusDetails, ScheduledTime: last.scheduledAt } : undefined,
      };
    });
    return { windows, canCreate };
  });
}

export interface WindowDetail {
  window: WindowView;
  scheduleDescription: string;
  nextRuns: { at: Date; local: string }[];
  targets: WindowTargetView[];
  tasks: WindowTaskView[];
  permissions: { canUpdate: boolean; canDelete: boolean; canRegisterTargets: boolean; canRegisterTasks: boolean };
}

export async function getWindowDetail(caller: Caller, windowId: string): Promise<WindowDetail> {
  return perform(caller, { name: 'GetMaintenanceWindow', iamAction: 'ssm:GetMaintenanceWindow', resources: [windowArn(windowId)], parameters: { windowId }, isAudited: false }, async () => {
    const row = await findWindow(windowId);
    const resource = windowArn(row.id);
    const [targets, tasks, permissions] = await Promise.all([
      windowTargets(row.id),
      windowTasks(row.id),
      allowedActions(caller, {
        canUpdate: { action: 'ssm:UpdateMaintenanceWindow', resource },
        canDelete: { action: 'ssm:DeleteMaintenanceWindow', resource },
        canRegisterTargets: { action: 'ssm:RegisterTargetWithMaintenanceWindow', resource },
        canRegisterTasks: { action: 'ssm:RegisterTaskWithMaintenanceWindow', resource },
      }),
    ]);
    return {
      window: toWindowView(row),
      scheduleDescription: scheduleInWords(row),
      nextRuns: upcomingOccurrences(row, new Date(), 5).map((at) => ({ at, local: formatInZone(at, row.scheduleTimezone) })),
      targets: targets.map(toTargetView),
      tasks: tasks.map(toTaskView),
      permissions,
    };
  });
}

export interface ExecutionDetail {
  windowName: string;
  execution: WindowExecutionView;
  tasks: (TaskExecutionView & { invocations: InvocationView[] })[];
}

export async function getExecutionDetail(caller: Caller, executionId: string): Promise<ExecutionDetail> {
  const execution = await findExecution(executionId);
  return perform(
    caller,
    { name: 'GetMaintenanceWindowExecution', iamAction: 'ssm:GetMaintenanceWindowExecution', resources: [windowArn(execution.windowId)], parameters: { executionId }, isAudited: false },
    async () => {
      const window = await findWindow(execution.windowId);
      const tasks = await getDb()
        .select()
        .from(maintenanceWindowTaskExecutions)
        .where(eq(maintenanceWindowTaskExecutions.windowExecutionId, execution.id))
        .orderBy(asc(maintenanceWindowTaskExecutions.priority), asc(maintenanceWindowTaskExecutions.createdAt));
      const invocations = tasks.length
        ? await getDb().select().from(maintenanceWindowInvocations).where(eq(maintenanceWindowInvocations.windowExecutionId, execution.id)).orderBy(asc(maintenanceWindowInvocations.seq)).limit(2000)
        : [];
      return {
        windowName: window.name,
        execution: toExecutionView(execution),
        tasks: tasks.map((task) => ({ ...toTaskExecutionView(task), invocations: invocations.filter((row) => row.taskExecutionId === task.id).map((row) => toInvocationView(row, task.taskType)) })),
      };
    },
  );
}

/** A page of a window's executions, newest first, with the total for the pager. */
export async function listExecutionPage(caller: Caller, windowId: string, page: number, pageSize: number): Promise<{ executions: WindowExecutionView[]; total: number }> {
  return perform(caller, { name: 'DescribeMaintenanceWindowExecutions', iamAction: 'ssm:DescribeMaintenanceWindowExecutions', resources: [windowArn(windowId)], parameters: { windowId, page }, isAudited: false }, async () => {
    const row = await findWindow(windowId);
    const rows = await getDb()
      .select()
      .from(maintenanceWindowExecutions)
      .where(eq(maintenanceWindowExecutions.windowId, row.id))
      .orderBy(desc(maintenanceWindowExecutions.scheduledAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const [{ total }] = (await getDb().select({ total: sql<number>`count(*)::int` }).from(maintenanceWindowExecutions).where(eq(maintenanceWindowExecutions.windowId, row.id))) as [{ total: number }];
    return { executions: rows.map(toExecutionView), total };
  });
}
