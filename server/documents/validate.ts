import { COMMAND_PLUGINS, preconditionSchema, type CommandPluginName } from '@/agent/protocol';
import { parseCalendar } from '@/server/change-calendar/ics';
import { DOCUMENT_FORMATS, DOCUMENT_TYPES, formatPath, parseDocumentContent, type DocumentFormat, type DocumentIssue, type DocumentType, type SourcePosition, type ValuePath } from './content';
import { checkParameterValue, findReferences, PARAMETER_TYPES, wholeReference, type ParameterDefinition, type ParameterType, type ParameterValue } from './parameters';

export const SESSION_TYPES = ['Standard_Stream', 'Port', 'InteractiveCommands', 'NonInteractiveCommands'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/** A parameter as DescribeDocument shows it (`Parameters: [{Name, Type, Description, DefaultValue}]`). */
export interface ParameterSummary {
  name: string;
  type: ParameterType;
  description?: string;
  /** AWS shows every default as a string: lists and maps as their JSON text. */
  defaultValue?: string;
}

export interface ParsedDocument {
  documentType: DocumentType;
  schemaVersion?: string;
  description?: string;
  parameters: ParameterSummary[];
  /** The full definitions, for resolveParameterValues. */
  parameterDefinitions: ParameterDefinition[];
  /** As written (parameters not substituted); empty for types without steps. */
  mainSteps: Record<string, unknown>[];
  /** Opsdeck nodes are Linux: a document either runs there or on nothing. */
  platformTypes: 'Linux'[];
  sessionType?: SessionType;
}

export type DocumentValidation = { ok: true; document: ParsedDocument } | { ok: false; issues: DocumentIssue[] };

type Report = (path: ValuePath, message: string) => void;
type Fields = Record<string, unknown>;

const STEP_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const PARAMETER_NAME = /^[a-zA-Z0-9_]+$/;
/** What one command may carry to an agent (commandRunSchema). */
const MAX_STEPS = 100;
const MAX_TIMEOUT_SECONDS = 172_800;
const PLATFORM_TYPES = ['Linux', 'Windows', 'MacOS'];
const WINDOWS_ONLY_ACTIONS = ['aws:runPowerShellScript', 'aws:psModule', 'aws:applications', 'aws:cloudWatch'];
const UNSUPPORTED_SOURCE_TYPES = ['GitHub', 'Git', 'S3'];

const PARAMETER_KEYS = ['type', 'description', 'default', 'allowedValues', 'allowedPattern', 'displayType', 'minItems', 'maxItems', 'minChars', 'maxChars'];
const COMMAND_KEYS = ['schemaVersion', 'description', 'parameters', 'mainSteps'];
const COMMAND_STEP_KEYS = ['action', 'name', 'precondition', 'inputs'];
const AUTOMATION_KEYS = ['schemaVersion', 'description', 'assumeRole', 'parameters', 'mainSteps', 'outputs', 'files'];
const AUTOMATION_STEP_KEYS = ['name', 'action', 'description', 'inputs', 'onFailure', 'onCancel', 'maxAttempts', 'timeoutSeconds', 'isEnd', 'nextStep', 'isCritical', 'outputs'];
const SESSION_KEYS = ['schemaVersion', 'description', 'sessionType', 'inputs', 'parameters', 'properties'];

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isReference(value: unknown): boolean {
  return typeof value === 'string' && wholeReference(value) !== undefined;
}

function checkUnknownKeys(fields: Fields, path: ValuePath, known: readonly string[], what: string, report: Report): void {
  for (const key of Object.keys(fields)) {
    if (!known.includes(key)) report([...path, key], `unknown property; ${what} has ${known.join(', ')}`);
  }
}

function optionalString(fields: Fields, key: string, path: ValuePath, report: Report): string | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  report([...path, key], 'expected a string');
  return undefined;
}

function optionalRecord(fields: Fields, key: string, path: ValuePath, report: Report): void {
  if (fields[key] !== undefined && !isRecord(fields[key])) report([...path, key], 'expected an object');
}

function checkSchemaVersion(document: Fields, documentType: DocumentType, supported: readonly string[], report: Report): string | undefined {
  const value = document.schemaVersion;
  const expected = `${documentType} documents use schema version ${supported.join(' or ')}`;
  if (value === undefined) report(['schemaVersion'], `required; ${expected}`);
  else if (typeof value !== 'string') report(['schemaVersion'], `expected a string like '${supported[0]}' (quote it in YAML)`);
  else if (!supported.includes(value)) report(['schemaVersion'], `'${value}' is not supported; ${expected}`);
  else return value;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

const DEFAULT_SHAPES: Record<ParameterType, { fits(value: unknown): boolean; message: string }> = {
  String: { fits: (value) => typeof value === 'string', message: 'expected a string for a String parameter' },
  StringList: { fits: isStringList, message: 'expected a list of strings for a StringList parameter' },
  Integer: { fits: Number.isInteger, message: 'expected an integer for an Integer parameter' },
  Boolean: { fits: (value) => typeof value === 'boolean', message: 'expected true or false for a Boolean parameter' },
  StringMap: { fits: isRecord, message: 'expected an object for a StringMap parameter' },
  MapList: { fits: (value) => Array.isArray(value) && value.every(isRecord), message: 'expected a list of objects for a MapList parameter' },
};

const COUNT_KEYS = [
  { key: 'minItems', appliesTo: ['StringList', 'MapList'] },
  { key: 'maxItems', appliesTo: ['StringList', 'MapList'] },
  { key: 'minChars', appliesTo: ['String', 'StringList'] },
  { key: 'maxChars', appliesTo: ['String', 'StringList'] },
] as const;

/** The reason from a RegExp SyntaxError, without the pattern it repeats; compiled as values are matched. */
function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(`^(?:${pattern})$`);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    return `not a valid regular expression (${message.slice(message.lastIndexOf(': ') + 2) || message})`;
  }
}

function checkConstraints(raw: Fields, definition: ParameterDefinition, path: ValuePath, report: Report): void {
  const { allowedValues, allowedPattern, displayType } = raw;
  if (allowedValues !== undefined) {
    const isScalarList = Array.isArray(allowedValues) && allowedValues.every((value) => ['string', 'number', 'boolean'].includes(typeof value));
    if (!isScalarList) report([...path, 'allowedValues'], 'expected a list of strings');
    else if (allowedValues.length === 0) report([...path, 'allowedValues'], 'expected at least one allowed value');
    else definition.allowedValues = allowedValues.map(String);
  }
  if (allowedPattern !== undefined) {
    const problem = typeof allowedPattern === 'string' ? regexProblem(allowedPattern) : 'expected a regular expression as a string';
    if (problem) report([...path, 'allowedPattern'], problem);
    else definition.allowedPattern = allowedPattern as string;
  }
  if (displayType !== undefined) {
    if (displayType === 'textarea' || displayType === 'textfield') definition.displayType = displayType;
    else report([...path, 'displayType'], 'expected textarea or textfield');
  }
  for (const { key, appliesTo } of COUNT_KEYS) {
    const count = raw[key];
    if (count === undefined) continue;
    if (!Number.isInteger(count) || (count as number) < 0) report([...path, key], 'expected a whole number (0 or more)');
    else if (!(appliesTo as readonly string[]).includes(definition.type)) report([...path, key], `${key} applies to ${appliesTo.join(' and ')} parameters, not ${definition.type}`);
    else definition[key] = count as number;
  }
  for (const [min, max] of [['minItems', 'maxItems'], ['minChars', 'maxChars']] as const) {
    const [low, high] = [definition[min], definition[max]];
    if (low !== undefined && high !== undefined && low > high) report([...path, max], `${max} (${high}) is less than ${min} (${low})`);
  }
}

function checkParameter(name: string, raw: unknown, report: Report): ParameterDefinition | undefined {
  const path = ['parameters', name];
  if (!PARAMETER_NAME.test(name)) report(path, 'a parameter name may contain letters, digits and _ only');
  if (!isRecord(raw)) {
    report(path, 'expected an object with a type, like {"type": "String"}');
    return undefined;
  }
  checkUnknownKeys(raw, path, PARAMETER_KEYS, 'a parameter', report);
  const type = raw.type;
  if (type === undefined) {
    report([...path, 'type'], `required; one of ${PARAMETER_TYPES.join(', ')}`);
    return undefined;
  }
  if (!(PARAMETER_TYPES as readonly unknown[]).includes(type)) {
    report([...path, 'type'], `'${String(type)}' is not a parameter type; use ${PARAMETER_TYPES.join(', ')}`);
    return undefined;
  }
  const definition: ParameterDefinition = { name, type: type as ParameterType };
  const description = optionalString(raw, 'description', path, report);
  if (description !== undefined) definition.description = description;
  checkConstraints(raw, definition, path, report);
  if (Object.hasOwn(raw, 'default')) {
    const shape = DEFAULT_SHAPES[definition.type];
    if (!shape.fits(raw.default)) {
      report([...path, 'default'], shape.message);
    } else {
      for (const problem of checkParameterValue(definition, raw.default as ParameterValue)) report([...path, 'default'], problem);
      definition.default = raw.default;
    }
  }
  return definition;
}

function checkParameters(value: unknown, report: Report): ParameterDefinition[] {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    report(['parameters'], 'expected an object of parameter definitions keyed by parameter name');
    return [];
  }
  return Object.entries(value).flatMap(([name, raw]) => checkParameter(name, raw, report) ?? []);
}

function defaultText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function summarize(definition: ParameterDefinition): ParameterSummary {
  return {
    name: definition.name,
    type: definition.type,
    ...(definition.description !== undefined && { description: definition.description }),
    ...(definition.default !== undefined && { defaultValue: defaultText(definition.default) }),
  };
}

/** Every `{{ name }}` must name a declared parameter; Parameter Store references are resolved at send time. */
function checkReferences(value: unknown, path: ValuePath, declared: readonly string[], report: Report): void {
  if (typeof value === 'string') {
    for (const reference of findReferences(value)) {
      if (reference.kind !== 'parameter' || declared.includes(reference.name)) continue;
      const known = declared.length > 0 ? `the document declares ${declared.join(', ')}` : 'the document declares no parameters';
      report(path, `{{ ${reference.name} }} refers to no parameter; ${known}`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkReferences(item, [...path, index], declared, report));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) checkReferences(item, [...path, key], declared, report);
  }
}

function declaredNames(parameters: unknown): string[] {
  return isRecord(parameters) ? Object.keys(parameters) : [];
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

/** The steps that are objects, with their index; says what is wrong with the list itself. */
function stepObjects(value: unknown, report: Report): { step: Fields; index: number }[] {
  if (value === undefined) report(['mainSteps'], 'required; a list of at least one step');
  else if (!Array.isArray(value)) report(['mainSteps'], 'expected a list of steps');
  else if (value.length === 0) report(['mainSteps'], 'expected at least one step');
  else if (value.length > MAX_STEPS) report(['mainSteps'], `a document has at most ${MAX_STEPS} steps, not ${value.length}`);
  if (!Array.isArray(value)) return [];
  return value.flatMap((step, index) => {
    if (isRecord(step)) return [{ step, index }];
    report(['mainSteps', index], 'expected a step object with a name, an action and inputs');
    return [];
  });
}

function checkStepNames(steps: { step: Fields; index: number }[], report: Report): void {
  const seen = new Map<string, number>();
  for (const { step, index } of steps) {
    const path = ['mainSteps', index, 'name'];
    const name = step.name;
    if (name === undefined) report(path, 'required');
    else if (typeof name !== 'string' || !STEP_NAME.test(name)) report(path, `${JSON.stringify(name)} is not a valid step name (1-128 letters, digits and _ . -)`);
    else if (seen.has(name)) report(path, `'${name}' is already the name of mainSteps[${seen.get(name)}]; step names are unique`);
    else seen.set(name, index);
  }
}

function checkTimeoutSeconds(value: unknown, path: ValuePath, report: Report): void {
  const isInRange = Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_TIMEOUT_SECONDS;
  if (value !== undefined && !isInRange && !isReference(value)) {
    report(path, `expected a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}, or a {{ parameter }}`);
  }
}

function checkShellInputs(inputs: Fields, path: ValuePath, report: Report): void {
  const runCommand = inputs.runCommand;
  const at = [...path, 'runCommand'];
  if (runCommand === undefined) report(at, 'required; a list of strings');
  else if (!isStringList(runCommand) && !isReference(runCommand)) report(at, 'expected a list of strings');
  else if (Array.isArray(runCommand) && runCommand.length === 0) report(at, 'expected at least one command');
  optionalString(inputs, 'workingDirectory', path, report);
  checkTimeoutSeconds(inputs.timeoutSeconds, [...path, 'timeoutSeconds'], report);
}

/** An object, or the JSON text of one (how AWS's own documents often write it); references are checked once substituted. */
function jsonObjectInput(value: unknown): Fields | 'reference' | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== 'string') return undefined;
  if (findReferences(value).length > 0) return 'reference';
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function checkRunDocumentInputs(inputs: Fields, path: ValuePath, report: Report): void {
  const { documentType, documentPath, documentParameters } = inputs;
  const typeAt = [...path, 'documentType'];
  if (documentType === undefined) report(typeAt, 'required; SSMDocument');
  else if (documentType === 'LocalPath') report(typeAt, 'LocalPath is not supported: Opsdeck runs the documents it stores (use SSMDocument)');
  else if (documentType !== 'SSMDocument' && !isReference(documentType)) report(typeAt, 'expected SSMDocument');
  if (documentPath === undefined) report([...path, 'documentPath'], 'required; the name of a document');
  else if (typeof documentPath !== 'string' || documentPath.trim() === '') report([...path, 'documentPath'], 'expected the name of a document');
  if (documentParameters !== undefined && jsonObjectInput(documentParameters) === undefined) {
    report([...path, 'documentParameters'], 'expected an object, or a JSON object as a string');
  }
}

function checkDownloadInputs(inputs: Fields, path: ValuePath, report: Report): void {
  const { sourceType, sourceInfo } = inputs;
  const typeAt = [...path, 'sourceType'];
  if (sourceType === undefined) report(typeAt, 'required; HTTP or SSMDocument');
  else if (UNSUPPORTED_SOURCE_TYPES.includes(sourceType as string)) report(typeAt, `${sourceType as string} is not supported by Opsdeck; use HTTP or SSMDocument`);
  else if (sourceType !== 'HTTP' && sourceType !== 'SSMDocument' && !isReference(sourceType)) report(typeAt, 'expected HTTP or SSMDocument');
  const infoAt = [...path, 'sourceInfo'];
  const info = jsonObjectInput(sourceInfo);
  if (sourceInfo === undefined) report(infoAt, 'required; an object like {"url": "https://..."} or {"name": "My-Document"}');
  else if (info === undefined) report(infoAt, 'expected an object, or a JSON object as a string');
  else if (info !== 'reference') {
    const key = sourceType === 'HTTP' ? 'url' : sourceType === 'SSMDocument' ? 'name' : undefined;
    if (key && (typeof info[key] !== 'string' || info[key] === '')) report([...infoAt, key], `required for sourceType ${sourceType as string}`);
  }
  optionalString(inputs, 'destinationPath', path, report);
  checkTimeoutSeconds(inputs.timeoutSeconds, [...path, 'timeoutSeconds'], report);
}

const INVENTORY_SWITCHES = ['applications', 'awsComponents', 'networkConfig', 'services', 'instanceDetailedInformation', 'customInventory', 'billingInfo', 'windowsUpdates', 'windowsRoles', 'windowsRegistry'];

function checkInventoryInputs(inputs: Fields, path: ValuePath, report: Report): void {
  for (const key of INVENTORY_SWITCHES) {
    const value = inputs[key];
    if (value !== undefined && value !== 'Enabled' && value !== 'Disabled' && !isReference(value)) report([...path, key], 'expected Enabled or Disabled');
  }
  const files = inputs.files;
  if (files === undefined || files === '' || isReference(files)) return;
  let parsed: unknown = files;
  if (typeof files === 'string') {
    try {
      parsed = JSON.parse(files);
    } catch {
      parsed = undefined;
    }
  }
  const isFileList = Array.isArray(parsed) && parsed.every((entry) => isRecord(entry) && typeof entry.Path === 'string' && Array.isArray(entry.Pattern));
  if (!isFileList) report([...path, 'files'], 'expected a JSON list like [{"Path": "/etc", "Pattern": ["*.conf"], "Recursive": false}]');
}

function checkPatchBaselineInputs(inputs: Fields, path: ValuePath, report: Report): void {
  const { Operation, RebootOption } = inputs;
  if (Operation === undefined) report([...path, 'Operation'], 'required; Scan or Install');
  else if (Operation !== 'Scan' && Operation !== 'Install' && !isReference(Operation)) report([...path, 'Operation'], 'expected Scan or Install');
  if (RebootOption !== undefined && RebootOption !== 'RebootIfNeeded' && RebootOption !== 'NoReboot' && !isReference(RebootOption)) {
    report([...path, 'RebootOption'], 'expected RebootIfNeeded or NoReboot');
  }
  optionalString(inputs, 'SnapshotId', path, report);
  optionalString(inputs, 'InstallOverrideList', path, report);
  optionalString(inputs, 'BaselineOverride', path, report);
  checkTimeoutSeconds(inputs.timeoutSeconds, [...path, 'timeoutSeconds'], report);
}

const PLUGIN_INPUTS: Record<CommandPluginName, { keys: string[]; check(inputs: Fields, path: ValuePath, report: Report): void }> = {
  'aws:runShellScript': { keys: ['runCommand', 'workingDirectory', 'timeoutSeconds'], check: checkShellInputs },
  'aws:runDocument': { keys: ['documentType', 'documentPath', 'documentParameters'], check: checkRunDocumentInputs },
  'aws:downloadContent': { keys: ['sourceType', 'sourceInfo', 'destinationPath', 'timeoutSeconds'], check: checkDownloadInputs },
  'aws:softwareInventory': { keys: [...INVENTORY_SWITCHES, 'files', 'timeoutSeconds'], check: checkInventoryInputs },
  'aws:runPatchBaseline': {
    keys: ['Operation', 'SnapshotId', 'InstallOverrideList', 'RebootOption', 'BaselineOverride', 'timeoutSeconds'],
    check: checkPatchBaselineInputs,
  },
};

function isCommandPlugin(action: unknown): action is CommandPluginName {
  return (COMMAND_PLUGINS as readonly unknown[]).includes(action);
}

function checkPrecondition(value: unknown, path: ValuePath, report: Report): void {
  if (value === undefined) return;
  const parsed = preconditionSchema.safeParse(value);
  const isPlatformCheck = parsed.success && parsed.data.StringEquals[0] === 'platformType' && PLATFORM_TYPES.includes(parsed.data.StringEquals[1]);
  if (!isPlatformCheck) report(path, 'expected {"StringEquals": ["platformType", "Linux"]} (platformType is Linux, Windows or MacOS)');
}

/** Command steps; Policy documents take any `aws:` action, checking the inputs of those Opsdeck runs. */
function checkCommandStep(step: Fields, index: number, isPolicy: boolean, report: Report): void {
  const path = ['mainSteps', index];
  checkUnknownKeys(step, path, COMMAND_STEP_KEYS, 'a step', report);
  const action = step.action;
  const actionAt = [...path, 'action'];
  if (action === undefined) report(actionAt, `required; one of ${COMMAND_PLUGINS.join(', ')}`);
  else if (typeof action !== 'string') report(actionAt, 'expected an action name like aws:runShellScript');
  else if (isPolicy && !action.startsWith('aws:')) report(actionAt, 'expected an action name like aws:runShellScript');
  else if (!isPolicy && WINDOWS_ONLY_ACTIONS.includes(action)) report(actionAt, `${action} runs on Windows only; Opsdeck nodes are Linux (use aws:runShellScript)`);
  else if (!isPolicy && !isCommandPlugin(action)) report(actionAt, `'${action}' is not supported; Command documents here use ${COMMAND_PLUGINS.join(', ')}`);
  checkPrecondition(step.precondition, [...path, 'precondition'], report);
  const inputs = step.inputs;
  if (inputs === undefined) report([...path, 'inputs'], 'required; an object');
  else if (!isRecord(inputs)) report([...path, 'inputs'], 'expected an object');
  else if (isCommandPlugin(action)) {
    const plugin = PLUGIN_INPUTS[action];
    checkUnknownKeys(inputs, [...path, 'inputs'], plugin.keys, action, report);
    plugin.check(inputs, [...path, 'inputs'], report);
  }
}

function runsOnLinux(steps: unknown): boolean {
  if (!Array.isArray(steps)) return true;
  return steps.some((step) => {
    const precondition = isRecord(step) ? step.precondition : undefined;
    return !isRecord(precondition) || !Array.isArray(precondition.StringEquals) || precondition.StringEquals[1] === 'Linux';
  });
}

function baseDocument(documentType: DocumentType, document: Fields, schemaVersion: string | undefined, definitions: ParameterDefinition[], report: Report): ParsedDocument {
  return {
    documentType,
    schemaVersion,
    description: optionalString(document, 'description', [], report),
    parameters: definitions.map(summarize),
    parameterDefinitions: definitions,
    mainSteps: Array.isArray(document.mainSteps) ? document.mainSteps.filter(isRecord) : [],
    platformTypes: ['Linux'],
  };
}

// ---------------------------------------------------------------------------------------------
// Document types
// ---------------------------------------------------------------------------------------------

function checkCommandLike(documentType: 'Command' | 'Policy', document: Fields, report: Report): ParsedDocument {
  const isPolicy = documentType === 'Policy';
  const schemaVersion = checkSchemaVersion(document, documentType, isPolicy ? ['2.2', '1.0'] : ['2.2'], report);
  checkUnknownKeys(document, [], COMMAND_KEYS, `a ${documentType} document`, report);
  const definitions = checkParameters(document.parameters, report);
  const steps = stepObjects(document.mainSteps, report);
  checkStepNames(steps, report);
  for (const { step, index } of steps) checkCommandStep(step, index, isPolicy, report);
  checkReferences(document.mainSteps, ['mainSteps'], declaredNames(document.parameters), report);
  const parsed = baseDocument(documentType, document, schemaVersion, definitions, report);
  return { ...parsed, platformTypes: runsOnLinux(document.mainSteps) ? ['Linux'] : [] };
}

/** `Abort`, `Continue` (onFailure only) or `step:<name>` of a step in this document. */
function checkStepTarget(value: unknown, path: ValuePath, names: Set<string>, isFailure: boolean, report: Report): void {
  if (value === undefined) return;
  const fixed = isFailure ? ['Abort', 'Continue'] : ['Abort'];
  if (typeof value === 'string' && fixed.includes(value)) return;
  const target = typeof value === 'string' && value.startsWith('step:') ? value.slice('step:'.length) : undefined;
  if (target === undefined) report(path, `expected ${fixed.join(', ')} or step:<step name>`);
  else if (!names.has(target)) report(path, `'${target}' names no step of this document`);
}

function checkAutomationOutputs(value: unknown, path: ValuePath, report: Report): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    report(path, 'expected a list of outputs like {"Name": "id", "Selector": "$.Id", "Type": "String"}');
    return;
  }
  value.forEach((output, index) => {
    const at = [...path, index];
    if (!isRecord(output)) {
      report(at, 'expected an object with Name, Selector and Type');
      return;
    }
    if (typeof output.Name !== 'string' || output.Name === '') report([...at, 'Name'], 'required; a string');
    if (typeof output.Selector !== 'string') report([...at, 'Selector'], 'required; a JSONPath like $.Id');
    if (!(PARAMETER_TYPES as readonly unknown[]).includes(output.Type)) report([...at, 'Type'], `expected one of ${PARAMETER_TYPES.join(', ')}`);
  });
}

function checkAutomationStep(step: Fields, index: number, names: Set<string>, report: Report): void {
  const path = ['mainSteps', index];
  checkUnknownKeys(step, path, AUTOMATION_STEP_KEYS, 'an Automation step', report);
  const action = step.action;
  if (action === undefined) report([...path, 'action'], 'required; an action like aws:executeScript');
  else if (typeof action !== 'string' || !/^aws:[A-Za-z]+$/.test(action)) report([...path, 'action'], 'expected an action name like aws:executeScript');
  optionalRecord(step, 'inputs', path, report);
  optionalString(step, 'description', path, report);
  checkStepTarget(step.onFailure, [...path, 'onFailure'], names, true, report);
  checkStepTarget(step.onCancel, [...path, 'onCancel'], names, false, report);
  for (const key of ['maxAttempts', 'timeoutSeconds']) {
    const value = step[key];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) report([...path, key], 'expected a whole number, 1 or more');
  }
  for (const key of ['isEnd', 'isCritical']) {
    if (step[key] !== undefined && typeof step[key] !== 'boolean') report([...path, key], 'expected true or false');
  }
  const nextStep = step.nextStep;
  if (nextStep !== undefined && (typeof nextStep !== 'string' || !names.has(nextStep))) report([...path, 'nextStep'], `${JSON.stringify(nextStep)} names no step of this document`);
  checkAutomationOutputs(step.outputs, [...path, 'outputs'], report);
}

function checkAutomation(document: Fields, report: Report): ParsedDocument {
  const schemaVersion = checkSchemaVersion(document, 'Automation', ['0.3'], report);
  checkUnknownKeys(document, [], AUTOMATION_KEYS, 'an Automation document', report);
  optionalString(document, 'assumeRole', [], report);
  if (document.outputs !== undefined && !isStringList(document.outputs)) report(['outputs'], 'expected a list of step outputs like step1.instanceId');
  const definitions = checkParameters(document.parameters, report);
  const steps = stepObjects(document.mainSteps, report);
  checkStepNames(steps, report);
  const names = new Set(steps.map(({ step }) => step.name).filter((name): name is string => typeof name === 'string'));
  for (const { step, index } of steps) checkAutomationStep(step, index, names, report);
  return baseDocument('Automation', document, schemaVersion, definitions, report);
}

function checkSession(document: Fields, report: Report): ParsedDocument {
  const schemaVersion = checkSchemaVersion(document, 'Session', ['1.0'], report);
  checkUnknownKeys(document, [], SESSION_KEYS, 'a Session document', report);
  const sessionType = document.sessionType;
  if (sessionType === undefined) report(['sessionType'], `required; one of ${SESSION_TYPES.join(', ')}`);
  else if (!(SESSION_TYPES as readonly unknown[]).includes(sessionType)) report(['sessionType'], `expected one of ${SESSION_TYPES.join(', ')}`);
  optionalRecord(document, 'inputs', [], report);
  optionalRecord(document, 'properties', [], report);
  const definitions = checkParameters(document.parameters, report);
  const declared = declaredNames(document.parameters);
  checkReferences(document.inputs, ['inputs'], declared, report);
  checkReferences(document.properties, ['properties'], declared, report);
  return { ...baseDocument('Session', document, schemaVersion, definitions, report), sessionType: sessionType as SessionType };
}

function checkPackage(document: Fields, report: Report): ParsedDocument {
  const schemaVersion = checkSchemaVersion(document, 'Package', ['2.0'], report);
  if (typeof document.version !== 'string' || document.version === '') report(['version'], 'required; the package version as a string');
  if (!isRecord(document.packages)) report(['packages'], 'required; an object of packages by platform');
  return baseDocument('Package', document, schemaVersion, checkParameters(document.parameters, report), report);
}

/**
 * A ChangeCalendar is iCalendar text: the envelope first, then every line as Change Calendar reads
 * it (server/change-calendar/ics.ts), each problem at its line.
 */
function checkChangeCalendar(content: string): DocumentIssue[] {
  const text = content.trim();
  const issues: DocumentIssue[] = [];
  if (!/^BEGIN:VCALENDAR\r?(\n|$)/i.test(text)) issues.push({ path: '', message: 'a ChangeCalendar document is iCalendar text beginning with BEGIN:VCALENDAR', line: 1, column: 1 });
  if (!/(^|\n)END:VCALENDAR$/i.test(text)) issues.push({ path: '', message: 'a ChangeCalendar document is iCalendar text ending with END:VCALENDAR', line: content.trimEnd().split('\n').length, column: 1 });
  if (issues.length > 0) return issues;
  const parsed = parseCalendar(content);
  return parsed.ok ? [] : parsed.issues;
}

const CHECKERS: Record<Exclude<DocumentType, 'ChangeCalendar'>, (document: Fields, report: Report) => ParsedDocument> = {
  Command: (document, report) => checkCommandLike('Command', document, report),
  Policy: (document, report) => checkCommandLike('Policy', document, report),
  Automation: checkAutomation,
  Session: checkSession,
  Package: checkPackage,
};

/** The position of the path, or of its nearest ancestor present in the source (a missing key). */
function positionOf(locate: (path: ValuePath) => SourcePosition | undefined, path: ValuePath): Partial<SourcePosition> {
  for (let length = path.length; length >= 0; length--) {
    const position = locate(path.slice(0, length));
    if (position) return position;
  }
  return {};
}

/** Checks a document's content for its type and format, listing every issue found. */
export function validateDocument(documentType: DocumentType, documentFormat: DocumentFormat, content: string): DocumentValidation {
  const fail = (message: string): DocumentValidation => ({ ok: false, issues: [{ path: '', message }] });
  if (!(DOCUMENT_TYPES as readonly string[]).includes(documentType)) return fail(`DocumentType '${documentType}' is not supported; use ${DOCUMENT_TYPES.join(', ')}`);
  if (!(DOCUMENT_FORMATS as readonly string[]).includes(documentFormat)) return fail(`DocumentFormat '${documentFormat}' is not supported; use ${DOCUMENT_FORMATS.join(', ')}`);
  const isCalendar = documentType === 'ChangeCalendar';
  if (isCalendar && documentFormat !== 'TEXT') return fail('ChangeCalendar documents are iCalendar text: use DocumentFormat TEXT');
  if (!isCalendar && documentFormat === 'TEXT') return fail(`DocumentFormat TEXT is for ChangeCalendar documents; ${documentType} documents are JSON or YAML`);

  const parsed = parseDocumentContent(content, documentFormat);
  if (!parsed.ok) return parsed;
  if (isCalendar) {
    const issues = checkChangeCalendar(content);
    if (issues.length > 0) return { ok: false, issues };
    return { ok: true, document: { documentType, parameters: [], parameterDefinitions: [], mainSteps: [], platformTypes: [] } };
  }
  const issues: DocumentIssue[] = [];
  const report: Report = (path, message) => issues.push({ path: formatPath(path), message, ...positionOf(parsed.locate, path) });
  if (!isRecord(parsed.value)) {
    report([], `expected a ${documentFormat === 'YAML' ? 'YAML mapping' : 'JSON object'} with schemaVersion and the document's sections`);
    return { ok: false, issues };
  }
  const document = CHECKERS[documentType](parsed.value, report);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, document };
}
