/**
 * Server → agent requests: one `tool:request` event answered through socket.io's ack. The emit
 * goes to the node's room, so with the Redis adapter it reaches the agent on whichever replica
 * holds its connection, and the answer comes back the same way.
 */
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { NODE_ID_PATTERN, toolResponseSchema, toolResultSchemas, type ToolArgs, type ToolName, type ToolRequest, type ToolResult } from '@/agent/protocol';
import { managedNodes, nodeStatusEvents, type ManagedNode } from '@/db/schema';
import { getDb } from '@/server/context';
import { OpsdeckError, notFound } from '@/server/errors';
import { processSlot } from '@/server/process-slot';

/** What the /agent namespace lends this module: emit to a node's room and collect the acks. */
export type AgentToolChannel = (nodeId: string, request: ToolRequest, timeoutMs: number) => Promise<{ timedOut: boolean; responses: unknown[] }>;

// Registered by the server process (server/realtime/agent-namespace.ts).
const channelSlot = processSlot<AgentToolChannel>('agent-tool-channel');

export function setAgentToolChannel(channel: AgentToolChannel): void {
  channelSlot.set(channel);
}

function agentToolChannel(): AgentToolChannel {
  const channel = channelSlot.get();
  if (!channel) throw new OpsdeckError('ServiceUnavailable', 'the agent channel is not running in this server process', 503);
  return channel;
}

export const DEFAULT_AGENT_TIMEOUT_MS = 10_000;

export interface CallAgentOptions {
  timeoutMs?: number;
}

/** Agent-side failure names → HTTP status for the console (the name itself travels as __type). */
const AGENT_ERROR_STATUS: Record<string, number> = { FileNotFound: 404, AgentBusy: 429, ToolFailed: 502 };

function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function minutesAgo(date: Date): string {
  const minutes = Math.round((Date.now() - date.getTime()) / 60_000);
  return minutes < 1 ? 'less than a minute ago' : minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
}

/** "not connected (ConnectionLost since 2025-11-23 12:03:04 UTC, 5 minutes ago: no heartbeat for 6 s)". */
async function notConnected(node: ManagedNode): Promise<OpsdeckError> {
  const [latest] = await getDb()
    .select()
    .from(nodeStatusEvents)
    .where(eq(nodeStatusEvents.nodeId, node.id))
    .orderBy(desc(nodeStatusEvents.at), desc(nodeStatusEvents.id))
    .limit(1);
  let state: string;
  if (!node.lastPingAt && node.pingStatus !== 'Inactive') {
    state = `it has never connected since its registration on ${utc(node.registeredAt)}`;
  } else {
    const since = latest?.pingStatus === node.pingStatus ? latest.at : (node.deregisteredAt ?? node.lastPingAt ?? node.registeredAt);
    const why = latest?.pingStatus === node.pingStatus ? `: ${latest.reason}` : '';
    state = `${node.pingStatus} since ${utc(since)}, ${minutesAgo(since)}${why}`;
  }
  return new OpsdeckError('NodeNotConnected', `The node ${node.id} is not connected (${state}); live views need a connected agent`, 409);
}

export async function findManagedNode(nodeId: string): Promise<ManagedNode> {
  const [row] = NODE_ID_PATTERN.test(nodeId) ? await getDb().select().from(managedNodes).where(eq(managedNodes.id, nodeId)) : [];
  if (!row) throw notFound('InvalidInstanceId', `node '${nodeId}' is not a managed node`);
  return row;
}

/** Asks the agent of a node to run one tool; the answer is checked against the tool's schema. */
export async function callAgent<T extends ToolName>(nodeId: string, tool: T, args: ToolArgs<T>, options: CallAgentOptions = {}): Promise<ToolResult<T>> {
  return callAgentOnNode(await findManagedNode(nodeId), tool, args, options);
}

/** As callAgent, for a node row the caller already loaded (to authorise with its tags). */
export async function callAgentOnNode<T extends ToolName>(node: ManagedNode, tool: T, args: ToolArgs<T>, options: CallAgentOptions = {}): Promise<ToolResult<T>> {
  if (node.pingStatus !== 'Online') throw await notConnected(node);
  const timeoutMs = options.timeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS;
  const request: ToolRequest = { requestId: randomUUID(), tool, args };
  const { timedOut, responses } = await agentToolChannel()(node.id, request, timeoutMs);
  if (responses.length === 0) {
    if (timedOut) {
      throw new OpsdeckError('AgentTimeout', `The agent on ${node.id} did not answer ${tool} within ${timeoutMs / 1000} s; it may be overloaded or its connection half-open`, 504);
    }
    // Online in the database, yet no replica holds a socket for it: it is between connections.
    throw new OpsdeckError('NodeNotConnected', `The node ${node.id} is not connected right now (no server holds its connection; it may be reconnecting); live views need a connected agent`, 409);
  }
  // One connection speaks for a node, but for a moment two may answer; the first valid one wins.
  for (const response of responses) {
    const parsed = toolResponseSchema.safeParse(response);
    if (!parsed.success || parsed.data.requestId !== request.requestId) continue;
    if (!parsed.data.ok) {
      const { code, message } = parsed.data.error;
      throw new OpsdeckError(code, message, AGENT_ERROR_STATUS[code] ?? 400);
    }
    const result = toolResultSchemas[tool].safeParse(parsed.data.result);
    if (!result.success) {
      throw new OpsdeckError('InvalidAgentResponse', `The agent on ${node.id} answered ${tool} with data this server does not understand (${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}); check the agent version`, 502);
    }
    return result.data as ToolResult<T>;
  }
  throw new OpsdeckError('InvalidAgentResponse', `The agent on ${node.id} answered ${tool} with a malformed response; check the agent version`, 502);
}
