/**
 * Checks a runbook with the parameters it would be started with, without running anything: what
 * the document validator finds, then what only an Automation runbook can get wrong — references
 * to step outputs that do not exist or may not be set yet, actions Opsdeck does not have, inputs
 * they do not take, branches to nowhere and steps nothing leads to.
 */
import { formatPath, parseDocumentContent, type SourcePosition, type ValuePath } from '@/server/documents/content';
import { findReferences, resolveParameterValues, wholeReference, type ParameterValues } from '@/server/documents/parameters';
import { validateDocument } from '@/server/documents/validate';
import { ACTION_SPECS, API_CALL_ACTIONS, AUTOMATION_ACTIONS, AUTOMATION_VARIABLES, isAutomationAction } from './catalog';
import { branchInputIssues, conditionIssues } from './conditions';
import { runbookGraph, runbookSteps, type GraphEdge, type RunbookStep } from './graph';
import { SCRIPT_RUNTIMES } from './script';
import { selectorProblem } from './selectors';

export type DryRunSeverity = 'error' | 'warning';

export interface DryRunIssue {
  path: string;
  message: string;
  severity: DryRunSeverity;
  line?: number;
  column?: number;
}

export interface DryRunStep {
  name: string;
  action: string;
  isReachable: boolean;
}

export interface DryRunResult {
  ok: boolean;
  issues: DryRunIssue[];
  steps: DryRunStep[];
}

export interface DryRunInput {
  content: string;
  documentFormat: 'JSON' | 'YAML';
  parameters: Record<string, string[]>;
}

/** Whether `{{ssm:name}}` / `{{ssm-secure:name}}` names a parameter in Parameter Store. */
export type StoreReferenceCheck = (kind: 'ssm' | 'ssm-secure', name: string) => Promise<boolean>;

type Fields = Record<string, unknown>;
type Report = (path: ValuePath, message: string, severity?: DryRunSeverity) => void;

const STEP_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const MAX_LOOP_ITERATIONS = 100;
const HANDLER_NAME = /^[A-Za-z_$][\w$]*$/;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasReference = (value: unknown): boolean => typeof value === 'string' && findReferences(value).length > 0;

/** What the checks share: the runbook's steps, how they connect, and the values the run would have. */
interface Runbook {
  steps: RunbookStep[];
  byName: Map<string, RunbookStep>;
  edges: GraphEdge[];
  /** The first main step: where every run starts. */
  start?: string;
  /** The steps some run can reach. */
  reachable: Set<string>;
  declaredParameters: string[];
  /** Typed parameter values, when the document and the given parameters are valid. */
  values?: ParameterValues;
}

// ---------------------------------------------------------------------------------------------
// Paths between steps
// ---------------------------------------------------------------------------------------------

/**
 * The edges used to reason about what has run. A do-while loop (LoopCondition) runs its body at
 * least once, so for that purpose it is left from the end of its body, not from the loop itself.
 */
function analysisEdges(runbook: Pick<Runbook, 'steps' | 'edges'>): GraphEdge[] {
  const doWhile = new Set(runbook.steps.filter((step) => step.action === 'aws:loop' && isRecord(step.step.inputs) && step.step.inputs.Iterators === undefined && step.step.inputs.LoopCondition !== undefined).map((step) => step.id));
  const edges = runbook.edges.filter((edge) => !(doWhile.has(edge.from) && edge.kind === 'next'));
  for (const exit of runbook.edges.filter((edge) => doWhile.has(edge.from) && edge.kind === 'next')) {
    for (const back of runbook.edges.filter((edge) => edge.kind === 'loop-back' && edge.to === exit.from)) edges.push({ from: back.from, to: exit.to, kind: 'next' });
  }
  return edges;
}

/** Steps reachable from `from` over `edges`, never passing through `avoid`. */
function reachable(edges: readonly GraphEdge[], from: string | undefined, skip: (edge: GraphEdge) => boolean = () => false, avoid?: string): Set<string> {
  const seen = new Set<string>();
  if (from === undefined || from === avoid) return seen;
  const queue = [from];
  seen.add(from);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const edge of edges) {
      if (edge.from !== id || skip(edge) || edge.to === avoid || seen.has(edge.to)) continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return seen;
}

/**
 * Whether `source` has surely finished (successfully) whenever `user` runs, and if not, why not.
 * Checked by paths: one way to `user` that avoids `source`, or only through `source` failing.
 */
function orderProblem(runbook: Runbook, edges: readonly GraphEdge[], source: RunbookStep, user: RunbookStep): string | undefined {
  // A step nothing leads to is reported as such; what it refers to does not matter.
  if (!runbook.reachable.has(user.id)) return undefined;
  if (source.id === user.id) return `step '${source.name}' refers to its own output, which is not set until it has run`;
  // Inside a loop its own outputs (CurrentIteratorValue...) are set before the body runs.
  if (user.parent !== undefined && isAncestorLoop(runbook, source, user)) return undefined;
  const aroundSource = reachable(edges, runbook.start, () => false, source.id);
  if (aroundSource.has(user.id)) {
    return reachable(edges, source.id).has(user.id)
      ? `step '${source.name}' may not have run when '${user.name}' starts: not every way to '${user.name}' passes through it`
      : `step '${source.name}' never runs before '${user.name}'`;
  }
  const afterSuccess = reachable(edges, runbook.start, (edge) => edge.from === source.id && (edge.kind === 'failure' || edge.kind === 'cancel'));
  if (!afterSuccess.has(user.id)) return `'${user.name}' runs only after step '${source.name}' failed or was cancelled, when its outputs are not set`;
  return undefined;
}

function isAncestorLoop(runbook: Runbook, loop: RunbookStep, step: RunbookStep): boolean {
  for (let parent = step.parent; parent !== undefined; parent = runbook.steps.find((candidate) => candidate.id === parent)?.parent) {
    if (parent === loop.id) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------------------------

interface FoundReference {
  kind: 'parameter' | 'ssm' | 'ssm-secure';
  name: string;
  path: ValuePath;
}

function collectReferences(value: unknown, path: ValuePath, found: FoundReference[]): void {
  if (typeof value === 'string') {
    for (const reference of findReferences(value)) found.push({ kind: reference.kind, name: reference.name, path });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collectReferences(item, [...path, index], found));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) collectReferences(item, [...path, key], found);
  }
}

/** The outputs a step has: the ones it declares and the ones its action always gives. */
function outputsOf(step: RunbookStep): string[] {
  const declared = Array.isArray(step.step.outputs) ? step.step.outputs.flatMap((output) => (isRecord(output) && typeof output.Name === 'string' ? [output.Name] : [])) : [];
  const builtin = isAutomationAction(step.action) ? ACTION_SPECS[step.action].builtinOutputs : [];
  return [...new Set([...declared, ...builtin])];
}

/** `{{ a.b.Out }}` names step `a.b` when there is one (step names may contain dots): the longest step name wins. */
function splitStepOutput(name: string, byName: Map<string, RunbookStep>): { step: RunbookStep; output: string } | undefined {
  for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
    const step = byName.get(name.slice(0, dot));
    if (step) return { step, output: name.slice(dot + 1) };
  }
  return undefined;
}

/** The step a reference names and its output, or what is wrong with the reference. */
function resolveReference(runbook: Runbook, name: string): { step: RunbookStep } | { problem: string } | 'ok' {
  if (runbook.declaredParameters.includes(name) || (AUTOMATION_VARIABLES as readonly string[]).includes(name)) return 'ok';
  if (/^(automation|global):/.test(name)) return { problem: `{{ ${name} }} is not an Automation variable; there are ${AUTOMATION_VARIABLES.join(', ')}` };
  const stepOutput = splitStepOutput(name, runbook.byName);
  if (stepOutput) {
    const outputs = outputsOf(stepOutput.step);
    if (outputs.includes(stepOutput.output)) return { step: stepOutput.step };
    const has = outputs.length > 0 ? `it has ${outputs.join(', ')}` : 'it declares no outputs';
    return { problem: `{{ ${name} }}: step '${stepOutput.step.name}' has no output '${stepOutput.output}' (${has})` };
  }
  if (name.includes('.')) return { problem: `{{ ${name} }} refers to no parameter, variable or step output: no step is named '${name.slice(0, name.indexOf('.'))}'` };
  const declared = runbook.declaredParameters.length > 0 ? `the runbook declares ${runbook.declaredParameters.join(', ')}` : 'the runbook declares no parameters';
  return { problem: `{{ ${name} }} refers to no parameter, variable or step output; ${declared}` };
}

/**
 * Every `{{ }}` in a step's inputs must name something, and a step output must be set by the time
 * the step runs. Parameter Store references are gathered to be checked together.
 */
function checkStepReferences(runbook: Runbook, edges: readonly GraphEdge[], step: RunbookStep, stores: FoundReference[], report: Report): void {
  const inputs = step.step.inputs;
  if (!isRecord(inputs)) return;
  const found: FoundReference[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    // A loop's inner steps are checked as steps of their own.
    if (step.action === 'aws:loop' && key === 'Steps') continue;
    collectReferences(value, [...step.path, 'inputs', key], found);
  }
  for (const reference of found) {
    if (reference.kind !== 'parameter') {
      stores.push(reference);
      continue;
    }
    const resolved = resolveReference(runbook, reference.name);
    if (resolved === 'ok') continue;
    if ('problem' in resolved) {
      report(reference.path, resolved.problem);
      continue;
    }
    // A LoopCondition is read after each pass through the body, when the body's outputs are set.
    const isLoopCondition = step.action === 'aws:loop' && reference.path[step.path.length + 1] === 'LoopCondition';
    if (isLoopCondition && (resolved.step.id === step.id || isAncestorLoop(runbook, step, resolved.step))) continue;
    const problem = orderProblem(runbook, edges, resolved.step, step);
    if (problem) report(reference.path, `{{ ${reference.name} }}: ${problem}`, 'warning');
  }
}

async function checkStoreReferences(references: FoundReference[], check: StoreReferenceCheck | undefined, report: Report): Promise<void> {
  if (!check) return;
  const answers = new Map<string, Promise<boolean | Error>>();
  for (const reference of references) {
    const key = `${reference.kind}:${reference.name}`;
    if (!answers.has(key)) answers.set(key, check(reference.kind as 'ssm' | 'ssm-secure', reference.name).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
  }
  for (const reference of references) {
    const answer = await answers.get(`${reference.kind}:${reference.name}`)!;
    if (answer instanceof Error) report(reference.path, `parameter ${reference.name} could not be checked in Parameter Store: ${answer.message}`, 'warning');
    else if (!answer) report(reference.path, `parameter ${reference.name} does not exist in Parameter Store`);
  }
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

function checkInputs(runbook: Runbook, step: RunbookStep, action: keyof typeof ACTION_SPECS, report: Report): void {
  const spec = ACTION_SPECS[action];
  const inputs = isRecord(step.step.inputs) ? step.step.inputs : {};
  const at = [...step.path, 'inputs'];
  const takesAnyInput = API_CALL_ACTIONS.includes(action);
  for (const key of Object.keys(inputs)) {
    if (!takesAnyInput && !spec.knownInputs.includes(key)) report([...at, key], spec.knownInputs.length > 0 ? `unknown input; ${action} takes ${spec.knownInputs.join(', ')}` : `unknown input; ${action} takes no inputs`);
  }
  for (const key of spec.requiredInputs) {
    const value = inputs[key];
    if (value === undefined) report([...at, key], `required by ${action}`);
    else if (isEmpty(value)) report([...at, key], `must not be empty (${action} needs it)`);
    else if (typeof value === 'string' && runbook.values) {
      // A value that is one parameter is checked with the value this run would give it.
      const whole = wholeReference(value);
      if (whole?.kind === 'parameter' && Object.hasOwn(runbook.values, whole.name) && isEmpty(runbook.values[whole.name])) {
        report([...at, key], `must not be empty (${action} needs it), but {{ ${whole.name} }} is empty with these parameters`);
      }
    }
  }
}

/** A `NextStep`/`Default`/`nextStep` must name a step of the runbook. */
function checkTarget(runbook: Runbook, value: unknown, path: ValuePath, report: Report): void {
  if (typeof value === 'string' && !hasReference(value) && !runbook.byName.has(value)) report(path, `'${value}' names no step of this runbook`);
}

function checkBranch(runbook: Runbook, step: RunbookStep, report: Report): void {
  const inputs = step.step.inputs;
  const at = [...step.path, 'inputs'];
  for (const issue of branchInputIssues(inputs, { allowReferences: true })) report([...at, ...issue.path], issue.message);
  if (!isRecord(inputs)) return;
  if (Array.isArray(inputs.Choices)) inputs.Choices.forEach((choice, index) => isRecord(choice) && checkTarget(runbook, choice.NextStep, [...at, 'Choices', index, 'NextStep'], report));
  checkTarget(runbook, inputs.Default, [...at, 'Default'], report);
}

function checkLoop(step: RunbookStep, report: Report): void {
  const inputs = isRecord(step.step.inputs) ? step.step.inputs : {};
  const at = [...step.path, 'inputs'];
  if (inputs.Steps !== undefined && !Array.isArray(inputs.Steps)) report([...at, 'Steps'], 'expected a list of steps');
  const hasIterators = inputs.Iterators !== undefined;
  const hasCondition = inputs.LoopCondition !== undefined;
  if (hasIterators && hasCondition) report(at, 'give Iterators (for each) or LoopCondition (do while), not both');
  if (!hasIterators && !hasCondition) report(at, 'give Iterators (for each) or LoopCondition (do while)');
  if (hasIterators && !Array.isArray(inputs.Iterators) && !hasReference(inputs.Iterators)) report([...at, 'Iterators'], 'expected a list of values, or a {{ reference }} to one');
  if (Array.isArray(inputs.Iterators) && inputs.Iterators.length > MAX_LOOP_ITERATIONS) report([...at, 'Iterators'], `a loop runs at most ${MAX_LOOP_ITERATIONS} times, not ${inputs.Iterators.length}`);
  if (hasCondition) for (const issue of conditionIssues(inputs.LoopCondition, [...at, 'LoopCondition'], { allowReferences: true })) report(issue.path, issue.message);
  const max = inputs.MaxIterations;
  if (max !== undefined && !hasReference(max) && !(Number.isInteger(max) && (max as number) >= 1 && (max as number) <= MAX_LOOP_ITERATIONS)) {
    report([...at, 'MaxIterations'], `expected a whole number from 1 to ${MAX_LOOP_ITERATIONS}`);
  }
}

function checkScript(step: RunbookStep, report: Report): void {
  const inputs = isRecord(step.step.inputs) ? step.step.inputs : {};
  const at = [...step.path, 'inputs'];
  const { Runtime: runtime, Handler: handler, Script: script } = inputs;
  if (typeof runtime === 'string' && !hasReference(runtime) && !(SCRIPT_RUNTIMES as readonly string[]).includes(runtime)) report([...at, 'Runtime'], `'${runtime}' is not supported; use ${SCRIPT_RUNTIMES.join(', ')}`);
  if (typeof handler === 'string' && handler !== '' && !hasReference(handler) && !HANDLER_NAME.test(handler)) report([...at, 'Handler'], `'${handler}' is not a function name`);
  if (script !== undefined && typeof script !== 'string') report([...at, 'Script'], 'expected the script as text');
}

function checkOutputs(step: RunbookStep, report: Report): void {
  if (!Array.isArray(step.step.outputs)) return;
  step.step.outputs.forEach((output, index) => {
    const at = [...step.path, 'outputs', index];
    if (!isRecord(output)) return;
    if (step.parent !== undefined) {
      // The document validator checks main steps' outputs; a loop's inner steps are checked here.
      if (typeof output.Name !== 'string' || output.Name === '') report([...at, 'Name'], 'required; a string');
      if (typeof output.Selector !== 'string') report([...at, 'Selector'], 'required; a JSONPath like $.Id');
    }
    const problem = typeof output.Selector === 'string' ? selectorProblem(output.Selector) : undefined;
    if (problem) report([...at, 'Selector'], problem);
  });
}

/** What the document validator checks for main steps only, for a loop's inner steps. */
function checkInnerStep(runbook: Runbook, step: RunbookStep, firstWithName: Map<string, RunbookStep>, report: Report): void {
  const fields = step.step;
  if (fields.name === undefined) report([...step.path, 'name'], 'required');
  else if (typeof fields.name !== 'string' || !STEP_NAME.test(fields.name)) report([...step.path, 'name'], `${JSON.stringify(fields.name)} is not a valid step name (1-128 letters, digits and _ . -)`);
  const first = firstWithName.get(step.name);
  if (step.name !== '' && first && first !== step) report([...step.path, 'name'], `'${step.name}' is already the name of ${formatPath(first.path)}; step names are unique`);
  if (fields.action === undefined) report([...step.path, 'action'], 'required; an action like aws:executeScript');
  checkTarget(runbook, fields.nextStep, [...step.path, 'nextStep'], report);
  for (const key of ['onFailure', 'onCancel']) {
    const value = fields[key];
    if (typeof value === 'string' && value.startsWith('step:')) checkTarget(runbook, value.slice('step:'.length), [...step.path, key], report);
  }
}

function checkStep(runbook: Runbook, step: RunbookStep, firstWithName: Map<string, RunbookStep>, report: Report): void {
  if (step.parent !== undefined) checkInnerStep(runbook, step, firstWithName, report);
  checkOutputs(step, report);
  if (step.action === '') return;
  if (!isAutomationAction(step.action)) {
    report([...step.path, 'action'], `'${step.action}' is not supported by Opsdeck; use one of ${AUTOMATION_ACTIONS.join(', ')}`);
    return;
  }
  checkInputs(runbook, step, step.action, report);
  if (step.action === 'aws:branch') checkBranch(runbook, step, report);
  if (step.action === 'aws:loop') checkLoop(step, report);
  if (step.action === 'aws:executeScript') checkScript(step, report);
}

/** The document's `outputs: [step.Output]` must name outputs that exist. */
function checkDocumentOutputs(runbook: Runbook, outputs: unknown, report: Report): void {
  if (!Array.isArray(outputs)) return;
  outputs.forEach((output, index) => {
    if (typeof output !== 'string') return;
    const found = splitStepOutput(output, runbook.byName);
    if (!found) report(['outputs', index], `'${output}' names no step output; write it as stepName.OutputName`);
    else if (!outputsOf(found.step).includes(found.output)) report(['outputs', index], `step '${found.step.name}' has no output '${found.output}' (${outputsOf(found.step).join(', ') || 'it declares no outputs'})`);
  });
}

function checkReachability(runbook: Runbook, reachableSteps: Set<string>, report: Report): void {
  for (const step of runbook.steps) {
    const parentIsReachable = step.parent === undefined || reachableSteps.has(step.parent);
    // Inside a loop nothing leads to, only the loop itself is reported.
    if (!reachableSteps.has(step.id) && parentIsReachable) report(step.path, `step '${step.name || step.id}' can never run: no step leads to it`, 'warning');
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/** The position of the path, or of its nearest ancestor present in the source (a missing key). */
function positionOf(locate: (path: ValuePath) => SourcePosition | undefined, path: ValuePath): Partial<SourcePosition> {
  for (let length = path.length; length >= 0; length--) {
    const position = locate(path.slice(0, length));
    if (position) return position;
  }
  return {};
}

function issueCollector(locate: (path: ValuePath) => SourcePosition | undefined) {
  const issues: DryRunIssue[] = [];
  const seen = new Set<string>();
  const add = (issue: DryRunIssue): void => {
    const key = `${issue.path}\n${issue.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push(issue);
  };
  const report: Report = (path, message, severity = 'error') => add({ path: formatPath(path), message, severity, ...positionOf(locate, path) });
  return { issues, add, report };
}

/** Checks a runbook and the parameters it would start with, listing every problem found; runs nothing. */
export async function dryRunRunbook(input: DryRunInput, resolveStoreReference?: StoreReferenceCheck): Promise<DryRunResult> {
  const parsed = parseDocumentContent(input.content, input.documentFormat);
  const validation = validateDocument('Automation', input.documentFormat, input.content);
  if (!parsed.ok) return { ok: false, issues: parsed.issues.map((issue) => ({ ...issue, severity: 'error' })), steps: [] };
  const { issues, add, report } = issueCollector(parsed.locate);
  if (!validation.ok) for (const issue of validation.issues) add({ ...issue, severity: 'error' });

  const document = isRecord(parsed.value) ? parsed.value : {};
  const graph = runbookGraph(document);
  const steps = runbookSteps(document);
  const firstWithName = new Map<string, RunbookStep>();
  for (const step of steps) if (step.name !== '' && !firstWithName.has(step.name)) firstWithName.set(step.name, step);
  const runbook: Runbook = {
    steps,
    byName: firstWithName,
    edges: graph.edges,
    start: steps.find((step) => step.parent === undefined)?.id,
    reachable: new Set(),
    declaredParameters: isRecord(document.parameters) ? Object.keys(document.parameters) : [],
  };
  if (validation.ok) {
    const resolution = resolveParameterValues(validation.document.parameterDefinitions, input.parameters);
    if (resolution.ok) runbook.values = resolution.values;
    else for (const issue of resolution.issues) add({ ...issue, severity: 'error' });
  }

  const edges = analysisEdges(runbook);
  runbook.reachable = reachable(edges, runbook.start);
  const stores: FoundReference[] = [];
  for (const step of steps) {
    checkStep(runbook, step, firstWithName, report);
    checkStepReferences(runbook, edges, step, stores, report);
  }
  checkDocumentOutputs(runbook, document.outputs, report);
  await checkStoreReferences(stores, resolveStoreReference, report);
  checkReachability(runbook, runbook.reachable, report);

  return {
    ok: !issues.some((issue) => issue.severity === 'error'),
    issues,
    steps: steps.map((step) => ({ name: step.name || step.id, action: step.action, isReachable: runbook.reachable.has(step.id) })),
  };
}
