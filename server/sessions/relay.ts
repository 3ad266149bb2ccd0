import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import {
  SESSION_CHUNK_BYTES,
  sessionClosedSchema,
  sessionInputAckSchema,
  sessionOutputSchema,
  type SessionKind,
  type SessionOpen,
  type SessionOpenAnswer,
  type SessionOutput,
  type SessionReattachAnswer,
} from '@/agent/protocol';
import { sessions } from '@/db/schema';
import { recordAuditEvent } from '@/server/audit/service';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError } from '@/server/errors';
import { sessionArn } from '@/server/identity/arn';
import { SESSION_EVENTS, type SessionStatus } from './console-contract';
import { SessionRecorder } from './recording';
import { processSlot } from '@/server/process-slot';

/**
 * The live half of Session Manager: each open session's relay between its clients (browser tabs
 * on /console, the CLI on /session-stream) and its node's agent, with flow control, recording,
 * idle and duration limits, and grace periods for clients and nodes that drop.
 *
 * Flow control: the agent stops reading a session's PTY once SESSION_WINDOW_BYTES of output are
 * unacknowledged. The relay acknowledges a chunk to the agent once every attached client has
 * acknowledged it (xterm's write callback), or at once when no client is attached (the output is
 * then recorded and kept in a bounded replay buffer). So per session at most one window of output
 * is in this process, however fast the node prints: `cat` of 100 MB keeps the server's memory flat.
 *
 * One replica relays a session: the one its start reached (the relay keeps its state in memory).
 * Towards the agent, rooms reach it on whichever replica holds its connection; from the agent,
 * that replica passes the session's events on (RelayClusterMessage).
 */

/**
 * Output a reattaching client can get back, per session, beyond what the agent has not had
 * acknowledged (that is always kept: it is at most one window).
 */
export const REPLAY_BUFFER_BYTES = 256 * 1024;
/** A session nobody attached to yet (StartSession from the API without a client) waits this long at most. */
const FIRST_ATTACH_MS = 60_000;
const SWEEP_MS = 1000;
/** Pending recording events are written at least this often. */
const RECORDING_FLUSH_MS = 5000;
const AGENT_REQUEST_TIMEOUT_MS = 15_000;
/** Recording waiting for the database beyond this holds acknowledgements: the node slows to what the database stores. */
const RECORDING_BACKLOG_BYTES = 2 * 1024 * 1024;

/** How the relay reaches agents; lent by the /agent namespace (server/realtime/agent-namespace.ts). */
export interface AgentSessionChannel {
  /** To the node's agent on whichever replica holds its connection (the socket.io adapter's rooms). */
  emit(nodeId: string, event: string, payload: unknown): void;
  /** The agent's answer, or undefined when no connected agent answered in time. */
  request<T>(nodeId: string, event: string, payload: unknown, timeoutMs: number): Promise<T | undefined>;
  /** With several replicas (the Redis adapter): to the relays of every other replica. */
  toOtherReplicas?(message: RelayClusterMessage): void;
}

type AgentEvent = 'session:output' | 'session:closed' | 'session:input-ack';

// The Redis adapter sends server-side messages as JSON, where a Buffer would arrive as an array
// of numbers: output crosses as base64 and is turned back into bytes on the other side.
function toWire(output: SessionOutput): unknown {
  return { ...output, data: Buffer.from(output.data).toString('base64') };
}

function fromWire(payload: unknown): unknown {
  const output = payload as { data?: unknown };
  return typeof output?.data === 'string' ? { ...output, data: Buffer.from(output.data, 'base64') } : payload;
}

/**
 * Between replicas. A session is relayed by the replica its start reached; the node's agent may
 * be connected to another one. That replica passes the agent's session events on (rooms already
 * carry everything towards the agent), and says when the node connects or drops; a terminate that
 * reached a replica without the session is passed on too.
 */
export type RelayClusterMessage =
  | { kind: 'agent-event'; nodeId: string; event: AgentEvent; payload: unknown }
  | { kind: 'agent-connected' | 'agent-disconnected'; nodeId: string; socketId: string }
  | { kind: 'terminate'; sessionId: string; reason: string };

/** One attached client (a socket). */
export interface RelayClient {
  id: string;
  emit(event: string, payload: unknown): void;
}

export interface LiveSessionInit {
  id: string;
  nodeId: string;
  owner: string;
  ownerUserId: string;
  kind: SessionKind;
  runAs: string;
  startedAt: Date;
  cols: number;
  rows: number;
  idleMs: number;
  maxMs: number;
  graceMs: number;
}

interface AttachedClient {
  client: RelayClient;
  ackedSeq: number;
}

interface LiveSession extends LiveSessionInit {
  status: SessionStatus;
  nextSeq: number;
  replay: { seq: number; data: Buffer }[];
  replayBytes: number;
  clients: Map<string, AttachedClient>;
  agentAckedSeq: number;
  recorder: SessionRecorder;
  lastActivityMs: number;
  isIdleWarned: boolean;
  clientlessSinceMs?: number;
  nodeLostSinceMs?: number;
  hasEverAttached: boolean;
  lastFlushMs: number;
  isEnding: boolean;
  /** Set once the agent answered session:open; until then output is accepted but the status is Connecting. */
  isOpen: boolean;
  /** The node ended the session; it ends here once the clients have rendered the last output. */
  endingReason?: string;
  /** Acknowledgements are held until the recording's backlog is stored. */
  isWaitingForRecording: boolean;
  /** Input flow control: the relay's input counter, and whom to tell when the node took which input. */
  nextInputSeq: number;
  inputAcks: Map<number, { clientId: string; seq: number }>;
}

export interface AttachResult {
  status: SessionStatus;
  idleTimeoutSeconds: number;
  maxDurationSeconds: number;
  nodeId: string;
  runAs: string;
  kind: SessionKind;
}

function minutes(ms: number): string {
  const value = ms / 60_000;
  if (value < 1) return `${Math.round(ms / 1000)} seconds`;
  return `${Number(value.toFixed(1))} minute${value === 1 ? '' : 's'}`;
}

function logFailure(what: string) {
  return (error: Error) => console.error(`[sessions] ${what}: ${error.message}`);
}

export class SessionRelay {
  private readonly live = new Map<string, LiveSession>();
  /** The socket that speaks for each node now; a late disconnect of an older one is ignored. */
  private readonly agentSockets = new Map<string, string>();
  private sweeper?: NodeJS.Timeout;
  /** Where the CLI connects (StartSession's StreamUrl): this server's address, known once it listens. */
  streamBaseUrl = 'http://127.0.0.1:3000';

  constructor(private readonly channel: AgentSessionChannel) {}

  start(): void {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Ends every session this process relays: they cannot outlive their relay. */
  async stop(reason = 'the server stopped'): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.live.values()].map((session) => this.end(session, 'Terminated', reason)));
  }

  get size(): number {
    return this.live.size;
  }

  isLive(sessionId: string): boolean {
    return this.live.has(sessionId);
  }

  /** Opens a session on its node; the row exists already. Output that races the answer is kept. */
  async open(init: LiveSessionInit, open: SessionOpen): Promise<SessionOpenAnswer> {
    const now = Date.now();
    const session: LiveSession = {
      ...init,
      status: 'Connecting',
      nextSeq: 0,
      replay: [],
      replayBytes: 0,
      clients: new Map(),
      agentAckedSeq: -1,
      recorder: new SessionRecorder(
        init.id,
        init.startedAt.getTime(),
        { version: 2, width: init.cols, height: init.rows, timestamp: Math.floor(init.startedAt.getTime() / 1000), title: `${init.id} on ${init.nodeId}`, env: { TERM: 'xterm-256color' } },
        // As AWS, the bytes of port forwarding and SSH sessions are not logged (they are the
        // client's protocol, SSH's encrypted): the recording holds when and who, not what.
        init.kind === 'shell' || init.kind === 'command',
      ),
      lastActivityMs: now,
      isIdleWarned: false,
      clientlessSinceMs: now,
      hasEverAttached: false,
      lastFlushMs: now,
      isEnding: false,
      isOpen: false,
      isWaitingForRecording: false,
      nextInputSeq: 0,
      inputAcks: new Map(),
    };
    this.live.set(init.id, session);
    const answer = await this.channel.request<SessionOpenAnswer>(init.nodeId, 'session:open', open, AGENT_REQUEST_TIMEOUT_MS);
    if (!answer?.ok) {
      this.live.delete(init.id);
      // A slow agent may still open it: tell it to close whatever it opened.
      this.channel.emit(init.nodeId, 'session:close', { sessionId: init.id, reason: 'the session failed to start' });
      return answer ?? { ok: false, error: 'NodeNotConnected', message: `the agent on ${init.nodeId} did not answer within ${AGENT_REQUEST_TIMEOUT_MS / 1000} s` };
    }
    session.isOpen = true;
    session.runAs = answer.runAs;
    return answer;
  }

  /** A client joins (the first tab, a new tab, the CLI, or a reconnect) and gets output from `fromSeq` on. */
  attach(client: RelayClient, sessionId: string, fromSeq: number, size?: { cols: number; rows: number }): AttachResult {
    const session = this.require(sessionId);
    const wasResume = session.hasEverAttached;
    session.clients.set(client.id, { client, ackedSeq: Math.max(-1, fromSeq - 1) });
    session.hasEverAttached = true;
    session.clientlessSinceMs = undefined;
    for (const chunk of session.replay) {
      if (chunk.seq >= fromSeq) client.emit(SESSION_EVENTS.output, { sessionId, seq: chunk.seq, data: chunk.data });
    }
    if (size && (size.cols !== session.cols || size.rows !== session.rows)) this.resize(client, sessionId, size.cols, size.rows);
    if (session.nodeLostSinceMs === undefined) this.setStatus(session, 'Connected');
    void getDb()
      .update(sessions)
      .set({ attachCount: sql`${sessions.attachCount} + 1` })
      .where(eq(sessions.id, sessionId))
      .catch(logFailure('attach count'));
    if (wasResume) session.lastActivityMs = Date.now();
    return {
      status: session.status,
      idleTimeoutSeconds: Math.round(session.idleMs / 1000),
      maxDurationSeconds: Math.round(session.maxMs / 1000),
      nodeId: session.nodeId,
      runAs: session.runAs,
      kind: session.kind,
    };
  }

  /** A client leaves (closed tab, dropped network): the session waits its grace period for one to come back. */
  detach(client: RelayClient, sessionId: string): void {
    const session = this.live.get(sessionId);
    if (!session?.clients.delete(client.id)) return;
    for (const [seq, pending] of session.inputAcks) if (pending.clientId === client.id) session.inputAcks.delete(seq);
    if (session.clients.size === 0) {
      if (session.endingReason !== undefined) return void this.end(session, 'Terminated', session.endingReason);
      session.clientlessSinceMs = Date.now();
      if (session.nodeLostSinceMs === undefined) this.setStatus(session, 'Disconnected', `no client attached; the session waits ${minutes(session.graceMs)} for one`);
    }
    this.ackAgent(session);
  }

  /** Every session a closing socket had attached. */
  detachEverywhere(client: RelayClient): void {
    for (const session of this.live.values()) if (session.clients.has(client.id)) this.detach(client, session.id);
  }

  isAttached(client: RelayClient, sessionId: string): boolean {
    return this.live.get(sessionId)?.clients.has(client.id) ?? false;
  }

  /** Input for the node; with `clientSeq`, the client hears `session:input-ack` once the node took it. */
  input(client: RelayClient, sessionId: string, data: Buffer | string, clientSeq?: number): void {
    const session = this.requireAttached(client, sessionId);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    session.recorder.input(bytes);
    this.touch(session);
    for (let start = 0; start < bytes.length; start += SESSION_CHUNK_BYTES) {
      const isLast = start + SESSION_CHUNK_BYTES >= bytes.length;
      let seq: number | undefined;
      if (isLast && clientSeq !== undefined) {
        seq = session.nextInputSeq++;
        session.inputAcks.set(seq, { clientId: client.id, seq: clientSeq });
      }
      this.channel.emit(session.nodeId, 'session:input', { sessionId, data: bytes.subarray(start, start + SESSION_CHUNK_BYTES), seq });
    }
  }

  resize(client: RelayClient, sessionId: string, cols: number, rows: number): void {
    const session = this.requireAttached(client, sessionId);
    if (session.kind !== 'shell' && session.kind !== 'command') return;
    session.cols = cols;
    session.rows = rows;
    session.recorder.resize(cols, rows);
    this.channel.emit(session.nodeId, 'session:resize', { sessionId, cols, rows });
  }

  /** A client rendered everything up to `seq`. */
  ack(client: RelayClient, sessionId: string, seq: number): void {
    const session = this.live.get(sessionId);
    const attached = session?.clients.get(client.id);
    if (!session || !attached) return;
    attached.ackedSeq = Math.max(attached.ackedSeq, Math.min(seq, session.nextSeq - 1));
    this.ackAgent(session);
    if (session.endingReason !== undefined && this.isRenderedByAll(session)) void this.end(session, 'Terminated', session.endingReason);
  }

  /** Writes out the recording's pending events (before someone reads the recording of a live session). */
  async flushRecording(sessionId: string): Promise<void> {
    await this.live.get(sessionId)?.recorder.flush();
  }

  /** Ends a session relayed here (true); with several replicas, asks the others to end it if it is not (false: the caller ends the row). */
  async terminate(sessionId: string, reason: string): Promise<boolean> {
    const session = this.live.get(sessionId);
    if (!session) {
      this.channel.toOtherReplicas?.({ kind: 'terminate', sessionId, reason });
      return false;
    }
    await this.end(session, 'Terminated', reason);
    return true;
  }

  /** A message from another replica's relay (see RelayClusterMessage). */
  handleClusterMessage(message: RelayClusterMessage): void {
    switch (message.kind) {
      case 'agent-event':
        if (message.event === 'session:output') this.agentOutput(message.nodeId, fromWire(message.payload), true);
        else if (message.event === 'session:closed') this.agentClosed(message.nodeId, message.payload, true);
        else this.agentInputAck(message.nodeId, message.payload, true);
        return;
      case 'agent-connected':
        return this.agentConnected(message.nodeId, message.socketId, true);
      case 'agent-disconnected':
        return this.agentDisconnected(message.nodeId, message.socketId, true);
      case 'terminate': {
        const session = this.live.get(message.sessionId);
        if (session) void this.end(session, 'Terminated', message.reason);
      }
    }
  }

  /** For file transfer: the agent's answer about a live session's file. */
  async requestFile<T>(sessionId: string, event: 'session:file-write' | 'session:file-read', payload: Record<string, unknown>): Promise<T> {
    const session = this.require(sessionId);
    if (session.nodeLostSinceMs !== undefined) throw new OpsdeckError('NodeNotConnected', `the node ${session.nodeId} is reconnecting; try again in a moment`, 409);
    const answer = await this.channel.request<T>(session.nodeId, event, { sessionId, ...payload }, 30_000);
    if (answer === undefined) throw new OpsdeckError('AgentTimeout', `the agent on ${session.nodeId} did not answer within 30 s`, 504);
    return answer;
  }

  // ---- the agent's side --------------------------------------------------------------------

  agentOutput(nodeId: string, raw: unknown, isForwarded = false): void {
    const parsed = sessionOutputSchema.safeParse(raw);
    if (!parsed.success) return;
    const { sessionId, seq } = parsed.data;
    if (!isForwarded && this.forwardIfElsewhere(nodeId, 'session:output', sessionId, parsed.data)) return;
    const session = this.live.get(sessionId);
    // A node speaks only for its own sessions.
    if (!session || session.nodeId !== nodeId || session.isEnding) return;
    // A chunk already stored (replayed after a reconnect) or one past a gap the replay will fill.
    if (seq !== session.nextSeq) return;
    session.nextSeq += 1;
    const data = Buffer.isBuffer(parsed.data.data) ? parsed.data.data : Buffer.from(parsed.data.data);
    session.recorder.output(data);
    this.remember(session, seq, data);
    this.touch(session);
    for (const { client } of session.clients.values()) client.emit(SESSION_EVENTS.output, { sessionId, seq, data });
    if (session.clients.size === 0) this.ackAgent(session);
  }

  /** The node took some input: the client that sent it may send more. */
  agentInputAck(nodeId: string, raw: unknown, isForwarded = false): void {
    const parsed = sessionInputAckSchema.safeParse(raw);
    if (!parsed.success) return;
    if (!isForwarded && this.forwardIfElsewhere(nodeId, 'session:input-ack', parsed.data.sessionId, parsed.data)) return;
    const session = this.live.get(parsed.data.sessionId);
    const pending = session?.nodeId === nodeId ? session.inputAcks.get(parsed.data.seq) : undefined;
    if (!session || !pending) return;
    session.inputAcks.delete(parsed.data.seq);
    session.clients.get(pending.clientId)?.client.emit(SESSION_EVENTS.inputAck, { sessionId: session.id, seq: pending.seq });
  }

  agentClosed(nodeId: string, raw: unknown, isForwarded = false): void {
    const parsed = sessionClosedSchema.safeParse(raw);
    if (!parsed.success) return;
    if (!isForwarded && this.forwardIfElsewhere(nodeId, 'session:closed', parsed.data.sessionId, parsed.data)) return;
    const session = this.live.get(parsed.data.sessionId);
    if (!session || session.nodeId !== nodeId) return;
    // A port forward's last bytes (or a command's last lines) may still be on their way to a
    // client, or no client attached yet (the CLI connects after StartSession answers): the session
    // ends once they are rendered, or when the client grace period runs out.
    if (session.hasEverAttached && (session.clients.size === 0 || this.isRenderedByAll(session))) {
      void this.end(session, 'Terminated', parsed.data.reason);
      return;
    }
    session.endingReason = parsed.data.reason;
  }

  /** A node's agent (re)connected: every session of that node is reattached from the next chunk the relay lacks. */
  agentConnected(nodeId: string, socketId: string, isForwarded = false): void {
    if (!isForwarded) this.channel.toOtherReplicas?.({ kind: 'agent-connected', nodeId, socketId });
    this.agentSockets.set(nodeId, socketId);
    const known: string[] = [];
    for (const session of this.live.values()) {
      if (session.nodeId !== nodeId || session.isEnding) continue;
      known.push(session.id);
      if (session.isOpen) void this.reattach(session);
    }
    // Sessions a previous server process opened on this node are over: the agent closes them now.
    // With several replicas no one relay knows them all: the agent's grace period ends those.
    if (!this.channel.toOtherReplicas && !isForwarded) this.channel.emit(nodeId, 'session:known', { sessionIds: known });
  }

  agentDisconnected(nodeId: string, socketId: string, isForwarded = false): void {
    if (!isForwarded) this.channel.toOtherReplicas?.({ kind: 'agent-disconnected', nodeId, socketId });
    if (this.agentSockets.get(nodeId) !== socketId) return;
    this.agentSockets.delete(nodeId);
    const now = Date.now();
    for (const session of this.live.values()) {
      if (session.nodeId !== nodeId || session.isEnding) continue;
      session.nodeLostSinceMs ??= now;
      this.setStatus(session, 'Disconnected', `the node's connection dropped; waiting up to ${minutes(session.graceMs)} for it to come back`);
    }
  }

  // ---- internals -------------------------------------------------------------------------

  /** An agent event for a session another replica relays goes there (with a single replica, nowhere). */
  private forwardIfElsewhere(nodeId: string, event: AgentEvent, sessionId: string, payload: unknown): boolean {
    if (this.live.has(sessionId) || !this.channel.toOtherReplicas) return false;
    this.channel.toOtherReplicas({ kind: 'agent-event', nodeId, event, payload: event === 'session:output' ? toWire(payload as SessionOutput) : payload });
    return true;
  }

  private async reattach(session: LiveSession): Promise<void> {
    const answer = await this.channel.request<SessionReattachAnswer>(session.nodeId, 'session:reattach', { sessionId: session.id, fromSeq: session.nextSeq }, AGENT_REQUEST_TIMEOUT_MS);
    if (session.isEnding) return;
    if (answer?.ok) {
      session.nodeLostSinceMs = undefined;
      // The agent counts everything before fromSeq as acknowledged.
      session.agentAckedSeq = Math.max(session.agentAckedSeq, session.nextSeq - 1);
      // A resize sent while the node was away was lost with it.
      if (session.kind === 'shell' || session.kind === 'command') this.channel.emit(session.nodeId, 'session:resize', { sessionId: session.id, cols: session.cols, rows: session.rows });
      this.setStatus(session, session.clients.size > 0 ? 'Connected' : 'Disconnected');
      return;
    }
    if (answer) await this.end(session, 'Terminated', answer.message);
    // No answer: the grace period decides.
  }

  private require(sessionId: string): LiveSession {
    const session = this.live.get(sessionId);
    if (!session || session.isEnding) throw new OpsdeckError('InvalidSession', `session ${sessionId} is not active (it ended, or another server relays it)`, 404);
    if (!session.isOpen) throw new OpsdeckError('InvalidSession', `session ${sessionId} is still starting`, 409);
    return session;
  }

  private requireAttached(client: RelayClient, sessionId: string): LiveSession {
    const session = this.require(sessionId);
    if (!session.clients.has(client.id)) throw new OpsdeckError('InvalidSession', `attach to session ${sessionId} first`, 409);
    return session;
  }

  private touch(session: LiveSession): void {
    session.lastActivityMs = Date.now();
    session.isIdleWarned = false;
  }

  /** Keeps output for replay: everything the agent has not had acknowledged, and some history before it. */
  private remember(session: LiveSession, seq: number, data: Buffer): void {
    session.replay.push({ seq, data });
    session.replayBytes += data.length;
    this.trimReplay(session);
  }

  private trimReplay(session: LiveSession): void {
    while (session.replay.length > 1 && session.replay[0]!.seq <= session.agentAckedSeq && session.replayBytes - session.replay[0]!.data.length >= REPLAY_BUFFER_BYTES) {
      session.replayBytes -= session.replay.shift()!.data.length;
    }
  }

  private isRenderedByAll(session: LiveSession): boolean {
    for (const attached of session.clients.values()) if (attached.ackedSeq < session.nextSeq - 1) return false;
    return session.clients.size > 0;
  }

  /**
   * Acknowledges to the agent what every attached client has rendered (everything, with none
   * attached). Before the first client attaches nothing is acknowledged: the agent holds (and
   * pauses) so the first client gets the output from its first byte.
   */
  private ackAgent(session: LiveSession): void {
    if (!session.hasEverAttached || session.isWaitingForRecording) return;
    // The record comes first: if the database falls behind, so does the node, and memory stays bounded.
    if (session.recorder.unstoredBytes > RECORDING_BACKLOG_BYTES) {
      session.isWaitingForRecording = true;
      void session.recorder.stored().then(() => {
        session.isWaitingForRecording = false;
        if (!session.isEnding) this.ackAgent(session);
      });
      return;
    }
    let upTo = session.nextSeq - 1;
    for (const attached of session.clients.values()) upTo = Math.min(upTo, attached.ackedSeq);
    if (upTo <= session.agentAckedSeq) return;
    session.agentAckedSeq = upTo;
    this.channel.emit(session.nodeId, 'session:ack', { sessionId: session.id, seq: upTo });
    this.trimReplay(session);
  }

  private setStatus(session: LiveSession, status: SessionStatus, reason?: string): void {
    if (session.status === status) return;
    session.status = status;
    for (const { client } of session.clients.values()) client.emit(SESSION_EVENTS.status, { sessionId: session.id, status, reason });
    void getDb().update(sessions).set({ status }).where(eq(sessions.id, session.id)).catch(logFailure('status update'));
  }

  private sweep(): void {
    const now = Date.now();
    for (const session of this.live.values()) {
      if (session.isEnding || !session.isOpen) continue;
      const limitReason = this.limitReached(session, now);
      if (limitReason) {
        void this.end(session, 'Terminated', limitReason);
        continue;
      }
      this.warnIfIdle(session, now);
      if (session.recorder.hasPending && now - session.lastFlushMs >= RECORDING_FLUSH_MS) {
        session.lastFlushMs = now;
        void session.recorder.flush();
      }
    }
  }

  private limitReached(session: LiveSession, now: number): string | undefined {
    if (session.nodeLostSinceMs !== undefined && now - session.nodeLostSinceMs >= session.graceMs) return `the node did not reconnect within ${minutes(session.graceMs)}`;
    const clientWait = session.hasEverAttached ? session.graceMs : Math.min(session.graceMs, FIRST_ATTACH_MS);
    if (session.clientlessSinceMs !== undefined && now - session.clientlessSinceMs >= clientWait) {
      return session.hasEverAttached ? `no client reattached within ${minutes(clientWait)}` : `no client attached within ${minutes(clientWait)} of the start`;
    }
    if (now - session.lastActivityMs >= session.idleMs) return `idle for ${minutes(session.idleMs)} (the idle timeout)`;
    if (session.maxMs > 0 && now - session.startedAt.getTime() >= session.maxMs) return `reached the maximum session duration of ${minutes(session.maxMs)}`;
    return undefined;
  }

  /** Warned once per idle stretch, a minute before the cut-off (half the timeout when it is short). */
  private warnIfIdle(session: LiveSession, now: number): void {
    const idleFor = now - session.lastActivityMs;
    const lead = Math.min(60_000, session.idleMs / 2);
    if (session.isIdleWarned || idleFor < session.idleMs - lead) return;
    session.isIdleWarned = true;
    const secondsLeft = Math.max(1, Math.ceil((session.idleMs - idleFor) / 1000));
    for (const { client } of session.clients.values()) client.emit(SESSION_EVENTS.idleWarning, { sessionId: session.id, secondsLeft });
  }

  private async end(session: LiveSession, status: 'Terminated' | 'Failed', reason: string): Promise<void> {
    if (session.isEnding) return;
    session.isEnding = true;
    this.live.delete(session.id);
    this.channel.emit(session.nodeId, 'session:close', { sessionId: session.id, reason });
    for (const { client } of session.clients.values()) client.emit(SESSION_EVENTS.status, { sessionId: session.id, status, reason });
    await session.recorder.close().catch(logFailure(`recording of ${session.id}`));
    await getDb()
      .update(sessions)
      .set({ status, reason, endedAt: new Date(), tokenHash: null })
      .where(eq(sessions.id, session.id))
      .catch(logFailure('end update'));
    const { region, accountId } = getServerContext();
    // The end of every session is in the audit trail with its reason, whoever or whatever ended it.
    await recordAuditEvent(
      { source: 'system', requestId: randomUUID(), userId: session.ownerUserId, username: session.owner },
      { action: 'SessionEnded', resources: [sessionArn(region, accountId, session.id)], requestParameters: { sessionId: session.id, reason }, result: 'Success' },
    ).catch(logFailure('audit of a session end'));
  }
}

/** Sessions a previous process relayed cannot have survived it: they end with the reason. */
export async function endOrphanedSessions(reason: string): Promise<number> {
  const ended = await getDb()
    .update(sessions)
    .set({ status: 'Terminated', reason, endedAt: new Date(), tokenHash: null })
    .where(inArray(sessions.status, ['Connected', 'Connecting', 'Disconnected', 'Terminating']))
    .returning({ id: sessions.id });
  return ended.length;
}

const relaySlot = processSlot<SessionRelay>('session-relay');

export function setSessionRelay(relay: SessionRelay | undefined): void {
  relaySlot.set(relay);
}

/** The relay, or undefined while the server starts or stops (socket events arriving then are dropped). */
export function maybeSessionRelay(): SessionRelay | undefined {
  return relaySlot.get();
}

export function sessionRelay(): SessionRelay {
  const relay = relaySlot.get();
  if (!relay) throw new OpsdeckError('ServiceUnavailable', 'the session relay is not running in this server process', 503);
  return relay;
}
