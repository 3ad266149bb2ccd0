import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { maintenanceWindows, type MaintenanceWindowRow } from '@/db/schema';
import { getDb } from '@/server/context';
import { notFound, OpsdeckError } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { forgetSchedule, reschedule } from '@/server/schedules/runner';
import { checkCalendarNames } from './calendar';
import { newWindowId, windowArn } from './ids';
import { formatInZone, upcomingOccurrences } from './schedule';
import { WINDOW_KIND } from './kinds';
import {
  createWindowInput,
  listWindowsInput,
  settingsIssues,
  updateWindowInput,
  windowIdSchema,
  type CreateWindowInput,
  type ListWindowsInput,
  type UpdateWindowInput,
} from './schemas';

/** GetMaintenanceWindow's shape (AWS writes StartDate, EndDate and NextExecutionTime as strings). */
export interface WindowView {
  WindowId: string;
  Name: string;
  Description?: string;
  Schedule: string;
  ScheduleTimezone?: string;
  ScheduleOffset?: number;
  Duration: number;
  Cutoff: number;
  StartDate?: string;
  EndDate?: string;
  NextExecutionTime?: string;
  Enabled: boolean;
  AllowUnassociatedTargets: boolean;
  /** Opsdeck: change calendars that must be OPEN for an occurrence to run. */
  CalendarNames: string[];
  CreatedDate: Date;
  ModifiedDate: Date;
}

export function toWindowView(row: MaintenanceWindowRow, now = new Date()): WindowView {
  const [next] = upcomingOccurrences(row, now, 1);
  return {
    WindowId: row.id,
    Name: row.name,
    Description: row.description ?? undefined,
    Schedule: row.schedule,
    ScheduleTimezone: row.scheduleTimezone ?? undefined,
    ScheduleOffset: row.scheduleOffset ?? undefined,
    Duration: row.duration,
    Cutoff: row.cutoff,
    StartDate: row.startDate?.toISOString(),
    EndDate: row.endDate?.toISOString(),
    NextExecutionTime: next ? formatInZone(next, row.scheduleTimezone) : undefined,
    Enabled: row.isEnabled,
    AllowUnassociatedTargets: row.allowUnassociatedTargets,
    CalendarNames: row.calendarNames,
    CreatedDate: row.createdAt,
    ModifiedDate: row.updatedAt,
  };
}

export async function findWindow(windowId: string): Promise<MaintenanceWindowRow> {
  const parsed = windowIdSchema.safeParse(windowId);
  const [row] = parsed.success ? await getDb().select().from(maintenanceWindows).where(eq(maintenanceWindows.id, windowId)) : [];
  if (!row) throw notFound('DoesNotExistException', `Maintenance window ${windowId} does not exist`);
  return row;
}

/** CreateMaintenanceWindow: stores the window and queues its first occurrence. */
export async function createMaintenanceWindow(caller: Caller, rawInput: CreateWindowInput): Promise<{ windowId: string }> {
  const input = createWindowInput.parse(rawInput);
  return perform(caller, { name: 'CreateMaintenanceWindow', iamAction: 'ssm:CreateMaintenanceWindow', parameters: input }, async () => {
    await checkCalendarNames(caller, input.calendarNames ?? []);
    const id = newWindowId();
    await getDb().insert(maintenanceWindows).values({
      id,
      name: input.name,
      description: input.description ?? null,
      schedule: input.schedule,
      scheduleTimezone: input.scheduleTimezone ?? null,
      scheduleOffset: input.scheduleOffset ?? null,
      duration: input.duration,
      cutoff: input.cutoff,
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      isEnabled: input.enabled ?? true,
      allowUnassociatedTargets: input.allowUnassociatedTargets ?? false,
      calendarNames: input.calendarNames ?? [],
    });
    await reschedule(WINDOW_KIND, id);
    return { windowId: id };
  });
}

type Settings = Omit<typeof maintenanceWindows.$inferInsert, 'id' | 'createdAt'>;

/** The window after an update: given members replace; with Replace, the optional ones left out are cleared. */
function updatedSettings(row: MaintenanceWindowRow, input: ReturnType<typeof updateWindowInput.parse>): Settings {
  const keep = <T>(given: T | undefined, current: T, cleared: T): T => (given !== undefined ? given : input.replace ? cleared : current);
  return {
    name: input.name ?? row.name,
    description: keep(input.description, row.description, null),
    schedule: input.schedule ?? row.schedule,
    scheduleTimezone: keep(input.scheduleTimezone, row.scheduleTimezone, null),
    scheduleOffset: keep(input.scheduleOffset, row.scheduleOffset, null),
    duration: input.duration ?? row.duration,
    cutoff: input.cutoff ?? row.cutoff,
    startDate: keep(input.startDate, row.startDate, null),
    endDate: keep(input.endDate, row.endDate, null),
    isEnabled: keep(input.enabled, row.isEnabled, true),
    allowUnassociatedTargets: keep(input.allowUnassociatedTargets, row.allowUnassociatedTargets, false),
    calendarNames: keep(input.calendarNames, row.calendarNames, []),
    updatedAt: new Date(),
  };
}

/** UpdateMaintenanceWindow: the window as it will be is checked whole, then its next occurrence is queued again. */
export async function updateMaintenanceWindow(caller: Caller, rawInput: UpdateWindowInput): Promise<WindowView> {
  const input = updateWindowInput.parse(rawInput);
  return perform(caller, { name: 'UpdateMaintenanceWindow', iamAction: 'ssm:UpdateMaintenanceWindow', resources: [windowArn(input.windowId)], parameters: input }, async () => {
    const row = await findWindow(input.windowId);
    const settings = updatedSettings(row, input);
    const issue = settingsIssues(settings)[0];
    if (issue) throw new OpsdeckError('ValidationException', `${issue.path}: ${issue.message}`);
    if (input.endDate && input.endDate <= new Date()) throw new OpsdeckError('ValidationException', 'endDate: EndDate must be in the future');
    if (input.calendarNames) await checkCalendarNames(caller, input.calendarNames);
    const [updated] = await getDb().update(maintenanceWindows).set(settings).where(eq(maintenanceWindows.id, row.id)).returning();
    await reschedule(WINDOW_KIND, row.id);
    return toWindowView(updated!);
  });
}

export async function getMaintenanceWindow(caller: Caller, windowId: string): Promise<WindowView> {
  return perform(caller, { name: 'GetMaintenanceWindow', iamAction: 'ssm:GetMaintenanceWindow', resources: [windowArn(windowId)], parameters: { windowId }, isAudited: false }, async () =>
    toWindowView(await findWindow(windowId)),
  );
}

/** DescribeMaintenanceWindows: in name order, with AWS's Name and Enabled filters. */
export async function listMaintenanceWindows(caller: Caller, rawInput: ListWindowsInput = {}): Promise<{ windows: WindowView[]; hasMore: boolean }> {
  const input = listWindowsInput.parse(rawInput);
  return perform(caller, { name: 'DescribeMaintenanceWindows', iamAction: 'ssm:DescribeMaintenanceWindows', parameters: input, isAudited: false }, async () => {
    const conditions: SQL[] = [];
    if (input.names?.length) conditions.push(inArray(maintenanceWindows.name, input.names));
    if (input.enabled !== undefined) conditions.push(eq(maintenanceWindows.isEnabled, input.enabled));
    const limit = input.maxResults ?? 50;
    const rows = await getDb()
      .select()
      .from(maintenanceWindows)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(asc(maintenanceWindows.name), asc(maintenanceWindows.id))
      .limit(limit + 1)
      .offset(input.offset ?? 0);
    const now = new Date();
    return { windows: rows.slice(0, limit).map((row) => toWindowView(row, now)), hasMore: rows.length > limit };
  });
}

/** DeleteMaintenanceWindow: the window, its targets, tasks and history go; work already started runs on. */
export async function deleteMaintenanceWindow(caller: Caller, windowId: string): Promise<{ windowId: string }> {
  return perform(caller, { name: 'DeleteMaintenanceWindow', iamAction: 'ssm:DeleteMaintenanceWindow', resources: [windowArn(windowId)], parameters: { windowId } }, async () => {
    const row = await findWindow(windowId);
    await getDb().delete(maintenanceWindows).where(eq(maintenanceWindows.id, row.id));
    await forgetSchedule(WINDOW_KIND, row.id);
    return { windowId: row.id };
  });
}

