import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { CommandExecutor, type CommandSender } from './commands';
import { collectMetadata } from './metadata';
import {
  AGENT_NAMESPACE,
  COMMAND_CANCEL_EVENT,
  COMMAND_OUTPUT_EVENT,
  COMMAND_RESULT_EVENT,
  COMMAND_RUN_EVENT,
  COMMAND_STARTED_EVENT,
  FATAL_CONNECT_ERRORS,
  REGISTER_PATH,
  SESSION_CLOSED_EVENT,
  SESSION_INPUT_ACK_EVENT,
  SESSION_OUTPUT_EVENT,
  commandCancelSchema,
  registerResponseSchema,
  welcomeSchema,
  type AgentToServerEvents,
  type NodeMetadata,
  type ServerToAgentEvents,
} from './protocol';
import { writeRegistration, type Registration } from './state';
import { ToolRunner } from './tools';
import { SessionHost } from './sessions';

export interface RegisterOptions {
  serverUrl: string;
  activationCode: string;
  activationId: string;
  stateDir: string;
  name?: string;
  tags?: Record<string, string>;
  metadata?: NodeMetadata;
}

export class AgentRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

type AgentSocket = Socket<ServerToAgentEvents, AgentToServerEvents>;

export interface AgentOptions {
  /** Folders the file browser must never read: the state dir (the node secret) and the like. */
  protectedPaths?: string[];
  /**
   * The clock reported in the handshake and heartbeats, from which the server measures skew.
   * Replaceable so the fleet simulator and tests can play a node whose clock is wrong.
   */
  now?: () => number;
  /**
   * Where Run Command journals invocations (`<stateDir>/commands/`), so that none runs twice and no
   * result is lost across restarts. Absent: a fresh temporary folder (fine for simulators and
   * tests, which never restart an agent process).
   */
  stateDir?: string;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 10_000;
/** The server acks a chunk or a result once it is in the database (it batches writes). */
const OUTPUT_ACK_TIMEOUT_MS = 30_000;
const RESULT_ACK_TIMEOUT_MS = 60_000;
/** A plugin's call (a package list to store, a baseline to evaluate) can take the server a while. */
const SERVER_CALL_TIMEOUT_MS = 120_000;
type CallSocket = { emitWithAck(event: string, payload: unknown): Promise<unknown> };

class NotConnectedError extends Error {
  constructor() {
    super('not connected to the server');
  }
}

/**
 * A node agent: dials out to the server's /agent namespace and keeps that connection alive for
 * ever. One process may host many (the fleet simulator and tests do).
 *
 * Events: `online` (nodeId), `offline` (reason), `fatal` (AgentRefusedError).
 */
export class Agent extends EventEmitter {
  private socket?: AgentSocket;
  private heartbeat?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private retryDelayMs = RETRY_MIN_MS;
  private readonly tools: ToolRunner;
  private readonly now: () => number;
  private readonly stateDir?: string;
  private executor?: CommandExecutor;
  /** Session Manager: PTYs and port-forwarding connections this node hosts. */
  readonly sessions: SessionHost;

  constructor(
    readonly registration: Registration,
    private readonly metadata: () => NodeMetadata = collectMetadata,
    options: AgentOptions = {},
  ) {
    super();
    this.tools = new ToolRunner({ protectedPaths: options.protectedPaths });
    this.now = options.now ?? Date.now;
    this.stateDir = options.stateDir;
    this.sessions = new SessionHost({
      // Never through socket.io's offline buffer: the host keeps what was not sent and replays it.
      output: (chunk) => this.emitIfConnected(SESSION_OUTPUT_EVENT, chunk),
      closed: (closed) => this.emitIfConnected(SESSION_CLOSED_EVENT, closed),
      inputAck: (ack) => this.emitIfConnected(SESSION_INPUT_ACK_EVENT, ack),
    });
  }

  get nodeId(): string {
    return this.registration.nodeId;
  }

  get isConnected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Trades an activation code for node credentials and saves them in the state dir. */
  static async register(options: RegisterOptions): Promise<Registration> {
    const response = await fetch(new URL(REGISTER_PATH, options.serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        activationId: options.activationId,
        activationCode: options.activationCode,
        name: options.name,
        tags: options.tags,
        metadata: options.metadata ?? collectMetadata(),
      }),
    });
    const body = (await response.json().catch(() => ({}))) as { __type?: string; message?: string };
    if (!response.ok) {
      throw new AgentRefusedError(body.__type ?? `HTTP${response.status}`, body.message ?? response.statusText);
    }
    const issued = registerResponseSchema.parse(body);
    const registration: Registration = {
      serverUrl: options.serverUrl,
      nodeId: issued.nodeId,
      secret: issued.secret,
      registeredAt: new Date().toISOString(),
    };
    writeRegistration(options.stateDir, registration);
    return registration;
  }

  start(): void {
    if (this.socket) return;
    // With a real state dir, results a previous process (or run) left unsent go out on the first welcome.
    if (this.stateDir) this.executor ??= this.createExecutor(this.stateDir);
    const socket: AgentSocket = io(new URL(AGENT_NAMESPACE, this.registration.serverUrl).toString(), {
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: RETRY_MIN_MS,
      reconnectionDelayMax: RETRY_MAX_MS,
      // Called on every (re)connect so the server always sees current metadata.
      auth: (send) =>
        send({ nodeId: this.registration.nodeId, secret: this.registration.secret, metadata: this.metadata(), sentAt: this.now() }),
    });
    this.socket = socket;
    socket.on('welcome', (payload) => this.handleWelcome(payload));
    socket.on('tool:request', (request, ack) => {
      // A server that sent no ack callback expects no answer; there is nothing to do then.
      if (typeof ack !== 'function') return;
      void this.tools.handle(request).then(ack);
    });
    socket.on(COMMAND_RUN_EVENT, (run, ack) => {
      const answer = this.commands.receive(run).catch(() => ({ accepted: false }));
      if (typeof ack === 'function') void answer.then(ack);
    });
    socket.on(COMMAND_CANCEL_EVENT, (cancel, ack) => {
      const parsed = commandCancelSchema.safeParse(cancel);
      const answer = parsed.success && this.executor ? this.executor.cancel(parsed.data.invocationId) : { found: false };
      if (typeof ack === 'function') ack(answer);
    });
    this.listenForSessions(socket);
    socket.on('connect_error', (error) => this.handleConnectError(error));
    socket.on('disconnect', (reason) => this.handleDisconnect(reason));
  }

  /**
   * Running commands do not outlive the agent: their process groups are killed and their
   * invocations reported Failed (sent now if still connected, else by the next agent process).
   */
  async stop(): Promise<void> {
    clearTimeout(this.retry);
    this.stopHeartbeat();
    await this.executor?.close();
    this.executor = undefined;
    this.sessions.closeAll();
    this.socket?.disconnect();
    this.socket = undefined;
  }

  private listenForSessions(socket: AgentSocket): void {
    const reply = <T>(ack: unknown, answer: Promise<T> | T) => {
      if (typeof ack === 'function') void Promise.resolve(answer).then((value) => (ack as (value: T) => void)(value));
    };
    socket.on('session:open', (open, ack) => reply(ack, this.sessions.open(open)));
    socket.on('session:reattach', (reattach, ack) => reply(ack, this.sessions.reattach(reattach)));
    socket.on('session:input', (input) => this.sessions.input(input));
    socket.on('session:resize', (resize) => this.sessions.resize(resize));
    socket.on('session:ack', (ack) => this.sessions.ack(ack));
    socket.on('session:close', (close) => this.sessions.close(close));
    socket.on('session:known', (known) => this.sessions.known(known));
    socket.on('session:file-write', (write, ack) => reply(ack, this.sessions.writeFile(write)));
    socket.on('session:file-read', (read, ack) => reply(ack, this.sessions.readFile(read)));
  }

  private emitIfConnected<E extends typeof SESSION_OUTPUT_EVENT | typeof SESSION_CLOSED_EVENT | typeof SESSION_INPUT_ACK_EVENT>(event: E, payload: Parameters<AgentToServerEvents[E]>[0]): boolean {
    const socket = this.socket;
    if (!socket?.connected) return false;
    (socket.emit as (event: string, payload: unknown) => void)(event, payload);
    return true;
  }

  /** The Run Command executor; created on first use when no state dir was given. */
  private get commands(): CommandExecutor {
    this.executor ??= this.createExecutor(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-agent-commands-')));
    return this.executor;
  }

  private createExecutor(stateDir: string): CommandExecutor {
    return new CommandExecutor({
      stateDir,
      nodeId: this.registration.nodeId,
      platformType: this.metadata().platformType,
      now: this.now,
      send: this.commandSender(),
    });
  }

  /**
   * Command events go out only while connected: socket.io would otherwise buffer them while
   * offline and replay them on reconnect, duplicating what the outbox already re-sends.
   */
  private commandSender(): CommandSender {
    const connected = () => {
      const socket = this.socket;
      if (!socket?.connected) throw new NotConnectedError();
      return socket;
    };
    return {
      started: (payload) => {
        if (this.socket?.connected) this.socket.emit(COMMAND_STARTED_EVENT, payload);
      },
      output: async (chunk) => {
        await connected().timeout(OUTPUT_ACK_TIMEOUT_MS).emitWithAck(COMMAND_OUTPUT_EVENT, chunk);
      },
      result: async (result) => connected().timeout(RESULT_ACK_TIMEOUT_MS).emitWithAck(COMMAND_RESULT_EVENT, result),
      // Typed per event by CommandSender; socket.io's own typing cannot follow a generic event name.
      call: async (event, payload) =>
        (connected().timeout(SERVER_CALL_TIMEOUT_MS) as unknown as CallSocket).emitWithAck(event, payload) as never,
    };
  }

  private handleWelcome(payload: unknown): void {
    const welcome = welcomeSchema.parse(payload);
    this.retryDelayMs = RETRY_MIN_MS;
    this.stopHeartbeat();
    this.heartbeat = setInterval(
      () => this.socket?.emit('heartbeat', { sentAt: this.now() }),
      welcome.heartbeatSeconds * 1000,
    );
    this.emit('online', welcome.nodeId);
    void this.executor?.resume();
  }

  private handleConnectError(error: Error): void {
    const code = error.message;
    if ((FATAL_CONNECT_ERRORS as readonly string[]).includes(code)) {
      const detail = (error as Error & { data?: { message?: string } }).data?.message ?? code;
      this.socket?.disconnect();
      this.socket = undefined;
      this.emit('fatal', new AgentRefusedError(code, detail));
      return;
    }
    // A refusal by the server's middleware (e.g. its database is down) is not retried by
    // socket.io itself, unlike a network failure; retry those with our own backoff.
    if (this.socket && !this.socket.active) this.scheduleReconnect();
  }

  private handleDisconnect(reason: string): void {
    this.stopHeartbeat();
    this.sessions.disconnected();
    this.emit('offline', reason);
    // "io server disconnect" means the server closed us on purpose (e.g. a newer connection for
    // this node); socket.io will not reconnect by itself then. If we were deregistered, the next
    // attempt is refused as fatal.
    if (reason === 'io server disconnect') this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    clearTimeout(this.retry);
    const delay = this.retryDelayMs * (0.5 + Math.random());
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
    this.retry = setTimeout(() => this.socket?.connect(), delay);
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
