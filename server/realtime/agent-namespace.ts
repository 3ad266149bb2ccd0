import type { Namespace, Server, Socket } from 'socket.io';
import {
  AGENT_NAMESPACE,
  agentAuthSchema,
  heartbeatSchema,
  inventoryPutSchema,
  patchEvaluateSchema,
  patchReportSchema,
  type AgentToServerEvents,
  type ServerCallAnswer,
  type ServerToAgentEvents,
} from '@/agent/protocol';
import { authenticateNode, markNodeConnected, markNodeDisconnected, recordHeartbeat } from '@/server/fleet/presence';
import { setAgentToolChannel } from '@/server/fleet/agent-rpc';
import { recordClockSkew } from '@/server/fleet/diagnosis';
import { isOpsdeckError } from '@/server/errors';
import { storeNodeInventory } from '@/server/inventory/agent-calls';
import { evaluateNodePatches, storePatchReport } from '@/server/patch-manager/agent-calls';
import { scanIfRebooted } from '@/server/patch-manager/scan-after-reboot';
import type { z } from 'zod';
import type { RunCommandEngine } from '@/server/runcommand/engine';
import { maybeSessionRelay, type AgentSessionChannel, type RelayClusterMessage } from '@/server/sessions/relay';

interface AgentSocketData {
  nodeId: string;
  /** The clock skew last stored for this connection, so steady heartbeats do not rewrite it. */
  clockSkewMs?: number;
  /** When the node booted, as it said when it connected. */
  bootedAt?: number;
}
type AgentSocket = Socket<AgentToServerEvents, ServerToAgentEvents, Record<string, never>, AgentSocketData>;
type AgentNamespace = Namespace<AgentToServerEvents, ServerToAgentEvents, Record<string, never>, AgentSocketData>;

export const nodeRoom = (nodeId: string) => `node:${nodeId}`;

/** Skew changes smaller than this are network jitter, not worth a write. */
const SKEW_WRITE_THRESHOLD_MS = 1_000;

function refusal(code: string, message: string): Error {
  // socket.io hands `message` and `data` of a middleware error to the client's connect_error.
  return Object.assign(new Error(code), { data: { message } });
}

function logFailure(what: string, nodeId: string) {
  return (error: unknown) => console.error(`[agent ${nodeId}] ${what} failed: ${(error as Error).message}`);
}

/**
 * Answers a plugin's call (inventory upload, patch evaluation): the payload is checked first, and
 * any failure reaches the step as words in its output rather than as a timeout.
 */
function answerCall<S extends z.ZodTypeAny, T>(nodeId: string, event: string, schema: S, handle: (payload: z.infer<S>) => Promise<T>) {
  return (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const reply = ack as (answer: ServerCallAnswer<T>) => void;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply({ ok: false, error: `${event}: ${issue?.path.join('.') || 'payload'}: ${issue?.message}` });
    }
    handle(parsed.data).then(
      (result) => reply({ ok: true, result }),
      (error: unknown) => {
        if (!isOpsdeckError(error)) console.error(`[agent ${nodeId}] ${event} failed: ${(error as Error).message}`);
        reply({ ok: false, error: isOpsdeckError(error) ? error.message : `${event}: the server could not store this; see its log` });
      },
    );
  };
}

/** Registers the /agent namespace; `drain` waits for presence writes still in flight (for shutdown). */
/** Session Manager's messages between replicas (server/sessions/relay.ts, RelayClusterMessage). */
const SESSION_CLUSTER_EVENT = 'session:relay';

export function registerAgentNamespace(
  io: Server,
  heartbeatSeconds: number,
  commands: RunCommandEngine,
  options: { isClustered?: boolean } = {},
): { drain(): Promise<void>; sessionChannel: AgentSessionChannel } {
  const namespace = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  setAgentToolChannel(
    (nodeId, request, timeoutMs) =>
      new Promise((resolve) => {
        // With the Redis adapter the acks of sockets on other replicas come back here too.
        namespace
          .to(nodeRoom(nodeId))
          .timeout(timeoutMs)
          .emit('tool:request', request, (error: Error | null, responses: unknown[]) => resolve({ timedOut: error !== null, responses: responses ?? [] }));
      }),
  );

  /** Session Manager's way to its agents: emits and acked requests to a node's room. */
  const sessionChannel: AgentSessionChannel = {
    emit: (nodeId, event, payload) => {
      (namespace.to(nodeRoom(nodeId)).emit as (event: string, payload: unknown) => void)(event, payload);
    },
    request: <T>(nodeId: string, event: string, payload: unknown, timeoutMs: number) =>
      new Promise<T | undefined>((resolve) => {
        (namespace.to(nodeRoom(nodeId)).timeout(timeoutMs).emit as (event: string, payload: unknown, ack: (error: Error | null, answers: T[]) => void) => void)(event, payload, (_error, answers) =>
          resolve(answers?.[0]),
        );
      }),
    // The Redis adapter carries these to every other replica (Buffers included).
    toOtherReplicas: options.isClustered ? (message) => (namespace.serverSideEmit as (event: string, message: RelayClusterMessage) => void)(SESSION_CLUSTER_EVENT, message) : undefined,
  };
  if (options.isClustered) {
    (namespace.on as (event: string, listener: (message: RelayClusterMessage) => void) => void)(SESSION_CLUSTER_EVENT, (message) => maybeSessionRelay()?.handleClusterMessage(message));
  }

  /** The agent's clock (sentAt) against ours, stored only when it moved by a second or more. */
  const noteClock = (socket: AgentSocket, sentAt: number | undefined) => {
    if (sentAt === undefined || !Number.isFinite(sentAt)) return;
    const skewMs = Math.round(sentAt - Date.now());
    const previous = socket.data.clockSkewMs;
    if (previous !== undefined && Math.abs(skewMs - previous) < SKEW_WRITE_THRESHOLD_MS) return;
    socket.data.clockSkewMs = skewMs;
    track(recordClockSkew(socket.data.nodeId, skewMs).catch(logFailure('clock skew', socket.data.nodeId)));
  };

  namespace.use(async (socket: AgentSocket, next) => {
    const auth = agentAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      return next(refusal('InvalidNodeCredentials', `bad handshake: ${auth.error.issues[0]?.message}`));
    }
    try {
      const node = await authenticateNode(auth.data);
      socket.data.nodeId = node.id;
      socket.data.bootedAt = auth.data.metadata.bootedAt;
      await markNodeConnected(node.id, socket.id, auth.data.metadata);
      noteClock(socket, auth.data.sentAt);
      next();
    } catch (error) {
      if (isOpsdeckError(error)) return next(refusal(error.code, error.message));
      console.error(`[agent] handshake failed: ${(error as Error).message}`);
      next(refusal('ServiceUnavailable', 'the server cannot check credentials right now'));
    }
  });

  namespace.on('connection', (socket: AgentSocket) => {
    const { nodeId } = socket.data;
    // A node has one voice: a reconnect replaces whatever older connection is still open.
    // Except this socket: with the Redis adapter the request comes back to this replica through
    // Redis after the join below, and would close the new connection too (a reconnect loop).
    namespace.in(nodeRoom(nodeId)).except(socket.id).disconnectSockets(true);
    void socket.join(nodeRoom(nodeId));
    socket.emit('welcome', { nodeId, heartbeatSeconds });
    // Runs it may have missed while away (or while this server was down), and those that waited for it.
    track(commands.nodeConnected(nodeId).catch(logFailure('command resend', nodeId)));
    // Back from the reboot an Install asked for: scanned again, as AWS-RunPatchBaseline does.
    track(scanIfRebooted(nodeId, socket.data.bootedAt).catch(logFailure('scan after reboot', nodeId)));
    socket.on('command:started', (payload) => commands.onStarted(payload));
    // Session Manager: this node's sessions resume on the new connection; output and ends go to the relay.
    maybeSessionRelay()?.agentConnected(nodeId, socket.id);
    socket.on('session:output', (payload) => maybeSessionRelay()?.agentOutput(nodeId, payload));
    socket.on('session:closed', (payload) => maybeSessionRelay()?.agentClosed(nodeId, payload));
    socket.on('session:input-ack', (payload) => maybeSessionRelay()?.agentInputAck(nodeId, payload));
    socket.on('command:output', (payload, ack) => {
      if (typeof ack === 'function') commands.onOutput(payload, ack);
    });
    socket.on('command:result', (payload, ack) => {
      if (typeof ack === 'function') commands.onResult(payload, ack);
    });

    socket.on('inventory:put', answerCall(nodeId, 'inventory:put', inventoryPutSchema, (put) => storeNodeInventory(nodeId, put)));
    socket.on('patch:evaluate', answerCall(nodeId, 'patch:evaluate', patchEvaluateSchema, (request) => evaluateNodePatches(nodeId, request)));
    socket.on(
      'patch:report',
      answerCall(nodeId, 'patch:report', patchReportSchema, async (report) => {
        await storePatchReport(nodeId, report);
        return { stored: true as const };
      }),
    );

    socket.on('heartbeat', (payload) => {
      const heartbeat = heartbeatSchema.safeParse(payload);
      if (!heartbeat.success) return;
      noteClock(socket, heartbeat.data.sentAt);
      track(
        recordHeartbeat(nodeId, socket.id)
          .then((isCurrent) => {
            if (!isCurrent) socket.disconnect(true);
          })
          .catch(logFailure('heartbeat', nodeId)),
      );
    });
    socket.on('disconnect', () => {
      maybeSessionRelay()?.agentDisconnected(nodeId, socket.id);
      track(markNodeDisconnected(nodeId, socket.id).catch(logFailure('disconnect', nodeId)));
    });
  });

  return {
    sessionChannel,
    async drain() {
      await Promise.allSettled([...inFlight]);
    },
  };
}
