import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { automationExecutions, TERMINAL_AUTOMATION_STATUSES } from '@/db/schema';
import { getDb } from '@/server/context';
import { isOpsdeckError } from '@/server/errors';
import { createExecution } from '../start';
import { requestWake } from '../wake';
import { errorMessage, failed, type ActionHandler } from './types';

function runtimeParameters(value: unknown): Record<string, string[]> | string {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'RuntimeParameters must be a map of parameter name to value';
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [name, (Array.isArray(item) ? item : [item]).map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry)))]),
  );
}

/**
 * aws:executeAutomation: a child execution. Its id is stored on the step before the child row is
 * written, and the row is looked for before starting one, so a restart never starts two children.
 */
export const executeAutomationAction: ActionHandler = {
  defaultTimeoutSeconds: 48 * 3600,
  async run(context) {
    let childId = context.step.state.childExecutionId;
    if (!childId) {
      childId = randomUUID();
      await context.saveState({ childExecutionId: childId });
    }
    const [child] = await getDb().select().from(automationExecutions).where(eq(automationExecutions.id, childId));
    if (!child) {
      const parameters = runtimeParameters(context.inputs.RuntimeParameters);
      if (typeof parameters === 'string') return failed(parameters, 'Configuration');
      try {
        await createExecution(
          context.caller,
          {
            documentName: String(context.inputs.DocumentName),
            documentVersion: context.inputs.DocumentVersion === undefined ? undefined : String(context.inputs.DocumentVersion),
            parameters,
            targetParameterName: context.inputs.TargetParameterName === undefined ? undefined : String(context.inputs.TargetParameterName),
            targets: context.inputs.Targets as { Key: string; Values: string[] }[] | undefined,
            maxConcurrency: context.inputs.MaxConcurrency === undefined ? undefined : String(context.inputs.MaxConcurrency),
            maxErrors: context.inputs.MaxErrors === undefined ? undefined : String(context.inputs.MaxErrors),
          },
          { id: childId, parentId: context.execution.id, parentStepId: context.step.id },
        );
      } catch (error) {
        return failed(`could not start ${String(context.inputs.DocumentName)}: ${isOpsdeckError(error) ? `${error.code}: ` : ''}${errorMessage(error)}`, 'Configuration');
      }
      await requestWake(childId);
      return { kind: 'waiting', status: 'InProgress' };
    }
    if (!TERMINAL_AUTOMATION_STATUSES.includes(child.status)) return { kind: 'waiting', status: 'InProgress' };
    const outputs = { ExecutionId: child.id, Status: child.status, Output: JSON.stringify(child.outputs) };
    if (child.status === 'Success') return { kind: 'success', outputs, response: outputs };
    return { kind: 'failed', message: `child execution ${child.id} (${child.documentName}) ended ${child.status}${child.failureMessage ? `: ${child.failureMessage}` : ''}`, response: outputs };
  },
  async abandon(context) {
    const childId = context.step.state.childExecutionId;
    if (!childId) return;
    await getDb().update(automationExecutions).set({ stopRequest: 'Cancel' }).where(eq(automationExecutions.id, childId));
    await requestWake(childId);
  },
};
