import { randomUUID } from 'node:crypto';
import type { AutomationExecutionRow, FrozenRunbook } from '@/db/schema';
import { automationExecutions } from '@/db/schema';
import { getDb } from '@/server/context';
import { OpsdeckError } from '@/server/errors';
import { formatIssue, parseDocumentContent, type DocumentFormat } from '@/server/documents/content';
import { resolveParameterValues } from '@/server/documents/parameters';
import { checkContent, loadDocumentVersion } from '@/server/documents/service';
import type { Caller } from '@/server/identity/caller';
import { resolveReferencesInValues } from '@/server/parameters/references';
import { resolveTargets } from '@/server/resource-groups/service';
import { resolveRate } from '@/server/runcommand/limits';
import { MAX_AUTOMATION_TARGETS } from './schemas';

export interface NewExecution {
  documentName: string;
  documentVersion?: string;
  parameters?: Record<string, string[]>;
  mode?: 'Auto' | 'Interactive';
  targetParameterName?: string;
  targets?: { Key: string; Values: string[] }[];
  maxConcurrency?: string;
  maxErrors?: string;
}

export interface ExecutionLinks {
  id?: string;
  parentId?: string;
  parentStepId?: string;
  target?: string;
  startStepName?: string;
  stepOutputs?: Record<string, unknown>;
}

async function loadRunbook(documentName: string, documentVersion: string | undefined) {
  const version = await loadDocumentVersion(documentName, { documentVersion }).catch((error: unknown) => {
    if (error instanceof OpsdeckError && /Version/.test(error.code)) throw new OpsdeckError('AutomationDefinitionVersionNotFoundException', error.message);
    if (error instanceof OpsdeckError) throw new OpsdeckError('AutomationDefinitionNotFoundException', `runbook ${documentName} does not exist: ${error.message}`);
    throw error;
  });
  if (version.documentType !== 'Automation') {
    throw new OpsdeckError('InvalidAutomationExecutionParametersException', `${documentName} is a ${version.documentType} document; Automation runs Automation runbooks`);
  }
  const parsed = checkContent('Automation', version.documentFormat, version.content);
  const content = parseDocumentContent(version.content, version.documentFormat as DocumentFormat);
  const raw = (content.ok ? content.value : {}) as Record<string, unknown>;
  const runbook: FrozenRunbook = {
    description: parsed.description,
    parameters: raw.parameters as Record<string, unknown> | undefined,
    mainSteps: parsed.mainSteps,
    outputs: Array.isArray(raw.outputs) ? (raw.outputs as string[]) : undefined,
  };
  return { version, parsed, runbook };
}

/** Target values for a rate-controlled run: node ids from tags/groups, or ParameterValues as given. */
async function targetValues(caller: Caller, targets: { Key: string; Values: string[] }[]): Promise<string[]> {
  const literal = targets.filter((target) => target.Key === 'ParameterValues');
  const nodes = targets.filter((target) => target.Key !== 'ParameterValues');
  const values = literal.flatMap((target) => target.Values);
  if (nodes.length > 0) values.push(...(await resolveTargets(caller, nodes)));
  const unique = [...new Set(values)];
  if (unique.length > MAX_AUTOMATION_TARGETS) throw new OpsdeckError('InvalidTarget', `the targets select ${unique.length} values; one execution takes at most ${MAX_AUTOMATION_TARGETS}`);
  return unique;
}

/**
 * Checks a start and stores the execution as Pending (in `tx` when given, so a parent step and its
 * child are written together). The engine takes it from there.
 */
export async function createExecution(caller: Caller, input: NewExecution, links: ExecutionLinks = {}): Promise<AutomationExecutionRow> {
  const { version, parsed, runbook } = await loadRunbook(input.documentName, input.documentVersion);
  const given = input.parameters ?? {};
  const isRateControlled = input.targetParameterName !== undefined;
  if (isRateControlled && !parsed.parameterDefinitions.some((definition) => definition.name === input.targetParameterName)) {
    throw new OpsdeckError('InvalidAutomationExecutionParametersException', `TargetParameterName '${input.targetParameterName}' is not a parameter of ${version.name}`);
  }
  const resolvedTargets = isRateControlled ? await targetValues(caller, input.targets ?? []) : undefined;
  // A parent's values are checked with its first target, so missing or mistyped parameters fail the
  // start rather than every child; with no targets at all the target parameter is left out.
  const definitions = resolvedTargets?.length === 0 ? parsed.parameterDefinitions.filter((definition) => definition.name !== input.targetParameterName) : parsed.parameterDefinitions;
  const checked = resolvedTargets?.length ? { ...given, [input.targetParameterName!]: [resolvedTargets[0]!] } : given;
  const resolved = resolveParameterValues(definitions, await resolveReferencesInValues(caller, checked));
  if (!resolved.ok) throw new OpsdeckError('InvalidAutomationExecutionParametersException', resolved.issues.map(formatIssue).join('; '));
  const row = {
    id: links.id ?? randomUUID(),
    documentName: version.name,
    documentVersion: String(version.version),
    runbook,
    parameters: given,
    values: resolved.values,
    stepOutputs: links.stepOutputs ?? {},
    mode: input.mode ?? 'Auto',
    executedBy: { userId: caller.userId, username: caller.username },
    parentId: links.parentId ?? null,
    parentStepId: links.parentStepId ?? null,
    target: links.target ?? null,
    startStepName: links.startStepName ?? null,
    targetParameterName: input.targetParameterName ?? null,
    targets: input.targets ?? null,
    resolvedTargets: resolvedTargets ?? null,
    maxConcurrency: isRateControlled ? (input.maxConcurrency ?? '1') : null,
    maxErrors: isRateControlled ? (input.maxErrors ?? '0') : null,
    concurrencyLimit: resolvedTargets ? resolveRate('MaxConcurrency', input.maxConcurrency ?? '1', resolvedTargets.length) : null,
    errorLimit: resolvedTargets ? resolveRate('MaxErrors', input.maxErrors ?? '0', resolvedTargets.length) : null,
  };
  const [stored] = await getDb().insert(automationExecutions).values(row).returning();
  return stored!;
}
