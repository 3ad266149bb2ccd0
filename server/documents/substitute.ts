import { z } from 'zod';
import { COMMAND_PLUGINS, commandStepSchema, type CommandPluginName, type CommandStep } from '@/agent/protocol';
import { OpsdeckError } from '@/server/errors';
import { formatIssue, formatPath, type ValuePath } from './content';
import { findReferences, resolveParameterValues, wholeReference, type DocumentReference, type ParameterDefinition, type ParameterValues } from './parameters';
import type { ParsedDocument } from './validate';

/** How deep aws:runDocument may nest documents (the top document's steps are level 0). */
export const MAX_NESTING_DEPTH = 3;
const MAX_TIMEOUT_SECONDS = 172_800;

export interface StepResolver {
  /** A Parameter Store value for `{{ssm:name}}` / `{{ssm-secure:name}}`; its errors propagate. */
  resolveReference(kind: 'ssm' | 'ssm-secure', name: string): Promise<string>;
  /** A stored document (its default version unless `version` is given), raw and validated. */
  loadDocument(name: string, version?: string): Promise<{ content: string; document: ParsedDocument }>;
}

interface Scope {
  values: ParameterValues;
  resolver: StepResolver;
  /** Where these steps sit: `['mainSteps']`, or `['mainSteps', 1, 'steps']` inside a runDocument step. */
  path: ValuePath;
  /** Names of the documents being nested, outermost first. */
  chain: string[];
  /** Parameter Store lookups of this resolution, so a name used twice is read once. */
  storeCache: Map<string, Promise<string>>;
}

/** A problem with the values sent (after substitution), reported with the document path it arose at. */
function invalidValue(path: ValuePath, message: string): OpsdeckError {
  return new OpsdeckError('InvalidParameters', `${formatPath(path)}: ${message}`);
}

function invalidDocument(path: ValuePath, message: string): OpsdeckError {
  return new OpsdeckError('InvalidDocument', `${formatPath(path)}: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value reads inside a longer string: text as is, numbers and booleans plainly, the rest as JSON. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

async function referenceValue(reference: DocumentReference, path: ValuePath, scope: Scope): Promise<unknown> {
  if (reference.kind === 'parameter') {
    if (!Object.hasOwn(scope.values, reference.name)) throw invalidDocument(path, `{{ ${reference.name} }} refers to no parameter`);
    // A copy: steps are edited in place after substitution, the values are shared between steps.
    return structuredClone(scope.values[reference.name]);
  }
  const key = `${reference.kind}:${reference.name}`;
  let lookup = scope.storeCache.get(key);
  if (!lookup) {
    lookup = scope.resolver.resolveReference(reference.kind, reference.name);
    scope.storeCache.set(key, lookup);
  }
  return lookup;
}

/**
 * Substitutes one string. A string that is exactly one reference becomes the value itself, typed
 * (so `runCommand: "{{ commands }}"` becomes the list). Substituted text is never scanned again:
 * a parameter value holding `{{ssm-secure:...}}` must not make the server read that secret.
 */
async function substituteText(text: string, path: ValuePath, scope: Scope): Promise<unknown> {
  const whole = wholeReference(text);
  if (whole) return referenceValue(whole, path, scope);
  let result = '';
  let last = 0;
  for (const reference of findReferences(text)) {
    result += text.slice(last, reference.start) + asText(await referenceValue(reference, path, scope));
    last = reference.end;
  }
  return result + text.slice(last);
}

async function substitute(value: unknown, path: ValuePath, scope: Scope): Promise<unknown> {
  if (typeof value === 'string') return substituteText(value, path, scope);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) items.push(await substitute(item, [...path, index], scope));
    return items;
  }
  if (isRecord(value)) {
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value)) entries.push([key, await substitute(item, [...path, key], scope)]);
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * runCommand once substituted: lines, with list values spliced in (so `["set -e", "{{ commands }}"]`
 * works), or one string split into lines.
 */
function commandLines(value: unknown, path: ValuePath): string[] {
  if (typeof value === 'string') return value.split(/\r?\n/);
  if (!Array.isArray(value)) throw invalidValue(path, 'expected a list of strings');
  const lines = value.flatMap((item: unknown) => (Array.isArray(item) ? item : [item]));
  if (!lines.every((line) => typeof line === 'string')) throw invalidValue(path, 'expected a list of strings');
  return lines;
}

/** timeoutSeconds once substituted: a number, or digits (a String parameter), within AWS's range. */
function timeoutSeconds(value: unknown, path: ValuePath): number {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (!Number.isInteger(number) || (number as number) < 1 || (number as number) > MAX_TIMEOUT_SECONDS) {
    throw invalidValue(path, `expected a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}, not ${JSON.stringify(value)}`);
  }
  return number as number;
}

function finishShellInputs(inputs: Record<string, unknown>, path: ValuePath): void {
  inputs.runCommand = commandLines(inputs.runCommand, [...path, 'runCommand']);
  if (inputs.timeoutSeconds !== undefined) inputs.timeoutSeconds = timeoutSeconds(inputs.timeoutSeconds, [...path, 'timeoutSeconds']);
  if (inputs.workingDirectory !== undefined && typeof inputs.workingDirectory !== 'string') throw invalidValue([...path, 'workingDirectory'], 'expected a string');
}

/** An object input given as an object or as its JSON text. */
function objectInput(value: unknown, path: ValuePath): Record<string, unknown> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalidValue(path, 'expected an object, or a JSON object as a string');
    }
  }
  if (!isRecord(parsed)) throw invalidValue(path, 'expected an object, or a JSON object as a string');
  return parsed;
}

/** A document name from a name or a document ARN, as SendCommand accepts both. */
function documentName(value: unknown, path: ValuePath): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const name = /^arn:[^:]+:ssm:[^:]*:[^:]*:document\/(.+)$/.exec(text)?.[1] ?? text;
  if (!/^[a-zA-Z0-9_.-]{3,128}$/.test(name)) throw invalidValue(path, `expected the name of a document, not ${JSON.stringify(value)}`);
  return name;
}

async function finishDownloadInputs(inputs: Record<string, unknown>, path: ValuePath, scope: Scope): Promise<void> {
  const { sourceType } = inputs;
  if (sourceType !== 'HTTP' && sourceType !== 'SSMDocument') throw invalidValue([...path, 'sourceType'], `expected HTTP or SSMDocument, not ${JSON.stringify(sourceType)}`);
  const sourceInfo = objectInput(inputs.sourceInfo, [...path, 'sourceInfo']);
  inputs.sourceInfo = sourceInfo;
  if (inputs.timeoutSeconds !== undefined) inputs.timeoutSeconds = timeoutSeconds(inputs.timeoutSeconds, [...path, 'timeoutSeconds']);
  if (sourceType === 'HTTP') {
    if (typeof sourceInfo.url !== 'string' || sourceInfo.url === '') throw invalidValue([...path, 'sourceInfo', 'url'], 'required for sourceType HTTP');
    return;
  }
  // The agent cannot read documents: the server sends the content for it to write.
  const name = documentName(sourceInfo.name, [...path, 'sourceInfo', 'name']);
  const version = typeof sourceInfo.version === 'string' && sourceInfo.version !== '' ? sourceInfo.version : undefined;
  const loaded = await scope.resolver.loadDocument(name, version);
  inputs.content = loaded.content;
  inputs.documentName = name;
}

/**
 * documentParameters are written as a document writes values (a string, a list, an object for a
 * map); SendCommand's shape (every value a list of strings) lets one function check them all.
 */
function givenParameters(value: Record<string, unknown>, definitions: ParameterDefinition[]): Record<string, string[]> {
  const types = new Map(definitions.map((definition) => [definition.name, definition.type]));
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => {
      const type = types.get(name);
      if ((type === 'StringMap' || type === 'MapList') && typeof item !== 'string') return [name, [JSON.stringify(item)]];
      if (Array.isArray(item)) return [name, item.map(asText)];
      return [name, [asText(item)]];
    }),
  );
}

async function nestedSteps(inputs: Record<string, unknown>, path: ValuePath, scope: Scope): Promise<CommandStep[]> {
  if (inputs.documentType !== 'SSMDocument') throw invalidValue([...path, 'documentType'], `expected SSMDocument, not ${JSON.stringify(inputs.documentType)}`);
  // AWS-RunDocument passes its whole sourceInfo map ({"name": ...}) as the document to run.
  const documentPath = isRecord(inputs.documentPath) ? inputs.documentPath.name : inputs.documentPath;
  const name = documentName(documentPath, [...path, 'documentPath']);
  inputs.documentPath = name;
  const chain = [...scope.chain, name];
  if (scope.chain.includes(name)) throw invalidDocument([...path, 'documentPath'], `${name} runs itself (${chain.join(' → ')})`);
  if (chain.length > MAX_NESTING_DEPTH) {
    throw invalidDocument([...path, 'documentPath'], `documents nest at most ${MAX_NESTING_DEPTH} levels deep (${chain.join(' → ')})`);
  }
  const { document } = await scope.resolver.loadDocument(name);
  if (document.documentType !== 'Command') {
    throw invalidDocument([...path, 'documentPath'], `${name} is a ${document.documentType} document; aws:runDocument runs Command documents`);
  }
  const parametersAt = [...path, 'documentParameters'];
  const given = inputs.documentParameters === undefined ? {} : objectInput(inputs.documentParameters, parametersAt);
  const values = resolveParameterValues(document.parameterDefinitions, givenParameters(given, document.parameterDefinitions), { path: formatPath(parametersAt) });
  if (!values.ok) throw new OpsdeckError('InvalidParameters', values.issues.map(formatIssue).join('; '));
  const stepsPath = [...path.slice(0, -1), 'steps'];
  return resolveStepList(document.mainSteps, { ...scope, values: values.values, path: stepsPath, chain });
}

function isCommandPlugin(action: unknown): action is CommandPluginName {
  return (COMMAND_PLUGINS as readonly unknown[]).includes(action);
}

async function resolveStep(raw: Record<string, unknown>, path: ValuePath, scope: Scope): Promise<CommandStep> {
  const { action, name, precondition } = raw;
  if (!isCommandPlugin(action)) throw invalidDocument([...path, 'action'], `${JSON.stringify(action)} is not an action Opsdeck agents run (${COMMAND_PLUGINS.join(', ')})`);
  const inputsPath = [...path, 'inputs'];
  const inputs = (await substitute(raw.inputs ?? {}, inputsPath, scope)) as Record<string, unknown>;
  const step: CommandStep = { name: String(name), action, inputs };
  if (precondition !== undefined) step.precondition = precondition as CommandStep['precondition'];
  if (action === 'aws:runShellScript') finishShellInputs(inputs, inputsPath);
  else if (action === 'aws:downloadContent') await finishDownloadInputs(inputs, inputsPath, scope);
  else if (action === 'aws:runDocument') step.steps = await nestedSteps(inputs, inputsPath, scope);
  return step;
}

async function resolveStepList(mainSteps: readonly Record<string, unknown>[], scope: Scope): Promise<CommandStep[]> {
  const steps: CommandStep[] = [];
  for (const [index, raw] of mainSteps.entries()) steps.push(await resolveStep(raw, [...scope.path, index], scope));
  return steps;
}

/**
 * Turns a validated Command document's steps and its parameter values into what agents run:
 * every `{{ }}` substituted, Parameter Store references resolved, nested documents inlined.
 * Throws OpsdeckError (InvalidParameters / InvalidDocument) naming the path that went wrong.
 */
export async function resolveSteps(mainSteps: readonly Record<string, unknown>[], values: ParameterValues, resolver: StepResolver): Promise<CommandStep[]> {
  const steps = await resolveStepList(mainSteps, { values, resolver, path: ['mainSteps'], chain: [], storeCache: new Map() });
  const checked = z.array(commandStepSchema).safeParse(steps);
  if (!checked.success) throw new OpsdeckError('InvalidDocument', `the resolved steps are not runnable: ${z.prettifyError(checked.error)}`);
  return checked.data;
}
