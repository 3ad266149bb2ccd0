/**
 * Where the runbook graph's boxes, arrows and loop frames go, in pixels, from the graph's
 * column/row layout (server/automation/graph.ts). Pure, so the drawing has tests and the SVG
 * component only paints what this returns.
 */
import { END_NODE_ID, type GraphEdgeKind, type GraphLayout, type LaidOutEdge, type LaidOutNode } from '@/server/automation/graph';

export type { GraphEdgeKind as EdgeKind, GraphLayout, LaidOutEdge, LaidOutNode } from '@/server/automation/graph';
export { END_NODE_ID };

export const NODE_WIDTH = 188;
export const NODE_HEIGHT = 54;
export const END_WIDTH = 96;
const COLUMN_GAP = 48;
const ROW_GAP = 40;
const PADDING = 24;
/** A loop's frame sits this far outside its body's boxes, with its title above. */
const FRAME_INSET = 12;
const FRAME_TITLE = 16;

export interface PlacedNode extends LaidOutNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends LaidOutEdge {
  path: string;
  /** The words on the edge (its label, or what its kind says), clipped, centred at `at`. */
  tag?: { text: string; at: { x: number; y: number }; width: number };
}

export interface LoopFrame {
  loopId: string;
  title: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedGraph {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  frames: LoopFrame[];
  width: number;
  height: number;
}

/** Edge labels are cut to this many characters (the whole text is the label's tooltip). */
const LABEL_CHARS = 28;
/** The 10px label font's average character width. */
const LABEL_CHAR_WIDTH = 5.8;

/** Words an edge kind carries when the graph gives it no label of its own. */
export const EDGE_WORDS: Partial<Record<GraphEdgeKind, string>> = { default: 'default', failure: 'on failure', cancel: 'on cancel' };

type Point = { x: number; y: number };

const round = (value: number) => Math.round(value * 10) / 10;
const curve = (a: Point, c1: Point, c2: Point, b: Point) => `M${round(a.x)},${round(a.y)} C${round(c1.x)},${round(c1.y)} ${round(c2.x)},${round(c2.y)} ${round(b.x)},${round(b.y)}`;
/** The point halfway along a cubic Bézier, where an edge's label goes. */
const midpoint = (a: Point, c1: Point, c2: Point, b: Point): Point => ({ x: (a.x + 3 * c1.x + 3 * c2.x + b.x) / 8, y: (a.y + 3 * c1.y + 3 * c2.y + b.y) / 8 });

/**
 * An edge's curve between two boxes. Forward to the next row in the same column: straight down.
 * Forward further: down from the bottom into the top, bending between columns; when it would cut
 * through boxes of its own column it goes round the right side. Backward (the layout says so: a
 * loop back, a jump to an earlier step): round the left side. Failure and cancel edges leave from
 * the right side, so they never hide under the normal flow.
 */
function route(edge: LaidOutEdge, from: PlacedNode, to: PlacedNode, sideSlot: number): { path: string; labelAt: Point; side: 'left' | 'right' | 'down' } {
  const isSideExit = edge.kind === 'failure' || edge.kind === 'cancel';
  const sameColumn = to.column === from.column;
  const bulge = 36 + sideSlot * 10;
  let points: [Point, Point, Point, Point];
  let side: 'left' | 'right' | 'down' = 'down';
  if (edge.isBackward) {
    side = 'left';
    const a = { x: from.x, y: from.y + from.height / 2 };
    const b = { x: to.x, y: to.y + to.height / 2 };
    const left = Math.min(a.x, b.x) - bulge;
    points = [a, { x: left, y: a.y }, { x: left, y: b.y }, b];
  } else if (isSideExit || (sameColumn && to.row - from.row > 1)) {
    side = 'right';
    const a = { x: from.x + from.width, y: from.y + from.height / 2 };
    const b = sameColumn ? { x: to.x + to.width, y: to.y + to.height / 2 } : { x: to.x + to.width / 2, y: to.y };
    const right = Math.max(a.x, b.x) + bulge;
    points = sameColumn ? [a, { x: right, y: a.y }, { x: right, y: b.y }, b] : [a, { x: right, y: a.y }, { x: b.x, y: b.y - 40 }, b];
  } else {
    const a = { x: from.x + from.width / 2, y: from.y + from.height };
    const b = { x: to.x + to.width / 2, y: to.y };
    const bend = Math.max(20, (b.y - a.y) / 2);
    points = [a, { x: a.x, y: a.y + bend }, { x: b.x, y: b.y - bend }, b];
  }
  return { path: curve(...points), labelAt: midpoint(...points), side };
}

/** Boxes at their cells, the edges routed between them, and a frame round each loop's body. */
export function placeGraph(layout: GraphLayout): PlacedGraph {
  const cells = new Map(layout.nodes.map((node) => [node.id, node]));
  const usable = layout.edges.filter((edge) => cells.has(edge.from) && cells.has(edge.to));
  // Edges that go round the same side of the same column get a lane each, further out.
  const lanes = new Map<string, number>();
  const slots = usable.map((edge) => {
    const isRight = !edge.isBackward && (edge.kind === 'failure' || edge.kind === 'cancel' || cells.get(edge.to)!.row - cells.get(edge.from)!.row > 1);
    const key = `${edge.isBackward ? 'left' : isRight ? 'right' : 'none'}:${cells.get(edge.from)!.column}`;
    const slot = lanes.get(key) ?? 0;
    lanes.set(key, slot + 1);
    return slot;
  });
  const roomFor = (side: 'left' | 'right') => {
    const counts = [...lanes.entries()].filter(([key]) => key.startsWith(side)).map(([, count]) => count);
    return counts.length === 0 ? 0 : 40 + 10 * Math.max(...counts);
  };
  const left = PADDING + roomFor('left');

  const nodes: PlacedNode[] = layout.nodes.map((node) => {
    const width = node.id === END_NODE_ID ? END_WIDTH : NODE_WIDTH;
    return { ...node, x: left + node.column * (NODE_WIDTH + COLUMN_GAP) + (NODE_WIDTH - width) / 2, y: PADDING + FRAME_TITLE + node.row * (NODE_HEIGHT + ROW_GAP), width, height: NODE_HEIGHT };
  });
  const byId = new Map(nodes.map((node) => [node.id, node]));

  const frames: LoopFrame[] = [];
  for (const loop of nodes) {
    const body = nodes.filter((node) => node.parent === loop.id);
    if (body.length === 0) continue;
    const x = Math.min(...body.map((node) => node.x)) - FRAME_INSET;
    const y = Math.min(...body.map((node) => node.y)) - FRAME_INSET - FRAME_TITLE;
    const right = Math.max(...body.map((node) => node.x + node.width)) + FRAME_INSET;
    const bottom = Math.max(...body.map((node) => node.y + node.height)) + FRAME_INSET;
    frames.push({ loopId: loop.id, title: `loop body of ${loop.name}`, x, y, width: right - x, height: bottom - y });
  }

  const edges: PlacedEdge[] = usable.map((edge, index) => {
    const { path, labelAt, side } = route(edge, byId.get(edge.from)!, byId.get(edge.to)!, slots[index]!);
    const words = edge.label ?? EDGE_WORDS[edge.kind];
    if (!words) return { ...edge, path };
    const text = clip(words, LABEL_CHARS);
    const width = text.length * LABEL_CHAR_WIDTH + 10;
    // An edge round the side carries its label outwards, off the boxes it passes; a label never
    // sticks out on the left, and the drawing grows to the right to hold it.
    const centre = side === 'right' ? labelAt.x + width / 2 - 6 : side === 'left' ? labelAt.x - width / 2 + 6 : labelAt.x;
    return { ...edge, path, tag: { text, width, at: { x: Math.max(centre, width / 2 + 4), y: labelAt.y } } };
  });

  const columns = Math.max(1, layout.columns);
  const rows = Math.max(1, layout.rows);
  const labelsRight = Math.max(0, ...edges.map((edge) => (edge.tag ? edge.tag.at.x + edge.tag.width / 2 + 8 : 0)));
  return {
    nodes,
    edges,
    frames,
    width: Math.max(left + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP + Math.max(PADDING, roomFor('right') + 8), labelsRight),
    height: PADDING * 2 + FRAME_TITLE + rows * NODE_HEIGHT + (rows - 1) * ROW_GAP + FRAME_INSET,
  };
}

/** The status each step shows: its latest step execution's (a loop body runs once per iteration). */
export function statusByStep(steps: readonly { StepName: string; StepStatus: string }[]): Map<string, string> {
  const statuses = new Map<string, string>();
  for (const step of steps) statuses.set(step.StepName, step.StepStatus);
  return statuses;
}

/** "restartTheServiceOnTh…": SVG text does not wrap or ellipsize by itself. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
