import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { commandInvocations, commands } from '@/db/schema';
import { getDb } from '@/server/context';
import { isOpsdeckError } from '@/server/errors';
import { cancelCommand, sendCommand } from '@/server/runcommand/service';
import { API_OUTPUT_LIMIT, readOutputs, truncatedText } from '@/server/runcommand/output';
import { errorMessage, failed, type ActionHandler, type StepContext, type StepResult } from './types';

/** A fallback re-check while a command runs, in case the finish was heard by another replica only. */
const RECHECK_SECONDS = 10;

function asStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  if (value === undefined || value === null) return [];
  return [typeof value === 'string' ? value : JSON.stringify(value)];
}

/** aws:runCommand's Parameters map (values may be strings, lists or numbers) as SendCommand takes it. */
function commandParameters(value: unknown): Record<string, string[]> | string {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'Parameters must be a map of parameter name to value, like {commands: ["uptime"]}';
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, asStringList(item)]));
}

function sendInput(inputs: Record<string, unknown>) {
  const parameters = commandParameters(inputs.Parameters);
  if (typeof parameters === 'string') return parameters;
  const instanceIds = inputs.InstanceIds === undefined ? undefined : asStringList(inputs.InstanceIds);
  const targets = inputs.Targets as { Key: string; Values: string[] }[] | undefined;
  if (!instanceIds?.length && !targets?.length) return 'aws:runCommand needs InstanceIds or Targets';
  return {
    documentName: String(inputs.DocumentName),
    documentVersion: inputs.DocumentVersion === undefined ? undefined : String(inputs.DocumentVersion),
    parameters,
    instanceIds: instanceIds?.length ? instanceIds : undefined,
    targets: instanceIds?.length ? undefined : targets,
    comment: inputs.Comment === undefined ? undefined : String(inputs.Comment).slice(0, 100),
    maxConcurrency: inputs.MaxConcurrency === undefined ? undefined : String(inputs.MaxConcurrency),
    maxErrors: inputs.MaxErrors === undefined ? undefined : String(inputs.MaxErrors),
    timeoutSeconds: inputs.TimeoutSeconds === undefined ? undefined : Number(inputs.TimeoutSeconds),
  };
}

/** Every node's stdout (one node: just its text; several: a section per node), as AWS's Output. */
async function commandOutput(commandId: string): Promise<{ text: string; responseCode: number; failures: string[] }> {
  const invocations = await getDb()
    .select({ id: commandInvocations.id, nodeId: commandInvocations.nodeId, status: commandInvocations.status, statusDetails: commandInvocations.statusDetails, responseCode: commandInvocations.responseCode })
    .from(commandInvocations)
    .where(eq(commandInvocations.commandId, commandId))
    .orderBy(asc(commandInvocations.seq));
  const outputs = await readOutputs(invocations.map((invocation) => invocation.id));
  const texts = invocations.map((invocation) => {
    const plugins = [...(outputs.get(invocation.id)?.values() ?? [])];
    return { nodeId: invocation.nodeId, stdout: Buffer.concat(plugins.map((plugin) => plugin.stdout)), stderr: Buffer.concat(plugins.map((plugin) => plugin.stderr)) };
  });
  const text = texts.length === 1 ? texts[0]!.stdout.toString('utf8') : texts.map((entry) => `--- ${entry.nodeId}\n${entry.stdout.toString('utf8')}`).join('\n');
  const failures = invocations
    .filter((invocation) => invocation.status !== 'Success')
    .map((invocation) => {
      const stderr = texts.find((entry) => entry.nodeId === invocation.nodeId)?.stderr.toString('utf8').trim();
      return `${invocation.nodeId}: ${invocation.statusDetails} (exit ${invocation.responseCode})${stderr ? `: ${stderr.slice(-300)}` : ''}`;
    });
  return { text: truncatedText(Buffer.from(text), API_OUTPUT_LIMIT), responseCode: invocations[0]?.responseCode ?? -1, failures };
}

async function outcome(commandId: string, status: string): Promise<StepResult> {
  const { text, responseCode, failures } = await commandOutput(commandId);
  const outputs = { CommandId: commandId, Status: status, Output: text, ResponseCode: responseCode };
  if (status === 'Success') return { kind: 'success', outputs, response: outputs };
  const detail = failures.length ? `: ${failures.slice(0, 5).join('; ')}${failures.length > 5 ? ` (and ${failures.length - 5} more)` : ''}` : '';
  return { kind: 'failed', message: `command ${commandId} ended ${status}${detail}`, failureType: status === 'TimedOut' ? 'Timeout' : 'Action', response: outputs, outputs };
}

/**
 * aws:runCommand. The command id is chosen and stored before SendCommand, so a server that dies
 * between the two re-attaches to the same command (or sends it, if it never got stored) instead of
 * running it twice.
 */
export const runCommandAction: ActionHandler = {
  async run(context: StepContext): Promise<StepResult> {
    let commandId = context.step.state.commandId;
    if (!commandId) {
      commandId = randomUUID();
      await context.saveState({ commandId });
    }
    const [command] = await getDb().select({ status: commands.status, completedAt: commands.completedAt }).from(commands).where(eq(commands.id, commandId));
    if (!command) {
      const input = sendInput(context.inputs);
      if (typeof input === 'string') return failed(input, 'Configuration');
      try {
        await sendCommand(context.caller, input, { commandId });
      } catch (error) {
        return failed(`SendCommand refused the command: ${isOpsdeckError(error) ? `${error.code}: ` : ''}${errorMessage(error)}`, 'Configuration');
      }
      return { kind: 'waiting', status: 'InProgress', wakeAt: new Date(context.now.getTime() + RECHECK_SECONDS * 1000) };
    }
    if (command.completedAt) return outcome(commandId, command.status);
    return { kind: 'waiting', status: 'InProgress', wakeAt: new Date(context.now.getTime() + RECHECK_SECONDS * 1000) };
  },
  async abandon(context) {
    const commandId = context.step.state.commandId;
    if (!commandId) return;
    await cancelCommand(context.caller, { commandId }).catch((error: unknown) => console.error(`[automation] could not cancel command ${commandId}: ${errorMessage(error)}`));
  },
};
