import { createHmac, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { maintenanceWindowInvocations, type MaintenanceWindowInvocationRow, type MaintenanceWindowTaskExecutionRow } from '@/db/schema';
import { getDb } from '@/server/context';
import { systemCaller } from '@/server/identity/caller';
import { decryptWithKey } from '@/server/keys';
import { isTerminalStatus } from './progress';
import { errorText, failedOutcome, OUTPUT_EXCERPT, taskInvocations, updateInvocation, type TaskContext, type TaskHandler } from './task-context';
import { resolveTaskNodes, taskCaller } from './task-targets';
import { webhookSecretContext } from './tasks';

/**
 * WEBHOOK tasks, Opsdeck's stand-in for Lambda and Step Functions: one HTTP(S) POST of a JSON
 * payload, signed with the task's secret. The receiver checks
 *   X-Opsdeck-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Opsdeck-Timestamp>.<body>")>
 * and should refuse a timestamp more than a few minutes old (a replayed call).
 */

export const SIGNATURE_HEADER = 'X-Opsdeck-Signature';
export const TIMESTAMP_HEADER = 'X-Opsdeck-Timestamp';

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Time past the call's own timeout after which an unfinished call can only mean its server died. */
const ABANDONED_AFTER_MS = 15_000;

async function payloadOf(task: MaintenanceWindowTaskExecutionRow, context: TaskContext, invocationId: string): Promise<string> {
  const targets = task.targets.length ? (await resolveTaskNodes(taskCaller(task), task)).nodes : [];
  return JSON.stringify({
    windowId: task.windowId,
    windowExecutionId: task.windowExecutionId,
    taskExecutionId: task.id,
    invocationId,
    windowTaskId: task.taskId,
    taskName: task.taskName,
    scheduledTime: context.execution.scheduledAt.toISOString(),
    cutoffTime: context.execution.cutoffAt.toISOString(),
    targets: targets.map((node) => ({ resourceId: node.nodeId, windowTargetId: node.windowTargetId, ownerInformation: node.ownerInformation })),
    payload: task.invocation.payload ? (JSON.parse(task.invocation.payload) as unknown) : null,
  });
}

async function post(url: string, body: string, secret: string, invocationId: string, timeoutSeconds: number) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(url, {
    method: 'POST',
    // Not followed: a redirect could send the signed payload somewhere the task never named.
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutSeconds * 1000),
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Opsdeck-MaintenanceWindows/1',
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      'X-Opsdeck-Delivery': invocationId,
    },
    body,
  });
}

/** Makes the call and records how it went; runs outside the driver, then wakes it. */
async function deliver(task: MaintenanceWindowTaskExecutionRow, context: TaskContext, invocation: MaintenanceWindowInvocationRow): Promise<void> {
  const timeoutSeconds = task.invocation.timeoutSeconds ?? 30;
  try {
    // The server decrypts the secret for itself; the Decrypt is audited as opsdeck-system.
    const secret = await decryptWithKey(systemCaller(), task.invocation.secretCiphertext!, webhookSecretContext(task.taskId));
    const response = await post(task.taskArn, invocation.parameters, secret, invocation.id, timeoutSeconds);
    const text = (await response.text().catch(() => '')).slice(0, OUTPUT_EXCERPT);
    const isOk = response.status >= 200 && response.status < 300;
    const redirect = response.status >= 300 && response.status < 400 ? `; redirected to ${response.headers.get('location') ?? '?'}, which webhooks do not follow` : '';
    await updateInvocation(invocation.id, { status: isOk ? 'SUCCESS' : 'FAILED', statusDetails: `HTTP ${response.status} ${response.statusText}${redirect}`, responseStatus: response.status, output: text });
  } catch (error) {
    const isTimeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    await updateInvocation(invocation.id, {
      status: isTimeout ? 'TIMED_OUT' : 'FAILED',
      statusDetails: isTimeout ? `No answer within ${timeoutSeconds} seconds` : `The call failed: ${errorText(error)}${cause}`,
    });
  } finally {
    context.wake();
  }
}

export const webhookTask: TaskHandler = {
  async progress(task, context) {
    let [invocation] = await taskInvocations(task.id);
    if (!invocation) {
      const id = randomUUID();
      let parameters: string;
      try {
        parameters = await payloadOf(task, context, id);
      } catch (error) {
        return failedOutcome(`The task's targets could not be resolved: ${errorText(error)}`);
      }
      await getDb().insert(maintenanceWindowInvocations).values({ id, taskExecutionId: task.id, windowExecutionId: task.windowExecutionId, seq: 0, parameters }).onConflictDoNothing();
      [invocation] = await taskInvocations(task.id);
    }
    if (invocation!.status === 'PENDING') {
      const [claimed] = await getDb()
        .update(maintenanceWindowInvocations)
        .set({ status: 'IN_PROGRESS', startedAt: new Date() })
        .where(and(eq(maintenanceWindowInvocations.id, invocation!.id), eq(maintenanceWindowInvocations.status, 'PENDING')))
        .returning();
      if (claimed) void deliver(task, context, claimed);
      return undefined;
    }
    if (isTerminalStatus(invocation!.status)) {
      return { status: invocation!.status, details: `${task.taskArn}: ${invocation!.statusDetails}` };
    }
    const deadline = (invocation!.startedAt?.getTime() ?? 0) + (task.invocation.timeoutSeconds ?? 30) * 1000 + ABANDONED_AFTER_MS;
    if (context.now.getTime() > deadline) {
      // Not sent again: the endpoint may have acted on the first call.
      await updateInvocation(invocation!.id, { status: 'FAILED', statusDetails: 'The server stopped while the call was in flight; it is not repeated, since the endpoint may have received it' });
      return webhookTask.progress(task, context);
    }
    return undefined;
  },
  async cancel() {
    // A call in flight cannot be taken back; it ends within its timeout.
  },
};
