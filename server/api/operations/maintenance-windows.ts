import { z } from 'zod';
import { MAINTENANCE_WINDOW_STATUSES, type MaintenanceWindowStatus } from '@/db/schema';
import { OpsdeckError, validationError } from '@/server/errors';
import {
  createMaintenanceWindow,
  deleteMaintenanceWindow,
  deregisterTargetFromMaintenanceWindow,
  deregisterTaskFromMaintenanceWindow,
  describeExecutionTasks,
  describeMaintenanceWindowTargets,
  describeMaintenanceWindowTasks,
  describeTaskInvocations,
  describeWindowExecutions,
  describeWindowSchedule,
  getMaintenanceWindow,
  getMaintenanceWindowTask,
  getWindowExecution,
  listMaintenanceWindows,
  registerTargetWithMaintenanceWindow,
  registerTaskWithMaintenanceWindow,
  updateMaintenanceWindow,
} from '@/server/maintenance-windows/service';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

const filters = z.array(z.object({ Key: z.string(), Values: z.array(z.string()) })).optional();
const paging = { MaxResults: z.number().int().min(1).max(100).optional(), NextToken: z.string().optional() };
const targets = z.array(z.object({ Key: z.string(), Values: z.array(z.string()) }));

/** AWS's filters as a map of key → values, refusing keys the operation does not know. */
function filterMap(operation: string, given: { Key: string; Values: string[] }[] | undefined, known: string[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const { Key, Values } of given ?? []) {
    if (!known.includes(Key)) throw validationError(`${operation}: unknown filter key '${Key}'; use ${known.join(', ')}`);
    map[Key] = [...(map[Key] ?? []), ...Values];
  }
  return map;
}

/** One page of a list held whole (a window's targets and tasks are few). */
function pageOf<T>(operation: string, items: T[], input: { MaxResults?: number; NextToken?: string }) {
  const offset = decodeNextToken(operation, input.NextToken);
  const limit = input.MaxResults ?? 50;
  return { page: items.slice(offset, offset + limit), NextToken: nextTokenAfter(operation, offset, Math.min(limit, Math.max(items.length - offset, 0)), items.length > offset + limit) };
}

function statusesOf(values: string[] | undefined): MaintenanceWindowStatus[] | undefined {
  if (!values) return undefined;
  for (const value of values) if (!(MAINTENANCE_WINDOW_STATUSES as readonly string[]).includes(value)) throw validationError(`status '${value}' is not one of ${MAINTENANCE_WINDOW_STATUSES.join(', ')}`);
  return values as MaintenanceWindowStatus[];
}

const windowSettings = {
  Name: z.string().optional(),
  Description: z.string().optional(),
  StartDate: z.string().optional(),
  EndDate: z.string().optional(),
  Schedule: z.string().optional(),
  ScheduleTimezone: z.string().optional(),
  ScheduleOffset: z.number().optional(),
  Duration: z.number().optional(),
  Cutoff: z.number().optional(),
  AllowUnassociatedTargets: z.boolean().optional(),
  /** Opsdeck: change calendars that must be OPEN (not sent by AWS's own SDKs). */
  CalendarNames: z.array(z.string()).optional(),
};

function settingsOf(input: z.infer<z.ZodObject<typeof windowSettings>>) {
  return {
    name: input.Name,
    description: input.Description,
    startDate: input.StartDate || undefined,
    endDate: input.EndDate || undefined,
    schedule: input.Schedule,
    scheduleTimezone: input.ScheduleTimezone,
    scheduleOffset: input.ScheduleOffset,
    duration: input.Duration,
    cutoff: input.Cutoff,
    allowUnassociatedTargets: input.AllowUnassociatedTargets,
    calendarNames: input.CalendarNames,
  };
}

export const CreateMaintenanceWindow = defineOperation({
  name: 'CreateMaintenanceWindow',
  input: z.object({ ...windowSettings, ClientToken: z.string().optional(), Tags: z.array(z.unknown()).optional() }),
  async run(input, caller) {
    if (input.Tags?.length) throw validationError('Tags on maintenance windows are not supported by Opsdeck yet; create the window without them');
    const settings = settingsOf(input);
    return { WindowId: (await createMaintenanceWindow(caller, { ...settings, name: settings.name!, schedule: settings.schedule!, duration: settings.duration!, cutoff: settings.cutoff! })).windowId };
  },
});

export const UpdateMaintenanceWindow = defineOperation({
  name: 'UpdateMaintenanceWindow',
  input: z.object({ WindowId: z.string(), ...windowSettings, Enabled: z.boolean().optional(), Replace: z.boolean().optional() }),
  async run(input, caller) {
    const view = await updateMaintenanceWindow(caller, { windowId: input.WindowId, ...settingsOf(input), enabled: input.Enabled, replace: input.Replace });
    const { CreatedDate: _created, ModifiedDate: _modified, NextExecutionTime: _next, ...rest } = view;
    return rest;
  },
});

export const GetMaintenanceWindow = defineOperation({
  name: 'GetMaintenanceWindow',
  input: z.object({ WindowId: z.string({ message: 'WindowId is required' }) }),
  run: async (input, caller) => getMaintenanceWindow(caller, input.WindowId),
});

export const DescribeMaintenanceWindows = defineOperation({
  name: 'DescribeMaintenanceWindows',
  input: z.object({ Filters: filters, ...paging }),
  async run(input, caller) {
    const map = filterMap('DescribeMaintenanceWindows', input.Filters, ['Name', 'Enabled']);
    const enabled = map.Enabled?.[0];
    if (enabled !== undefined && enabled !== 'true' && enabled !== 'false') throw validationError(`the Enabled filter is true or false, not '${enabled}'`);
    const offset = decodeNextToken('DescribeMaintenanceWindows', input.NextToken);
    const page = await listMaintenanceWindows(caller, { names: map.Name, enabled: enabled === undefined ? undefined : enabled === 'true', maxResults: input.MaxResults, offset });
    return { WindowIdentities: page.windows, NextToken: nextTokenAfter('DescribeMaintenanceWindows', offset, page.windows.length, page.hasMore) };
  },
});

export const DeleteMaintenanceWindow = defineOperation({
  name: 'DeleteMaintenanceWindow',
  input: z.object({ WindowId: z.string({ message: 'WindowId is required' }) }),
  run: async (input, caller) => ({ WindowId: (await deleteMaintenanceWindow(caller, input.WindowId)).windowId }),
});

export const RegisterTargetWithMaintenanceWindow = defineOperation({
  name: 'RegisterTargetWithMaintenanceWindow',
  input: z.object({
    WindowId: z.string(),
    ResourceType: z.string(),
    Targets: targets,
    OwnerInformation: z.string().optional(),
    Name: z.string().optional(),
    Description: z.string().optional(),
    ClientToken: z.string().optional(),
  }),
  async run(input, caller) {
    const { windowTargetId } = await registerTargetWithMaintenanceWindow(caller, {
      windowId: input.WindowId,
      resourceType: input.ResourceType as 'INSTANCE',
      targets: input.Targets,
      ownerInformation: input.OwnerInformation,
      name: input.Name,
      description: input.Description,
    });
    return { WindowTargetId: windowTargetId };
  },
});

export const DeregisterTargetFromMaintenanceWindow = defineOperation({
  name: 'DeregisterTargetFromMaintenanceWindow',
  input: z.object({ WindowId: z.string(), WindowTargetId: z.string(), Safe: z.boolean().optional() }),
  async run(input, caller) {
    const result = await deregisterTargetFromMaintenanceWindow(caller, { windowId: input.WindowId, windowTargetId: input.WindowTargetId, safe: input.Safe });
    return { WindowId: result.windowId, WindowTargetId: result.windowTargetId };
  },
});

const invocationParameters = z
  .object({
    RunCommand: z.object({ Parameters: z.record(z.string(), z.array(z.string())).optional(), DocumentVersion: z.string().optional(), Comment: z.string().optional(), TimeoutSeconds: z.number().optional() }).optional(),
    Automation: z.object({ Parameters: z.record(z.string(), z.array(z.string())).optional(), DocumentVersion: z.string().optional() }).optional(),
    /** AWS's Lambda shape carries a WEBHOOK task's payload for the AWS CLI, which knows no Webhook member. */
    Lambda: z.object({ Payload: z.string().optional() }).optional(),
    Webhook: z.object({ Payload: z.string().optional(), Secret: z.string().optional(), TimeoutSeconds: z.number().optional() }).optional(),
    StepFunctions: z.unknown().optional(),
  })
  .optional();

function taskInvocationOf(taskType: string, given: z.infer<typeof invocationParameters>) {
  if (taskType === 'RUN_COMMAND') return { parameters: given?.RunCommand?.Parameters, documentVersion: given?.RunCommand?.DocumentVersion, comment: given?.RunCommand?.Comment, timeoutSeconds: given?.RunCommand?.TimeoutSeconds };
  if (taskType === 'AUTOMATION') return { parameters: given?.Automation?.Parameters, documentVersion: given?.Automation?.DocumentVersion };
  const lambdaPayload = given?.Lambda?.Payload ? Buffer.from(given.Lambda.Payload, 'base64').toString('utf8') : undefined;
  return { payload: given?.Webhook?.Payload ?? lambdaPayload, webhookSecret: given?.Webhook?.Secret, timeoutSeconds: given?.Webhook?.TimeoutSeconds };
}

export const RegisterTaskWithMaintenanceWindow = defineOperation({
  name: 'RegisterTaskWithMaintenanceWindow',
  input: z.object({
    WindowId: z.string(),
    Targets: targets.optional(),
    TaskArn: z.string(),
    ServiceRoleArn: z.string().optional(),
    TaskType: z.string(),
    TaskParameters: z.record(z.string(), z.unknown()).optional(),
    TaskInvocationParameters: invocationParameters,
    Priority: z.number().optional(),
    MaxConcurrency: z.string().optional(),
    MaxErrors: z.string().optional(),
    Name: z.string().optional(),
    Description: z.string().optional(),
    ClientToken: z.string().optional(),
    CutoffBehavior: z.enum(['CONTINUE_TASK', 'CANCEL_TASK']).optional(),
  }),
  async run(input, caller) {
    if (input.TaskType === 'LAMBDA' || input.TaskType === 'STEP_FUNCTIONS') {
      throw new OpsdeckError('FeatureNotAvailableException', `Opsdeck has no ${input.TaskType === 'LAMBDA' ? 'Lambda' : 'Step Functions'}: register a WEBHOOK task whose TaskArn is the https URL to call`);
    }
    if (input.TaskParameters && Object.keys(input.TaskParameters).length) throw validationError('TaskParameters is deprecated by AWS and not supported: use TaskInvocationParameters');
    const result = await registerTaskWithMaintenanceWindow(caller, {
      windowId: input.WindowId,
      taskType: input.TaskType as 'RUN_COMMAND',
      taskArn: input.TaskArn,
      targets: input.Targets as { Key: 'WindowTargetIds'; Values: string[] }[] | undefined,
      priority: input.Priority,
      maxConcurrency: input.MaxConcurrency,
      maxErrors: input.MaxErrors,
      cutoffBehavior: input.CutoffBehavior,
      name: input.Name,
      description: input.Description,
      ...taskInvocationOf(input.TaskType, input.TaskInvocationParameters),
    });
    return { WindowTaskId: result.windowTaskId, WebhookSecret: result.webhookSecret };
  },
});

export const DeregisterTaskFromMaintenanceWindow = defineOperation({
  name: 'DeregisterTaskFromMaintenanceWindow',
  input: z.object({ WindowId: z.string(), WindowTaskId: z.string() }),
  async run(input, caller) {
    const result = await deregisterTaskFromMaintenanceWindow(caller, { windowId: input.WindowId, windowTaskId: input.WindowTaskId });
    return { WindowId: result.windowId, WindowTaskId: result.windowTaskId };
  },
});

export const DescribeMaintenanceWindowTargets = defineOperation({
  name: 'DescribeMaintenanceWindowTargets',
  input: z.object({ WindowId: z.string(), Filters: filters, ...paging }),
  async run(input, caller) {
    const map = filterMap('DescribeMaintenanceWindowTargets', input.Filters, ['WindowTargetId', 'OwnerInformation', 'Type']);
    const all = await describeMaintenanceWindowTargets(caller, { windowId: input.WindowId, filters: { windowTargetIds: map.WindowTargetId, ownerInformation: map.OwnerInformation, resourceTypes: map.Type } });
    const { page, NextToken } = pageOf('DescribeMaintenanceWindowTargets', all, input);
    return { Targets: page, NextToken };
  },
});

export const DescribeMaintenanceWindowTasks = defineOperation({
  name: 'DescribeMaintenanceWindowTasks',
  input: z.object({ WindowId: z.string(), Filters: filters, ...paging }),
  async run(input, caller) {
    const map = filterMap('DescribeMaintenanceWindowTasks', input.Filters, ['WindowTaskId', 'TaskArn', 'Priority', 'TaskType']);
    const priorities = map.Priority?.map(Number);
    if (priorities?.some((value) => !Number.isInteger(value))) throw validationError('the Priority filter takes whole numbers');
    const all = await describeMaintenanceWindowTasks(caller, { windowId: input.WindowId, filters: { windowTaskIds: map.WindowTaskId, taskArns: map.TaskArn, priorities, taskTypes: map.TaskType } });
    const { page, NextToken } = pageOf('DescribeMaintenanceWindowTasks', all, input);
    return { Tasks: page.map(({ TaskInvocationParameters: _parameters, ...task }) => task), NextToken };
  },
});

export const GetMaintenanceWindowTask = defineOperation({
  name: 'GetMaintenanceWindowTask',
  input: z.object({ WindowId: z.string(), WindowTaskId: z.string() }),
  async run(input, caller) {
    const { Type, ...task } = await getMaintenanceWindowTask(caller, { windowId: input.WindowId, windowTaskId: input.WindowTaskId });
    return { ...task, TaskType: Type };
  },
});

export const DescribeMaintenanceWindowExecutions = defineOperation({
  name: 'DescribeMaintenanceWindowExecutions',
  input: z.object({ WindowId: z.string(), Filters: filters, ...paging }),
  async run(input, caller) {
    const map = filterMap('DescribeMaintenanceWindowExecutions', input.Filters, ['ExecutionStatus', 'StartedBefore', 'StartedAfter']);
    const dateOf = (key: string) => {
      const text = map[key]?.[0];
      if (text === undefined) return undefined;
      const date = new Date(text);
      if (Number.isNaN(date.getTime())) throw validationError(`${key}: '${text}' is not a date (use ISO 8601, like 2026-11-23T00:00:00Z)`);
      return date;
    };
    const offset = decodeNextToken('DescribeMaintenanceWindowExecutions', input.NextToken);
    const page = await describeWindowExecutions(caller, {
      windowId: input.WindowId,
      statuses: statusesOf(map.ExecutionStatus),
      startedBefore: dateOf('StartedBefore'),
      startedAfter: dateOf('StartedAfter'),
      maxResults: input.MaxResults,
      offset,
    });
    return { WindowExecutions: page.executions, NextToken: nextTokenAfter('DescribeMaintenanceWindowExecutions', offset, page.executions.length, page.hasMore) };
  },
});

export const GetMaintenanceWindowExecution = defineOperation({
  name: 'GetMaintenanceWindowExecution',
  input: z.object({ WindowExecutionId: z.string() }),
  run: async (input, caller) => getWindowExecution(caller, input.WindowExecutionId),
});

export const DescribeMaintenanceWindowExecutionTasks = defineOperation({
  name: 'DescribeMaintenanceWindowExecutionTasks',
  input: z.object({ WindowExecutionId: z.string(), Filters: filters, ...paging }),
  async run(input, caller) {
    const map = filterMap('DescribeMaintenanceWindowExecutionTasks', input.Filters, ['Status']);
    const all = await describeExecutionTasks(caller, { windowExecutionId: input.WindowExecutionId, statuses: statusesOf(map.Status) });
    const { page, NextToken } = pageOf('DescribeMaintenanceWindowExecutionTasks', all, input);
    return { WindowExecutionTaskIdentities: page, NextToken };
  },
});

export const DescribeMaintenanceWindowExecutionTaskInvocations = defineOperation({
  name: 'DescribeMaintenanceWindowExecutionTaskInvocations',
  input: z.object({ WindowExecutionId: z.string(), TaskId: z.string(), Filters: filters, ...paging }),
  async run(input, caller) {
    const map = filterMap('DescribeMaintenanceWindowExecutionTaskInvocations', input.Filters, ['Status']);
    const statuses = statusesOf(map.Status);
    const all = (await describeTaskInvocations(caller, { windowExecutionId: input.WindowExecutionId, taskExecutionId: input.TaskId })).filter((row) => !statuses || statuses.includes(row.Status));
    const { page, NextToken } = pageOf('DescribeMaintenanceWindowExecutionTaskInvocations', all, input);
    return { WindowExecutionTaskInvocationIdentities: page, NextToken };
  },
});

export const DescribeMaintenanceWindowSchedule = defineOperation({
  name: 'DescribeMaintenanceWindowSchedule',
  input: z.object({ WindowId: z.string().optional(), Targets: targets.optional(), ResourceType: z.string().optional(), Filters: filters, ...paging }),
  async run(input, caller) {
    if (!input.WindowId) throw validationError('Opsdeck answers DescribeMaintenanceWindowSchedule by WindowId; give one');
    const all = await describeWindowSchedule(caller, { windowId: input.WindowId, maxResults: 100 });
    const { page, NextToken } = pageOf('DescribeMaintenanceWindowSchedule', all, input);
    return { ScheduledWindowExecutions: page, NextToken };
  },
});
