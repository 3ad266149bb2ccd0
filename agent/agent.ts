import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import { collectMetadata } from './metadata';
import {
  AGENT_NAMESPACE,
  FATAL_CONNECT_ERRORS,
  REGISTER_PATH,
  registerResponseSchema,
  welcomeSchema,
  type AgentToServerEvents,
  type NodeMetadata,
  type ServerToAgentEvents,
} from './protocol';
import { writeRegistration, type Registration } from './state';
import { ToolRunner } from './tools';

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
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 10_000;

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

  constructor(
    readonly registration: Registration,
    private readonly metadata: () => NodeMetadata = collectMetadata,
    options: AgentOptions = {},
  ) {
    super();
    this.tools = new ToolRunner({ protectedPaths: options.protectedPaths });
    this.now = options.now ?? Date.now;
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
    socket.on('connect_error', (error) => this.handleConnectError(error));
    socket.on('disconnect', (reason) => this.handleDisconnect(reason));
  }

  async stop(): Promise<void> {
    clearTimeout(this.retry);
    this.stopHeartbeat();
    this.socket?.disconnect();
    this.socket = undefined;
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
