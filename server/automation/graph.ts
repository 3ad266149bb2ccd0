/**
 * A runbook's steps as a graph for the console (and for dry-run's reachability), drawn by AWS's
 * rules: a step goes to its nextStep, else the step after it, unless isEnd; aws:branch goes where
 * its choices say; aws:loop runs its inner Steps and comes back. The editor rebuilds it on every
 * keystroke, so nothing here throws on a half-written document: what cannot be read is skipped.
 */
import { formatPath, type ValuePath } from '@/server/documents/content';
import { isAutomationAction } from './catalog';
import { describeCondition } from './conditions';

export const END_NODE_ID = '__end__';
const MAX_LABEL_CHARS = 48;

export interface GraphNode {
  id: string;
  name: string;
  action: string;
  /** The step says `isEnd: true` (or this is the synthetic end node). */
  isEnd: boolean;
  isKnownAction: boolean;
  /** The aws:loop step this step runs inside. */
  parent?: string;
}

export type GraphEdgeKind = 'next' | 'branch' | 'default' | 'failure' | 'cancel' | 'loop-body' | 'loop-back';

export interface GraphEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
  label?: string;
}

export interface RunbookGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A step found in the document, main or inside a loop, with where it is. */
export interface RunbookStep {
  id: string;
  /** The step's name, or '' when it has none yet. */
  name: string;
  action: string;
  step: Record<string, unknown>;
  /** `['mainSteps', 2]`, or `['mainSteps', 2, 'inputs', 'Steps', 0]` inside a loop. */
  path: ValuePath;
  parent?: string;
}

export interface LaidOutNode extends GraphNode {
  row: number;
  column: number;
}

export interface LaidOutEdge extends GraphEdge {
  /** Goes up or sideways (a loop back, a retry): drawn as a curve around the nodes. */
  isBackward: boolean;
}

export interface GraphLayout {
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  rows: number;
  columns: number;
}

type Fields = Record<string, unknown>;

/** Every step list in the document: mainSteps, and each aws:loop's inputs.Steps. */
interface StepList {
  steps: RunbookStep[];
  parent?: RunbookStep;
}

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

function inputsOf(step: Fields): Fields {
  return isRecord(step.inputs) ? step.inputs : {};
}

/** Reads the step lists depth first; ids are step names, or the step's path while it has no usable name. */
function readStepLists(document: unknown): StepList[] {
  const lists: StepList[] = [];
  const usedIds = new Set<string>();
  const read = (value: unknown, path: ValuePath, parent?: RunbookStep): void => {
    if (!Array.isArray(value)) return;
    const list: StepList = { steps: [], parent };
    lists.push(list);
    const nested: { steps: unknown; path: ValuePath; parent: RunbookStep }[] = [];
    value.forEach((step, index) => {
      if (!isRecord(step)) return;
      const at = [...path, index];
      const name = typeof step.name === 'string' ? step.name : '';
      const id = name !== '' && !usedIds.has(name) && !name.startsWith('__') ? name : formatPath(at);
      usedIds.add(id);
      const found: RunbookStep = { id, name, action: typeof step.action === 'string' ? step.action : '', step, path: at, ...(parent && { parent: parent.id }) };
      list.steps.push(found);
      if (found.action === 'aws:loop') nested.push({ steps: inputsOf(step).Steps, path: [...at, 'inputs', 'Steps'], parent: found });
    });
    for (const inner of nested) read(inner.steps, inner.path, inner.parent);
  };
  if (isRecord(document)) read(document.mainSteps, ['mainSteps']);
  return lists;
}

/** Every step of the document, main steps and loop steps, in the order the editor shows them. */
export function runbookSteps(document: unknown): RunbookStep[] {
  return readStepLists(document)
    .flatMap((list) => list.steps)
    .sort((a, b) => comparePaths(a.path, b.path));
}

function comparePaths(a: ValuePath, b: ValuePath): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const [x, y] = [a[index]!, b[index]!];
    if (x !== y) return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  }
  return a.length - b.length;
}

/** `step:name` → name (onFailure / onCancel targets). */
function stepTarget(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('step:') ? value.slice('step:'.length) : undefined;
}

/** Where a step goes when it succeeds and says nothing: the next step of its list, back to its loop, or the end. */
function following(list: StepList, index: number): { to: string; kind: GraphEdgeKind } {
  const after = list.steps[index + 1];
  if (after) return { to: after.id, kind: 'next' };
  if (list.parent) return { to: list.parent.id, kind: 'loop-back' };
  return { to: END_NODE_ID, kind: 'next' };
}

/** A branch label fits beside an arrow; the full condition is in the document. */
function shortLabel(text: string): string {
  return text.length > MAX_LABEL_CHARS ? `${text.slice(0, MAX_LABEL_CHARS - 1)}…` : text;
}

interface EdgeContext {
  /** A step name to its node id; undefined for a name that names no step (yet). */
  resolve(name: unknown): string | undefined;
  /** A loop's first inner step. */
  bodyOf(loopId: string): string | undefined;
}

function branchEdges(step: RunbookStep, afterwards: { to: string; kind: GraphEdgeKind }, resolve: EdgeContext['resolve']): GraphEdge[] {
  const inputs = inputsOf(step.step);
  const edges: GraphEdge[] = [];
  if (Array.isArray(inputs.Choices)) {
    for (const choice of inputs.Choices) {
      const to = isRecord(choice) ? resolve(choice.NextStep) : undefined;
      if (to) edges.push({ from: step.id, to, kind: 'branch', label: shortLabel(describeCondition(choice)) });
    }
  }
  // With no Default, AWS carries on with the step after the branch when no choice matches.
  const fallback = inputs.Default === undefined ? afterwards.to : resolve(inputs.Default);
  if (fallback) edges.push({ from: step.id, to: fallback, kind: 'default', label: inputs.Default === undefined ? 'no choice matched' : 'default' });
  return edges;
}

function stepEdges(list: StepList, index: number, context: EdgeContext): GraphEdge[] {
  const { resolve } = context;
  const step = list.steps[index]!;
  const fields = step.step;
  const next = following(list, index);
  const afterwards = fields.isEnd === true ? { to: END_NODE_ID, kind: 'next' as const } : next;
  const edges: GraphEdge[] = [];
  if (step.action === 'aws:branch') {
    edges.push(...branchEdges(step, afterwards, resolve));
  } else if (fields.isEnd === true || fields.nextStep === undefined) {
    edges.push({ from: step.id, ...afterwards });
  } else {
    const to = resolve(fields.nextStep);
    if (to) edges.push({ from: step.id, to, kind: 'next' });
  }
  if (step.action === 'aws:loop') {
    const body = context.bodyOf(step.id);
    if (body) edges.push({ from: step.id, to: body, kind: 'loop-body' });
  }
  const onFailure = stepTarget(fields.onFailure);
  const failureTo = onFailure !== undefined ? resolve(onFailure) : undefined;
  if (failureTo) edges.push({ from: step.id, to: failureTo, kind: 'failure', label: 'on failure' });
  if (fields.onFailure === 'Continue') {
    const to = step.action === 'aws:branch' || fields.nextStep === undefined || fields.isEnd === true ? afterwards.to : resolve(fields.nextStep);
    if (to) edges.push({ from: step.id, to, kind: 'failure', label: 'on failure, continue' });
  }
  const onCancel = stepTarget(fields.onCancel);
  const cancelTo = onCancel !== undefined ? resolve(onCancel) : undefined;
  if (cancelTo) edges.push({ from: step.id, to: cancelTo, kind: 'cancel', label: 'on cancel' });
  return edges;
}

/** The runbook's steps and the ways between them. */
export function runbookGraph(document: unknown): RunbookGraph {
  const lists = readStepLists(document);
  const steps = lists.flatMap((list) => list.steps).sort((a, b) => comparePaths(a.path, b.path));
  const byName = new Map<string, string>();
  for (const step of steps) if (step.name !== '' && !byName.has(step.name)) byName.set(step.name, step.id);
  const bodies = new Map(lists.filter((list) => list.parent && list.steps[0]).map((list) => [list.parent!.id, list.steps[0]!.id]));
  const context: EdgeContext = {
    resolve: (name) => (typeof name === 'string' ? byName.get(name) : undefined),
    bodyOf: (loopId) => bodies.get(loopId),
  };
  const edges = lists.flatMap((list) => list.steps.flatMap((_, index) => stepEdges(list, index, context)));
  const nodes: GraphNode[] = steps.map((step) => ({
    id: step.id,
    name: step.name || formatPath(step.path),
    action: step.action,
    isEnd: step.step.isEnd === true,
    isKnownAction: isAutomationAction(step.action),
    ...(step.parent && { parent: step.parent }),
  }));
  if (edges.some((edge) => edge.to === END_NODE_ID)) nodes.push({ id: END_NODE_ID, name: 'End', action: '', isEnd: true, isKnownAction: false });
  return { nodes, edges };
}

// ---------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------

/**
 * Edges that only order the layout: a loop's exit is drawn below its body, as if it left from the
 * body's last step, so the body sits between the loop and what follows it.
 */
function layoutEdges(graph: RunbookGraph): [string, string][] {
  const pairs: [string, string][] = graph.edges.map((edge) => [edge.from, edge.to]);
  for (const back of graph.edges.filter((edge) => edge.kind === 'loop-back')) {
    for (const exit of graph.edges.filter((edge) => edge.from === back.to && edge.kind === 'next')) pairs.push([back.from, exit.to]);
  }
  return pairs;
}

/** The edges that close a cycle, found depth first from the first step, then from any step not yet seen. */
function backEdges(ids: string[], successors: Map<string, string[]>): Set<string> {
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): void => {
    state.set(id, 'open');
    for (const next of successors.get(id) ?? []) {
      if (state.get(next) === 'open') back.add(`${id}\n${next}`);
      else if (!state.has(next)) visit(next);
    }
    state.set(id, 'done');
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  return back;
}

/** Longest-path layering: each node one row below the lowest of its (forward) predecessors. */
function assignRows(ids: string[], forward: Map<string, string[]>): Map<string, number> {
  const incoming = new Map(ids.map((id) => [id, 0]));
  for (const targets of forward.values()) for (const to of targets) incoming.set(to, (incoming.get(to) ?? 0) + 1);
  const rows = new Map(ids.map((id) => [id, 0]));
  const ready = ids.filter((id) => incoming.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.shift()!;
    for (const to of forward.get(id) ?? []) {
      rows.set(to, Math.max(rows.get(to)!, rows.get(id)! + 1));
      incoming.set(to, incoming.get(to)! - 1);
      if (incoming.get(to) === 0) ready.push(to);
    }
  }
  return rows;
}

/** Row by row, each node under its leftmost parent; nodes that would share a place move right, so branches sit side by side. */
function assignColumns(ids: string[], rows: Map<string, number>, forward: Map<string, string[]>): Map<string, number> {
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [from, targets] of forward) for (const to of targets) parents.get(to)!.push(from);
  const order = new Map(ids.map((id, index) => [id, index]));
  const columns = new Map<string, number>();
  const rowCount = Math.max(0, ...rows.values()) + 1;
  for (let row = 0; row < rowCount; row++) {
    const placed = ids
      .filter((id) => rows.get(id) === row)
      .map((id) => {
        const parentColumns = parents.get(id)!.map((parent) => columns.get(parent)).filter((column): column is number => column !== undefined);
        return { id, wanted: parentColumns.length > 0 ? Math.min(...parentColumns) : 0 };
      })
      .sort((a, b) => a.wanted - b.wanted || order.get(a.id)! - order.get(b.id)!);
    let next = 0;
    for (const { id, wanted } of placed) {
      const column = Math.max(wanted, next);
      columns.set(id, column);
      next = column + 1;
    }
  }
  return columns;
}

/** Rows and columns for each node, so the console can draw the graph as SVG without a layout library. */
export function graphLayout(graph: RunbookGraph): GraphLayout {
  const ids = graph.nodes.map((node) => node.id);
  const known = new Set(ids);
  const successors = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [from, to] of layoutEdges(graph)) {
    if (known.has(from) && known.has(to) && !successors.get(from)!.includes(to)) successors.get(from)!.push(to);
  }
  const back = backEdges(ids, successors);
  const forward = new Map([...successors].map(([from, targets]) => [from, targets.filter((to) => to !== from && !back.has(`${from}\n${to}`))]));
  const rows = assignRows(ids, forward);
  const columns = assignColumns(ids, rows, forward);
  const nodes = graph.nodes.map((node) => ({ ...node, row: rows.get(node.id)!, column: columns.get(node.id)! }));
  const edges = graph.edges
    .filter((edge) => known.has(edge.from) && known.has(edge.to))
    .map((edge) => ({ ...edge, isBackward: rows.get(edge.to)! <= rows.get(edge.from)! }));
  return {
    nodes,
    edges,
    rows: nodes.length === 0 ? 0 : Math.max(...nodes.map((node) => node.row)) + 1,
    columns: nodes.length === 0 ? 0 : Math.max(...nodes.map((node) => node.column)) + 1,
  };
}
