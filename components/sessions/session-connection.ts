import {
  SESSION_EVENTS,
  type SessionAttach,
  type SessionAttachAnswer,
  type SessionIdleWarningEvent,
  type SessionStart,
  type SessionStartAnswer,
  type SessionStatus,
  type SessionStatusEvent,
} from '@/server/sessions/console-contract';
import { PendingInput, splitInput } from './input-chunks';
import { SeqTracker } from './seq-tracker';

/** The socket as the connection uses it (socket.io's client, adapted in use-session-terminal.ts). */
export interface SessionSocket {
  isConnected(): boolean;
  /** False once socket.io has given up reconnecting (the server refused the handshake). */
  isActive(): boolean;
  on(event: string, listener: (...args: unknown[]) => void): void;
  emit(event: string, payload: unknown): void;
  /** An emit with an acknowledgement; rejects when none arrives in time. */
  request<T>(event: string, payload: unknown): Promise<T>;
  close(): void;
}

/** The terminal as the connection uses it (xterm's Terminal fits). */
export interface SessionScreen {
  readonly cols: number;
  readonly rows: number;
  write(data: string | Uint8Array, callback?: () => void): void;
}

export type Opening = { target: string; documentName?: string } | { sessionId: string };

export type ConnectionPhase =
  /** Waiting for the socket (first connect). */
  | 'connecting'
  | 'starting'
  | 'attaching'
  | 'live'
  /** The socket dropped; socket.io is reconnecting, and the tab re-attaches when it is back. */
  | 'reconnecting'
  /** The session ended (status event or a refused re-attach of an ended session). */
  | 'ended'
  /** This tab cannot go on (refused start or attach, signed out). */
  | 'failed';

export interface ConnectionState {
  phase: ConnectionPhase;
  sessionId?: string;
  status?: SessionStatus;
  /** Why the session ended or the tab failed, in words. */
  message?: string;
  runAs?: string;
  nodeId?: string;
  idleTimeoutSeconds?: number;
  maxDurationSeconds?: number;
  /** Seconds until the idle cut-off, from the last warning; cleared by any activity. */
  idleSecondsLeft?: number;
  /** Output chunks this tab never got (the server no longer held them when it re-attached). */
  missedChunks: number;
  /** Keystrokes dropped because the tab was re-attaching too long. */
  hasDroppedInput: boolean;
}

/** Which phases hold a shell this tab is (or is about to be) connected to. */
export const isLivePhase = (phase: ConnectionPhase) => phase !== 'ended' && phase !== 'failed';

const ENDED: ReadonlySet<SessionStatus> = new Set(['Terminated', 'Failed']);

const asBytes = (data: unknown): string | Uint8Array => {
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return '';
};

/** A refused attach that means the session is over, not that this tab erred ("session … has ended", "… does not exist"). */
const isEndedRefusal = (answer: { error: string; message: string }) =>
  answer.error === 'DoesNotExistException' || (answer.error === 'InvalidSession' && /\bended\b|not active/.test(answer.message));
/** The agent has not yet answered the server's open: the session exists but cannot be joined for a moment. */
const isStillStarting = (answer: { error: string; message: string }) => answer.error === 'InvalidSession' && /still starting/.test(answer.message);
const STARTING_RETRY_MS = 500;
const STARTING_RETRIES = 20;

/**
 * One browser tab's half of a Session Manager session: starts or joins the session, writes its
 * output to the screen and acknowledges what was drawn (the server's flow control), sends
 * keystrokes and sizes, and on a reconnect re-attaches from the last chunk it had, so a brief
 * network loss loses no output. Knows nothing of React or xterm: the terminal component hands it
 * a socket and a screen, and gets state changes back.
 */
export class SessionConnection {
  private state: ConnectionState;
  private readonly tracker = new SeqTracker();
  private readonly pending = new PendingInput();
  private isClosed = false;
  /** Counts connects: an answer to a request sent on an earlier connection is stale. */
  private generation = 0;

  constructor(
    private readonly socket: SessionSocket,
    private readonly screen: SessionScreen,
    private readonly opening: Opening,
    private readonly onChange: (state: ConnectionState) => void,
  ) {
    this.state = { phase: 'connecting', sessionId: 'sessionId' in opening ? opening.sessionId : undefined, missedChunks: 0, hasDroppedInput: false };
    socket.on('connect', () => void this.handleConnect());
    socket.on('disconnect', (reason) => this.handleDisconnect(String(reason)));
    socket.on('connect_error', (error) => this.handleConnectError(error as Error));
    socket.on(SESSION_EVENTS.output, (event) => this.handleOutput(event as { sessionId: string; seq: number; data: unknown }));
    socket.on(SESSION_EVENTS.status, (event) => this.handleStatus(event as SessionStatusEvent));
    socket.on(SESSION_EVENTS.idleWarning, (event) => this.handleIdleWarning(event as SessionIdleWarningEvent));
    if (socket.isConnected()) void this.handleConnect();
  }

  get current(): ConnectionState {
    return this.state;
  }

  /** Keystrokes and pastes from the terminal (xterm's onData: a paste arrives as one string). */
  input(data: string): void {
    if (this.state.phase === 'ended' || this.state.phase === 'failed' || !data) return;
    if (this.state.idleSecondsLeft !== undefined) this.update({ idleSecondsLeft: undefined });
    if (this.state.phase === 'live' && this.socket.isConnected()) {
      this.sendInput(data);
      return;
    }
    if (!this.pending.push(data) && !this.state.hasDroppedInput) this.update({ hasDroppedInput: true });
  }

  /** The terminal's new size; while not attached, the next attach carries it. */
  resize(cols: number, rows: number): void {
    if (this.state.phase === 'live' && this.state.sessionId) this.socket.emit(SESSION_EVENTS.resize, { sessionId: this.state.sessionId, cols, rows });
  }

  /** Ends the session for good (the server answers with a Terminated status). */
  terminate(): void {
    if (this.state.sessionId && this.state.phase !== 'ended') this.socket.emit(SESSION_EVENTS.terminate, { sessionId: this.state.sessionId });
  }

  /** Leaves the shell running on the node (resumable within the grace period) and closes the socket. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.state.phase === 'live' && this.state.sessionId && this.socket.isConnected()) {
      this.socket.emit(SESSION_EVENTS.detach, { sessionId: this.state.sessionId });
    }
    this.socket.close();
  }

  private update(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    if (!this.isClosed) this.onChange(this.state);
  }

  private fail(message: string): void {
    this.update({ phase: 'failed', message, idleSecondsLeft: undefined });
  }

  private sendInput(data: string): void {
    for (const chunk of splitInput(data)) this.socket.emit(SESSION_EVENTS.input, { sessionId: this.state.sessionId, data: chunk });
  }

  private async handleConnect(): Promise<void> {
    this.generation += 1;
    if (this.isClosed || this.state.phase === 'ended' || this.state.phase === 'failed') return;
    if (!this.state.sessionId) {
      // Started once only from this tab: a reconnect before the answer starts again, since the
      // answer (the only place the id is told) is lost with the old connection.
      const started = await this.ask<SessionStartAnswer>(SESSION_EVENTS.start, { ...this.startRequest(), cols: this.screen.cols, rows: this.screen.rows }, 'starting');
      if (!started) return;
      if (!started.ok) return this.fail(started.message || started.error);
      this.update({ sessionId: started.sessionId });
    }
    await this.attach();
  }

  private startRequest(): Omit<SessionStart, 'cols' | 'rows'> {
    const opening = this.opening as { target: string; documentName?: string };
    return opening.documentName ? { target: opening.target, documentName: opening.documentName } : { target: opening.target };
  }

  private async attach(retries = STARTING_RETRIES): Promise<void> {
    const sessionId = this.state.sessionId!;
    const request: SessionAttach = { sessionId, cols: this.screen.cols, rows: this.screen.rows, fromSeq: this.tracker.resumeFrom };
    const generation = this.generation;
    const answer = await this.ask<SessionAttachAnswer>(SESSION_EVENTS.attach, request, 'attaching');
    if (!answer) return;
    if (!answer.ok) {
      if (isStillStarting(answer) && retries > 0) {
        await new Promise((resolve) => setTimeout(resolve, STARTING_RETRY_MS));
        if (!this.isClosed && generation === this.generation) await this.attach(retries - 1);
        return;
      }
      if (isEndedRefusal(answer)) return this.update({ phase: 'ended', message: answer.message, idleSecondsLeft: undefined });
      return this.fail(answer.message || answer.error);
    }
    const phase = ENDED.has(answer.status) ? 'ended' : 'live';
    this.update({
      phase,
      status: answer.status,
      runAs: answer.runAs,
      nodeId: answer.nodeId,
      idleTimeoutSeconds: answer.idleTimeoutSeconds,
      maxDurationSeconds: answer.maxDurationSeconds,
    });
    // What was typed while re-attaching goes now, after the attach, in the order typed.
    if (phase === 'live' && !this.pending.isEmpty) this.sendInput(this.pending.drain().join(''));
  }

  /** A request with an answer; undefined when the socket went away first (the reconnect retries). */
  private async ask<T>(event: string, payload: unknown, phase: ConnectionPhase): Promise<T | undefined> {
    this.update({ phase });
    const generation = this.generation;
    try {
      const answer = await this.socket.request<T>(event, payload);
      return this.isClosed || generation !== this.generation ? undefined : answer;
    } catch {
      if (this.isClosed || generation !== this.generation) return undefined;
      if (!this.socket.isConnected()) {
        this.update({ phase: 'reconnecting' });
        return undefined;
      }
      this.fail(`The server did not answer ${event}; reload the page to try again.`);
      return undefined;
    }
  }

  private handleDisconnect(reason: string): void {
    if (this.isClosed || this.state.phase === 'ended' || this.state.phase === 'failed') return;
    // "io server disconnect": the server closed this socket on purpose (signed out, session
    // revoked); socket.io does not reconnect by itself then, and neither do we.
    if (reason === 'io server disconnect') return this.fail('The server closed the connection. Sign in again, then resume the session from Session Manager.');
    this.update({ phase: 'reconnecting' });
  }

  private handleConnectError(error: Error): void {
    if (this.isClosed || this.socket.isActive()) return;
    // A refused handshake is not retried by socket.io (the middleware said no).
    this.fail(error.message === 'UnrecognizedClientException' ? 'You are signed out. Sign in again, then resume the session from Session Manager.' : `Cannot connect: ${error.message}`);
  }

  private handleOutput(event: { sessionId: string; seq: number; data: unknown }): void {
    if (event.sessionId !== this.state.sessionId || this.isClosed) return;
    const hadOutput = this.tracker.resumeFrom > 0;
    const { isNew, missed } = this.tracker.accept(event.seq);
    if (!isNew) return;
    // A first chunk past 0 is normal on reopening (the server keeps a window of recent output);
    // a gap after this tab already had output means output was lost.
    if (missed > 0 && hadOutput) this.update({ missedChunks: this.state.missedChunks + missed });
    if (this.state.idleSecondsLeft !== undefined) this.update({ idleSecondsLeft: undefined });
    const { seq, sessionId } = event;
    this.screen.write(asBytes(event.data), () => {
      if (this.tracker.markRendered(seq) && this.socket.isConnected()) this.socket.emit(SESSION_EVENTS.ack, { sessionId, seq });
    });
  }

  private handleStatus(event: SessionStatusEvent): void {
    if (event.sessionId !== this.state.sessionId) return;
    if (ENDED.has(event.status)) {
      this.update({ phase: 'ended', status: event.status, message: event.reason, idleSecondsLeft: undefined });
      return;
    }
    this.update({ status: event.status });
  }

  private handleIdleWarning(event: SessionIdleWarningEvent): void {
    if (event.sessionId === this.state.sessionId && this.state.phase === 'live') this.update({ idleSecondsLeft: event.secondsLeft });
  }
}
