import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { CommandStep } from '@/agent/protocol';
import { commandInvocations, commands, managedNodes, type CommandRow, type InvocationRow } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError, validationError } from '@/server/errors';
import { checkContent, documentResourceArn, loadDocumentVersion } from '@/server/documents/service';
import { formatIssue } from '@/server/documents/content';
import { resolveParameterValues } from '@/server/documents/parameters';
import { resolveSteps } from '@/server/documents/substitute';
import { nodeArn } from '@/server/identity/arn';
import { authorizeEach, authorize } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { resolveDocumentReference, resolveReferencesInValues } from '@/server/parameters/references';
import { perform } from '@/server/identity/perform';
import { resolveTargets } from '@/server/resource-groups/service';
import { runCommandEngine } from './engine';
import { resolveRate } from './limits';
import { API_OUTPUT_LIMIT, PLUGIN_OUTPUT_LIMIT, pluginOutputText, readInvocationOutput, readOutputs, truncatedText } from './output';
export type { ListCommandsInput, ListInvocationsInput, SendCommandInput } from './schemas';
import { internalSendCommandInput, listCommandsInput, listInvocationsInput, MAX_TARGETS, sendCommandInput, type ListCommandsInput, type ListInvocationsInput, type SendCommandInput } from './schemas';

/** A step's default timeout in AWS-RunShellScript and AWS's ceiling for one invocation. */
const DEFAULT_STEP_TIMEOUT_SECONDS = 3600;
const MAX_EXECUTION_TIMEOUT_SECONDS = 172_800;

export interface CommandView {
  CommandId: string;
  DocumentName: string;
  DocumentVersion: string;
  Comment: string;
  ExpiresAfter: Date;
  Parameters: Record<string, string[]>;
  InstanceIds: string[];
  Targets: { Key: string; Values: string[] }[];
  RequestedDateTime: Date;
  Status: string;
  StatusDetails: string;
  MaxConcurrency: string;
  MaxErrors: string;
  TargetCount: number;
  CompletedCount: number;
  ErrorCount: number;
  DeliveryTimedOutCount: number;
  TimeoutSeconds: number;
  /** Opsdeck's own members (the console's): who sent it, and when it ended. */
  RequestedBy: string;
  CompletedDateTime?: Date;
}

export function toCommandView(row: CommandRow): CommandView {
  return {
    CommandId: row.id,
    DocumentName: row.documentName,
    DocumentVersion: row.documentVersion,
    Comment: row.comment,
    ExpiresAfter: row.expiresAt,
    Parameters: row.parameters,
    InstanceIds: row.instanceIds,
    Targets: row.targets,
    RequestedDateTime: row.requestedAt,
    Status: row.status,
    StatusDetails: row.statusDetails,
    MaxConcurrency: row.maxConcurrency,
    MaxErrors: row.maxErrors,
    TargetCount: row.targetCount,
    CompletedCount: row.completedCount,
    ErrorCount: row.errorCount,
    DeliveryTimedOutCount: row.deliveryTimedOutCount,
    TimeoutSeconds: row.timeoutSeconds,
    RequestedBy: row.requestedBy,
    CompletedDateTime: row.completedAt ?? undefined,
  };
}

/** Accepts a document name or its ARN, as SendCommand does. */
function documentNameOf(nameOrArn: string): string {
  const match = /^arn:[^:]+:ssm:[^:]*:[^:]*:document\/(.+)$/.exec(nameOrArn);
  return match ? match[1]! : nameOrArn;
}

/** The invocation's overall limit: the sum of its steps' own timeouts, within AWS's ceiling. */
function executionTimeoutOf(steps: CommandStep[]): number {
  const total = steps.reduce((sum, step) => {
    const own = Number(step.inputs.timeoutSeconds ?? DEFAULT_STEP_TIMEOUT_SECONDS);
    return sum + (Number.isFinite(own) && own > 0 ? own : DEFAULT_STEP_TIMEOUT_SECONDS);
  }, 0);
  return Math.min(total, MAX_EXECUTION_TIMEOUT_SECONDS);
}

async function nodesFor(caller: Caller, input: { instanceIds?: string[]; targets?: { Key: string; Values: string[] }[] }): Promise<{ id: string; name: string; tags: Record<string, string> }[]> {
  const db = getDb();
  if (input.instanceIds?.length) {
    const ids = [...new Set(input.instanceIds)];
    const rows = await db.select({ id: managedNodes.id, name: managedNodes.name, tags: managedNodes.tags, pingStatus: managedNodes.pingStatus }).from(managedNodes).where(inArray(managedNodes.id, ids));
    const unusable = ids.filter((id) => !rows.some((row) => row.id === id && row.pingStatus !== 'Inactive'));
    if (unusable.length > 0) throw new OpsdeckError('InvalidInstanceId', `${unusable.join(', ')}: not a registered managed node (unknown or deregistered)`);
    return rows.sort((a, b) => a.id.localeCompare(b.id));
  }
  const ids = await resolveTargets(caller, input.targets ?? []);
  if (ids.length > MAX_TARGETS) throw validationError(`the targets select ${ids.length} nodes; one command takes at most ${MAX_TARGETS}`);
  if (ids.length === 0) return [];
  const rows = await db.select({ id: managedNodes.id, name: managedNodes.name, tags: managedNodes.tags }).from(managedNodes).where(inArray(managedNodes.id, ids));
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

/** Turns a document's steps with the given parameters into what agents run, or says what is wrong. */
async function prepareSteps(caller: Caller, documentName: string, documentVersion: string | undefined, parameters: Record<string, string[]>, allowPolicyDocument: boolean) {
  const version = await loadDocumentVersion(documentName, { documentVersion });
  const isRunnable = version.documentType === 'Command' || (allowPolicyDocument && version.documentType === 'Policy');
  if (!isRunnable) {
    throw new OpsdeckError('InvalidDocument', `${documentName} is a${version.documentType === 'Automation' ? 'n' : ''} ${version.documentType} document; Run Command runs Command documents`);
  }
  const parsed = checkContent(version.documentType, version.documentFormat, version.content);
  const values = resolveParameterValues(parsed.parameterDefinitions, await resolveReferencesInValues(caller, parameters));
  if (!values.ok) throw new OpsdeckError('InvalidParameters', values.issues.map(formatIssue).join('; '));
  const steps = await resolveSteps(parsed.mainSteps, values.values, {
    // Parameter Store references are checked here so a bad name fails the send, not 1,000 nodes.
    resolveReference: (kind, name) => resolveDocumentReference(caller, kind, name),
    async loadDocument(name, nestedVersion) {
      // A nested document runs with the sender's rights: they must be able to read it.
      await authorize(caller, { action: 'ssm:GetDocument', resource: documentResourceArn(name) });
      const nested = await loadDocumentVersion(name, { documentVersion: nestedVersion });
      return { content: nested.content, document: checkContent(nested.documentType, nested.documentFormat, nested.content) };
    },
  }).catch((error: unknown) => {
    if (error instanceof OpsdeckError) throw error;
    throw new OpsdeckError('InvalidParameters', (error as Error).message);
  });
  return { version, steps };
}

/**
 * SendCommand: checks everything, stores the command and its invocations, and starts sending.
 * `commandId` lets a caller that must never send twice (an Automation step resuming after a crash)
 * choose the id up front and store it before sending.
 */
export interface SendCommandOptions {
  commandId?: string;
  /** State Manager applies Policy documents (AWS-GatherSoftwareInventory) as commands; SendCommand itself does not. */
  allowPolicyDocument?: boolean;
  /** Opsdeck's own features name more than SendCommand's 50 InstanceIds, as one rate-controlled command. */
  allowManyInstanceIds?: boolean;
}

export async function sendCommand(caller: Caller, rawInput: SendCommandInput, options: SendCommandOptions = {}): Promise<CommandView> {
  const input = (options.allowManyInstanceIds ? internalSendCommandInput : sendCommandInput).parse(rawInput);
  const documentName = documentNameOf(input.documentName);
  return perform(caller, { name: 'SendCommand', iamAction: 'ssm:SendCommand', resources: [documentResourceArn(documentName)], parameters: input }, async () => {
    const { version, steps } = await prepareSteps(caller, documentName, input.documentVersion, input.parameters, options.allowPolicyDocument ?? false);
    const nodes = await nodesFor(caller, input);
    const { region, accountId } = getServerContext();
    await authorizeEach(
      caller,
      nodes.map((node) => ({ action: 'ssm:SendCommand', resource: nodeArn(region, accountId, node.id), resourceTags: node.tags })),
    );
    const executionTimeoutSeconds = executionTimeoutOf(steps);
    const id = options.commandId ?? randomUUID();
    const requestedAt = new Date();
    const row = {
      id,
      documentName: version.name,
      documentVersion: String(version.version),
      documentHash: version.hash,
      comment: input.comment,
      parameters: input.parameters,
      steps,
      targets: input.targets ?? [],
      instanceIds: input.instanceIds ?? [],
      maxConcurrency: input.maxConcurrency,
      maxErrors: input.maxErrors,
      concurrencyLimit: resolveRate('MaxConcurrency', input.maxConcurrency, nodes.length),
      errorLimit: resolveRate('MaxErrors', input.maxErrors, nodes.length),
      timeoutSeconds: input.timeoutSeconds,
      executionTimeoutSeconds,
      runAs: input.runAs ?? null,
      // With no targets there is nothing to wait for: AWS reports such a command as a success.
      status: nodes.length === 0 ? ('Success' as const) : ('Pending' as const),
      statusDetails: nodes.length === 0 ? 'Success' : 'Pending',
      targetCount: nodes.length,
      requestedBy: caller.username,
      requestedAt,
      expiresAt: new Date(requestedAt.getTime() + (input.timeoutSeconds + executionTimeoutSeconds) * 1000),
      completedAt: nodes.length === 0 ? requestedAt : null,
    };
    const stored = await getDb().transaction(async (tx) => {
      const [command] = await tx.insert(commands).values(row).returning();
      for (let start = 0; start < nodes.length; start += 5000) {
        await tx.insert(commandInvocations).values(
          nodes.slice(start, start + 5000).map((node, index) => ({ id: randomUUID(), commandId: id, nodeId: node.id, nodeName: node.name, seq: start + index })),
        );
      }
      return command!;
    });
    void runCommandEngine()?.kick(id);
    return toCommandView(stored);
  });
}

function commandFilters(filters: { key: string; value: string }[]): SQL[] {
  return filters.map(({ key, value }) => {
    switch (key) {
      case 'InvokedAfter':
      case 'InvokedBefore': {
        const at = new Date(value);
        if (Number.isNaN(at.getTime())) throw validationError(`${key}: '${value}' is not a date (use ISO 8601, like 2026-11-23T00:00:00Z)`);
        return key === 'InvokedAfter' ? gte(commands.requestedAt, at) : lte(commands.requestedAt, at);
      }
      case 'Status':
        return eq(commands.status, value as CommandRow['status']);
      case 'ExecutionStage':
        if (value !== 'Executing' && value !== 'Complete') throw validationError(`ExecutionStage is Executing or Complete, not '${value}'`);
        return value === 'Executing' ? sql`${commands.completedAt} is null` : sql`${commands.completedAt} is not null`;
      default:
        return eq(commands.documentName, value);
    }
  });
}

/** ListCommands: newest first; by command, by node, and AWS's filters. */
export async function listCommands(caller: Caller, rawInput: ListCommandsInput = {}): Promise<{ commands: CommandView[]; hasMore: boolean }> {
  const input = listCommandsInput.parse(rawInput);
  return perform(caller, { name: 'ListCommands', iamAction: 'ssm:ListCommands', parameters: input, isAudited: false }, async () => {
    const conditions = commandFilters(input.filters);
    if (input.commandId) conditions.push(eq(commands.id, input.commandId));
    if (input.instanceId) {
      conditions.push(sql`exists (select 1 from ${commandInvocations} i where i.command_id = ${commands.id} and i.node_id = ${input.instanceId})`);
    }
    const rows = await getDb()
      .select()
      .from(commands)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(commands.requestedAt), desc(commands.id))
      .limit(input.maxResults + 1)
      .offset(input.offset);
    if (input.commandId && rows.length === 0) throw new OpsdeckError('InvalidCommandId', `The command ${input.commandId} does not exist.`);
    return { commands: rows.slice(0, input.maxResults).map(toCommandView), hasMore: rows.length > input.maxResults };
  });
}

async function findCommand(commandId: string): Promise<CommandRow> {
  const [row] = /^[0-9a-f-]{36}$/i.test(commandId) ? await getDb().select().from(commands).where(eq(commands.id, commandId)) : [];
  if (!row) throw new OpsdeckError('InvalidCommandId', `The command ${commandId} does not exist.`);
  return row;
}

export interface PluginView {
  Name: string;
  Status: string;
  StatusDetails: string;
  ResponseCode: number;
  ResponseStartDateTime?: Date;
  ResponseFinishDateTime?: Date;
  Output: string;
  StandardOutputUrl: string;
  StandardErrorUrl: string;
  /** Opsdeck: the plugin (action) name and why the agent failed or skipped the step. */
  Action: string;
  Message?: string;
}

const PLUGIN_STATUS_DETAILS: Record<string, string> = { TimedOut: 'ExecutionTimedOut', Skipped: 'Success' };

/** The steps of an invocation as AWS lists them: results once in, else the invocation's status. */
function pluginViews(command: CommandRow, invocation: InvocationRow, output: Map<number, { stdout: Buffer; stderr: Buffer }> | undefined, limit: number): PluginView[] {
  return command.steps.map((step, index) => {
    const result = invocation.plugins[index];
    const status = result ? (result.status === 'Skipped' ? 'Success' : result.status) : invocation.status;
    return {
      Name: step.name,
      Action: step.action,
      Status: status,
      StatusDetails: result ? (PLUGIN_STATUS_DETAILS[result.status] ?? result.status) : invocation.statusDetails,
      ResponseCode: result?.exitCode ?? -1,
      ResponseStartDateTime: result?.startedAt ? new Date(result.startedAt) : undefined,
      ResponseFinishDateTime: result?.endedAt ? new Date(result.endedAt) : undefined,
      Output: pluginOutputText(output?.get(index), limit) || (result?.message ?? ''),
      StandardOutputUrl: '',
      StandardErrorUrl: '',
      Message: result?.message,
    };
  });
}

export interface InvocationView {
  CommandId: string;
  InstanceId: string;
  InstanceName: string;
  Comment: string;
  DocumentName: string;
  DocumentVersion: string;
  RequestedDateTime: Date;
  Status: string;
  StatusDetails: string;
  StandardOutputUrl: string;
  StandardErrorUrl: string;
  CommandPlugins: PluginView[];
  /** Opsdeck: for the results table. */
  InvocationId: string;
  ResponseCode: number;
  ExecutionStartDateTime?: Date;
  ExecutionEndDateTime?: Date;
}

function toInvocationView(command: CommandRow, row: InvocationRow, plugins: PluginView[]): InvocationView {
  return {
    CommandId: command.id,
    InstanceId: row.nodeId,
    InstanceName: row.nodeName,
    Comment: command.comment,
    DocumentName: command.documentName,
    DocumentVersion: command.documentVersion,
    RequestedDateTime: command.requestedAt,
    Status: row.status,
    StatusDetails: row.statusDetails,
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    CommandPlugins: plugins,
    InvocationId: row.id,
    ResponseCode: row.responseCode,
    ExecutionStartDateTime: row.startedAt ?? undefined,
    ExecutionEndDateTime: row.endedAt ?? undefined,
  };
}

/** ListCommandInvocations: per node, with each plugin's output (2,500 characters, as AWS) when Details is set. */
export async function listCommandInvocations(caller: Caller, rawInput: ListInvocationsInput = {}): Promise<{ invocations: InvocationView[]; hasMore: boolean }> {
  const input = listInvocationsInput.parse(rawInput);
  return perform(caller, { name: 'ListCommandInvocations', iamAction: 'ssm:ListCommandInvocations', parameters: input, isAudited: false }, async () => {
    if (input.commandId) await findCommand(input.commandId);
    const conditions: SQL[] = [];
    if (input.commandId) conditions.push(eq(commandInvocations.commandId, input.commandId));
    if (input.instanceId) conditions.push(eq(commandInvocations.nodeId, input.instanceId));
    if (input.status) conditions.push(eq(commandInvocations.status, input.status as InvocationRow['status']));
    const rows = await getDb()
      .select({ invocation: commandInvocations, command: commands })
      .from(commandInvocations)
      .innerJoin(commands, eq(commands.id, commandInvocations.commandId))
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(commands.requestedAt), asc(commandInvocations.seq))
      .limit(input.maxResults + 1)
      .offset(input.offset);
    const page = rows.slice(0, input.maxResults);
    const outputs = input.details ? await readOutputs(page.map((row) => row.invocation.id)) : new Map();
    return {
      invocations: page.map(({ command, invocation }) =>
        toInvocationView(command, invocation, input.details ? pluginViews(command, invocation, outputs.get(invocation.id), PLUGIN_OUTPUT_LIMIT) : []),
      ),
      hasMore: rows.length > input.maxResults,
    };
  });
}

async function findInvocation(commandId: string, instanceId: string): Promise<{ command: CommandRow; invocation: InvocationRow }> {
  const command = await findCommand(commandId);
  const [invocation] = await getDb()
    .select()
    .from(commandInvocations)
    .where(and(eq(commandInvocations.commandId, command.id), eq(commandInvocations.nodeId, instanceId)));
  if (!invocation) throw new OpsdeckError('InvocationDoesNotExist', `The command ${commandId} was not sent to ${instanceId}.`);
  return { command, invocation };
}

function pluginIndex(command: CommandRow, pluginName: string | undefined): number {
  if (pluginName === undefined) {
    if (command.steps.length === 1) return 0;
    throw new OpsdeckError('InvalidPluginName', `The document ${command.documentName} has ${command.steps.length} steps (${command.steps.map((step) => step.name).join(', ')}); name one with PluginName.`);
  }
  const index = command.steps.findIndex((step) => step.name === pluginName);
  if (index < 0) throw new OpsdeckError('InvalidPluginName', `The document ${command.documentName} has no step named ${pluginName}.`);
  return index;
}

/** "PT1.234S": how AWS writes ExecutionElapsedTime. */
function elapsed(start: Date | undefined, end: Date | undefined): string {
  if (!start || !end) return '';
  return `PT${((end.getTime() - start.getTime()) / 1000).toFixed(3)}S`;
}

/** GetCommandInvocation: one node, one step, with up to 24,000 characters of each stream. */
export async function getCommandInvocation(caller: Caller, input: { commandId: string; instanceId: string; pluginName?: string }) {
  return perform(caller, { name: 'GetCommandInvocation', iamAction: 'ssm:GetCommandInvocation', parameters: input, isAudited: false }, async () => {
    const { command, invocation } = await findInvocation(input.commandId, input.instanceId);
    const index = pluginIndex(command, input.pluginName);
    const output = (await readInvocationOutput(invocation.id, index)).get(index);
    const plugin = pluginViews(command, invocation, undefined, 0)[index]!;
    return {
      CommandId: command.id,
      InstanceId: invocation.nodeId,
      Comment: command.comment,
      DocumentName: command.documentName,
      DocumentVersion: command.documentVersion,
      PluginName: plugin.Name,
      ResponseCode: plugin.ResponseCode,
      ExecutionStartDateTime: plugin.ResponseStartDateTime?.toISOString() ?? '',
      ExecutionElapsedTime: elapsed(plugin.ResponseStartDateTime, plugin.ResponseFinishDateTime),
      ExecutionEndDateTime: plugin.ResponseFinishDateTime?.toISOString() ?? '',
      Status: plugin.Status,
      StatusDetails: plugin.StatusDetails,
      StandardOutputContent: output ? truncatedText(output.stdout, API_OUTPUT_LIMIT) : '',
      StandardOutputUrl: '',
      StandardErrorContent: output ? truncatedText(output.stderr, API_OUTPUT_LIMIT) || (plugin.Message ?? '') : (plugin.Message ?? ''),
      StandardErrorUrl: '',
    };
  });
}

/**
 * CancelCommand: invocations not yet sent end Cancelled at once; running ones become Cancelling
 * and the agent kills their processes, then reports Cancelled.
 */
export async function cancelCommand(caller: Caller, input: { commandId: string; instanceIds?: string[] }): Promise<void> {
  await perform(caller, { name: 'CancelCommand', iamAction: 'ssm:CancelCommand', parameters: input }, async () => {
    const command = await findCommand(input.commandId);
    if (command.completedAt) return;
    const nodes = input.instanceIds?.length ? inArray(commandInvocations.nodeId, input.instanceIds) : undefined;
    const db = getDb();
    const running = await db.transaction(async (tx) => {
      if (!nodes) await tx.update(commands).set({ isCancelRequested: true }).where(eq(commands.id, command.id));
      await tx
        .update(commandInvocations)
        .set({ status: 'Cancelled', statusDetails: 'Cancelled', updatedAt: sql`now()` })
        .where(and(eq(commandInvocations.commandId, command.id), inArray(commandInvocations.status, ['Pending', 'Delayed']), nodes));
      return tx
        .update(commandInvocations)
        .set({ status: 'Cancelling', statusDetails: 'Cancelling', updatedAt: sql`now()` })
        .where(and(eq(commandInvocations.commandId, command.id), eq(commandInvocations.status, 'InProgress'), nodes))
        .returning({ id: commandInvocations.id, nodeId: commandInvocations.nodeId });
    });
    const engine = runCommandEngine();
    await engine?.refresh([command.id]);
    for (const invocation of running) void engine?.cancelOnNode(invocation.nodeId, invocation.id);
  });
}

/**
 * "Rerun on failed targets": the command's document version, parameters and limits again, as one
 * command to every node where it did not succeed (failed, timed out, cancelled or undeliverable),
 * however many. Sent as the caller's SendCommand; nodes deregistered since are left out.
 */
export async function rerunOnUnsuccessful(caller: Caller, commandId: string): Promise<CommandView> {
  const command = await perform(caller, { name: 'ListCommandInvocations', iamAction: 'ssm:ListCommandInvocations', parameters: { commandId }, isAudited: false }, () => findCommand(commandId));
  if (!command.completedAt) throw validationError('the command is still running; rerun it on the nodes where it failed once it has ended');
  const unsuccessful = await getDb()
    .select({ nodeId: commandInvocations.nodeId })
    .from(commandInvocations)
    .innerJoin(managedNodes, eq(managedNodes.id, commandInvocations.nodeId))
    .where(and(eq(commandInvocations.commandId, command.id), ne(commandInvocations.status, 'Success'), ne(managedNodes.pingStatus, 'Inactive')))
    .orderBy(asc(commandInvocations.seq));
  if (unsuccessful.length === 0) throw validationError('the command succeeded on every node that is still registered; there is nothing to rerun');
  return sendCommand(
    caller,
    {
      documentName: command.documentName,
      documentVersion: command.documentVersion,
      parameters: command.parameters,
      instanceIds: unsuccessful.map((row) => row.nodeId),
      comment: `Rerun of ${command.id.slice(0, 8)} on failed targets`,
      timeoutSeconds: command.timeoutSeconds,
      maxConcurrency: command.maxConcurrency,
      maxErrors: command.maxErrors,
      runAs: command.runAs ?? undefined,
    },
    { allowManyInstanceIds: true },
  );
}

export interface CommandDetail {
  command: CommandView;
  steps: { name: string; action: string }[];
  counts: Record<string, number>;
  canCancel: boolean;
  canSend: boolean;
}

/** The console's command page header: the command, its steps and invocation counts by status. */
export async function getCommandDetail(caller: Caller, commandId: string): Promise<CommandDetail> {
  return perform(caller, { name: 'GetCommand', iamAction: 'ssm:ListCommands', parameters: { commandId }, isAudited: false }, async () => {
    const command = await findCommand(commandId);
    const rows = await getDb()
      .select({ details: commandInvocations.statusDetails, count: sql<number>`count(*)::int` })
      .from(commandInvocations)
      .where(eq(commandInvocations.commandId, command.id))
      .groupBy(commandInvocations.statusDetails);
    const [canCancel, canSend] = await Promise.all([
      authorize(caller, { action: 'ssm:CancelCommand', resource: '*' }).then(() => true, () => false),
      authorize(caller, { action: 'ssm:SendCommand', resource: documentResourceArn(command.documentName) }).then(() => true, () => false),
    ]);
    return {
      command: toCommandView(command),
      steps: command.steps.map((step) => ({ name: step.name, action: step.action })),
      counts: Object.fromEntries(rows.map((row) => [row.details, row.count])),
      canCancel,
      canSend,
    };
  });
}

/** Every byte of one step's stream, for the console's full view and download. */
export async function readFullOutput(caller: Caller, input: { commandId: string; instanceId: string; plugin: number }) {
  return perform(caller, { name: 'GetCommandOutput', iamAction: 'ssm:GetCommandInvocation', parameters: input, isAudited: false }, async () => {
    const { command, invocation } = await findInvocation(input.commandId, input.instanceId);
    if (!command.steps[input.plugin]) throw new OpsdeckError('InvalidPluginName', `The command has no step number ${input.plugin}.`);
    const output = (await readInvocationOutput(invocation.id, input.plugin)).get(input.plugin);
    return { stepName: command.steps[input.plugin]!.name, stdout: output?.stdout ?? Buffer.alloc(0), stderr: output?.stderr ?? Buffer.alloc(0) };
  });
}
