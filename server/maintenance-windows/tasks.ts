import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { maintenanceWindowTasks, type MaintenanceWindowRow, type MaintenanceWindowTaskRow, type TaskInvocation, type WindowTarget } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { notFound, OpsdeckError, validationError } from '@/server/errors';
import { documentResourceArn, loadDocumentVersion } from '@/server/documents/service';
import { resourceArn } from '@/server/identity/arn';
import { authorize } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { encryptWithKey, resolveKeyForEncrypt } from '@/server/keys';
import { windowArn } from './ids';
import { registerTaskInput, uuidSchema, windowIdSchema, type RegisterTaskInput } from './schemas';
import { windowTargets } from './targets';
import { findWindow } from './windows';

/** AWS's quota of tasks per window. */
const MAX_TASKS_PER_WINDOW = 20;

export interface WindowTaskView {
  WindowId: string;
  WindowTaskId: string;
  TaskArn: string;
  Type: string;
  Targets: WindowTarget[];
  TaskParameters: Record<string, never>;
  Priority: number;
  MaxConcurrency?: string;
  MaxErrors?: string;
  Name?: string;
  Description?: string;
  CutoffBehavior: string;
  /** As GetMaintenanceWindowTask returns them; a webhook's secret is never shown again. */
  TaskInvocationParameters: Record<string, unknown>;
  /** Opsdeck: the user whose permissions the task runs with. */
  RunAs: string;
}

function invocationParameters(row: Pick<MaintenanceWindowTaskRow, 'taskType' | 'invocation'>): Record<string, unknown> {
  const { parameters, documentVersion, comment, timeoutSeconds, payload } = row.invocation;
  if (row.taskType === 'RUN_COMMAND') return { RunCommand: { Parameters: parameters, DocumentVersion: documentVersion, Comment: comment, TimeoutSeconds: timeoutSeconds } };
  if (row.taskType === 'AUTOMATION') return { Automation: { Parameters: parameters, DocumentVersion: documentVersion } };
  return { Webhook: { Payload: payload, TimeoutSeconds: timeoutSeconds, HasSecret: Boolean(row.invocation.secretCiphertext) } };
}

export function toTaskView(row: MaintenanceWindowTaskRow): WindowTaskView {
  return {
    WindowId: row.windowId,
    WindowTaskId: row.id,
    TaskArn: row.taskArn,
    Type: row.taskType,
    Targets: row.targets,
    TaskParameters: {},
    Priority: row.priority,
    MaxConcurrency: row.maxConcurrency ?? undefined,
    MaxErrors: row.maxErrors ?? undefined,
    Name: row.name ?? undefined,
    Description: row.description ?? undefined,
    CutoffBehavior: row.cutoffBehavior,
    TaskInvocationParameters: invocationParameters(row),
    RunAs: row.registeredBy.username,
  };
}

type TaskInput = ReturnType<typeof registerTaskInput.parse>;

/** Window target ids must be the window's; node ids only in a window that allows unregistered targets. */
async function checkTaskTargets(window: MaintenanceWindowRow, targets: WindowTarget[]): Promise<void> {
  const registered = new Set((await windowTargets(window.id)).map((target) => target.id));
  for (const target of targets) {
    if (target.Key === 'InstanceIds' && !window.allowUnassociatedTargets) {
      throw validationError(`Maintenance window ${window.id} does not allow unregistered targets: register the nodes as a window target and use Key=WindowTargetIds, or set AllowUnassociatedTargets`);
    }
    const unknown = target.Key === 'WindowTargetIds' ? target.Values.filter((id) => !registered.has(id)) : [];
    if (unknown.length > 0) throw notFound('DoesNotExistException', `Window target ${unknown.join(', ')} does not exist in maintenance window ${window.id}`);
  }
}

/** The task's document or runbook exists, is of the right type, and the registering user may run it. */
async function checkTaskDocument(caller: Caller, input: TaskInput): Promise<void> {
  if (input.taskType === 'WEBHOOK') return;
  const wanted = input.taskType === 'RUN_COMMAND' ? 'Command' : 'Automation';
  const version = await loadDocumentVersion(input.taskArn, { documentVersion: input.documentVersion });
  if (version.documentType !== wanted) {
    throw new OpsdeckError('InvalidDocument', `${input.taskArn} is ${version.documentType === 'Automation' ? 'an' : 'a'} ${version.documentType} document; a ${input.taskType} task runs ${wanted} documents`);
  }
  const { region, accountId } = getServerContext();
  if (input.taskType === 'RUN_COMMAND') await authorize(caller, { action: 'ssm:SendCommand', resource: documentResourceArn(input.taskArn) });
  else await authorize(caller, { action: 'ssm:StartAutomationExecution', resource: resourceArn(region, accountId, 'automation-definition', input.taskArn) });
}

export const webhookSecretContext = (taskId: string) => `maintenance-window-task:${taskId}`;

async function invocationOf(caller: Caller, input: TaskInput, taskId: string): Promise<{ invocation: TaskInvocation; secret?: string }> {
  const invocation: TaskInvocation = { parameters: input.parameters ?? {}, documentVersion: input.documentVersion, comment: input.comment, timeoutSeconds: input.timeoutSeconds };
  if (input.taskType !== 'WEBHOOK') return { invocation };
  const secret = input.webhookSecret ?? randomBytes(32).toString('base64url');
  const secretCiphertext = await encryptWithKey(caller, await resolveKeyForEncrypt(undefined), secret, webhookSecretContext(taskId));
  return { invocation: { ...invocation, payload: input.payload, timeoutSeconds: input.timeoutSeconds ?? 30, secretCiphertext }, secret: input.webhookSecret ? undefined : secret };
}

/**
 * RegisterTaskWithMaintenanceWindow. The task runs with the registering user's permissions, so
 * what it would run is authorised now as well as at every run. A WEBHOOK task's generated secret
 * is returned this once (WebhookSecret), as webhook senders do.
 */
export async function registerTaskWithMaintenanceWindow(caller: Caller, rawInput: RegisterTaskInput): Promise<{ windowTaskId: string; webhookSecret?: string }> {
  const input = registerTaskInput.parse(rawInput);
  const parameters = { ...input, webhookSecret: input.webhookSecret ? '(secret)' : undefined };
  return perform(caller, { name: 'RegisterTaskWithMaintenanceWindow', iamAction: 'ssm:RegisterTaskWithMaintenanceWindow', resources: [windowArn(input.windowId)], parameters }, async () => {
    const window = await findWindow(input.windowId);
    const [{ count }] = (await getDb().select({ count: sql<number>`count(*)::int` }).from(maintenanceWindowTasks).where(eq(maintenanceWindowTasks.windowId, window.id))) as [{ count: number }];
    if (count >= MAX_TASKS_PER_WINDOW) throw new OpsdeckError('ResourceLimitExceededException', `Maintenance window ${window.id} already has ${MAX_TASKS_PER_WINDOW} tasks, the most it may have`);
    await checkTaskTargets(window, input.targets ?? []);
    await checkTaskDocument(caller, input);
    const id = randomUUID();
    const { invocation, secret } = await invocationOf(caller, input, id);
    await getDb().insert(maintenanceWindowTasks).values({
      id,
      windowId: window.id,
      taskType: input.taskType,
      taskArn: input.taskArn,
      targets: input.targets ?? [],
      priority: input.priority ?? 1,
      maxConcurrency: input.maxConcurrency ?? null,
      maxErrors: input.maxErrors ?? null,
      cutoffBehavior: input.cutoffBehavior ?? 'CONTINUE_TASK',
      invocation,
      name: input.name ?? null,
      description: input.description ?? null,
      registeredBy: { userId: caller.userId, username: caller.username },
    });
    return { windowTaskId: id, webhookSecret: secret };
  });
}

async function findTask(windowId: string, windowTaskId: string): Promise<MaintenanceWindowTaskRow> {
  const valid = uuidSchema('WindowTaskId').safeParse(windowTaskId).success;
  const [row] = valid ? await getDb().select().from(maintenanceWindowTasks).where(and(eq(maintenanceWindowTasks.windowId, windowId), eq(maintenanceWindowTasks.id, windowTaskId))) : [];
  if (!row) throw notFound('DoesNotExistException', `Task ${windowTaskId} does not exist in maintenance window ${windowId}`);
  return row;
}

export async function deregisterTaskFromMaintenanceWindow(caller: Caller, input: { windowId: string; windowTaskId: string }): Promise<{ windowId: string; windowTaskId: string }> {
  return perform(caller, { name: 'DeregisterTaskFromMaintenanceWindow', iamAction: 'ssm:DeregisterTaskFromMaintenanceWindow', resources: [windowArn(input.windowId)], parameters: input }, async () => {
    const window = await findWindow(input.windowId);
    const task = await findTask(window.id, input.windowTaskId);
    await getDb().delete(maintenanceWindowTasks).where(eq(maintenanceWindowTasks.id, task.id));
    return { windowId: window.id, windowTaskId: task.id };
  });
}

export interface TaskFilters {
  windowTaskIds?: string[];
  taskArns?: string[];
  priorities?: number[];
  taskTypes?: string[];
}

/** A window's tasks in the order they run: priority, then registration. */
export async function windowTasks(windowId: string, filters: TaskFilters = {}): Promise<MaintenanceWindowTaskRow[]> {
  const conditions: SQL[] = [eq(maintenanceWindowTasks.windowId, windowId)];
  if (filters.windowTaskIds?.length) conditions.push(inArray(maintenanceWindowTasks.id, filters.windowTaskIds.filter((id) => uuidSchema('id').safeParse(id).success)));
  if (filters.taskArns?.length) conditions.push(inArray(maintenanceWindowTasks.taskArn, filters.taskArns));
  if (filters.priorities?.length) conditions.push(inArray(maintenanceWindowTasks.priority, filters.priorities));
  if (filters.taskTypes?.length) conditions.push(inArray(maintenanceWindowTasks.taskType, filters.taskTypes as MaintenanceWindowTaskRow['taskType'][]));
  return getDb()
    .select()
    .from(maintenanceWindowTasks)
    .where(and(...conditions))
    .orderBy(asc(maintenanceWindowTasks.priority), asc(maintenanceWindowTasks.createdAt), asc(maintenanceWindowTasks.id));
}

export async function describeMaintenanceWindowTasks(caller: Caller, input: { windowId: string; filters?: TaskFilters }): Promise<WindowTaskView[]> {
  const windowId = windowIdSchema.parse(input.windowId);
  return perform(caller, { name: 'DescribeMaintenanceWindowTasks', iamAction: 'ssm:DescribeMaintenanceWindowTasks', resources: [windowArn(windowId)], parameters: input, isAudited: false }, async () => {
    await findWindow(windowId);
    return (await windowTasks(windowId, input.filters)).map(toTaskView);
  });
}

export async function getMaintenanceWindowTask(caller: Caller, input: { windowId: string; windowTaskId: string }): Promise<WindowTaskView> {
  return perform(caller, { name: 'GetMaintenanceWindowTask', iamAction: 'ssm:GetMaintenanceWindowTask', resources: [windowArn(input.windowId)], parameters: input, isAudited: false }, async () => {
    const window = await findWindow(input.windowId);
    return toTaskView(await findTask(window.id, input.windowTaskId));
  });
}
