import {
  SESSION_CHUNK_BYTES,
  SESSION_WINDOW_BYTES,
  sessionAckSchema,
  sessionCloseSchema,
  sessionFileReadSchema,
  sessionFileWriteSchema,
  sessionInputSchema,
  sessionKnownSchema,
  sessionOpenSchema,
  sessionReattachSchema,
  sessionResizeSchema,
  type SessionClosed,
  type SessionFileAnswer,
  type SessionOpenAnswer,
  type SessionOutput,
  type SessionReattachAnswer,
} from '../protocol';
import { FileTransferError, readFileChunk, writeFileChunk } from './files';
import { OutputWindow } from './output-window';
import { RunAsError, resolveRunAs, type RunAsUser } from './run-as';
import { openPty, openTcp, type SessionSource } from './sources';

/** How the host reaches the server; each returns false when not connected (the message is kept for replay). */
export interface SessionSender {
  output(chunk: SessionOutput): boolean;
  closed(closed: SessionClosed): boolean;
  inputAck?(ack: { sessionId: string; seq: number }): boolean;
}

interface HostedSession {
  id: string;
  user: RunAsUser;
  source: SessionSource;
  window: OutputWindow;
  pending: Buffer[];
  pendingBytes: number;
  isFlushScheduled: boolean;
  /** Output sent since `recentSince`: tells a keystroke's echo from bulk output. */
  recentBytes: number;
  recentSince: number;
  isPaused: boolean;
  /** The server holds this session's stream; false from a disconnect until it reattaches. */
  isAttached: boolean;
  /** Set when the shell or connection ended: the notice still owed to the server. */
  ended?: SessionClosed;
  graceSeconds: number;
  graceTimer?: NodeJS.Timeout;
}

type Failure = { ok: false; error: string; message: string };

/** More output than this within BULK_WINDOW_MS is bulk output (a `cat`, a build log): it is gathered a little. */
const BULK_BYTES = 32 * 1024;
const BULK_WINDOW_MS = 10;
const BULK_DELAY_MS = 2;
const BULK_FLUSH_BYTES = 128 * 1024;
const failure = (error: string, message: string): Failure => ({ ok: false, error, message });

/**
 * The node side of Session Manager: hosts PTYs and port-forwarding connections for the server,
 * with flow control and resumption (see the Session Manager section of agent/protocol.ts).
 */
export class SessionHost {
  private readonly sessions = new Map<string, HostedSession>();

  constructor(
    private readonly send: SessionSender,
    private readonly windowBytes = SESSION_WINDOW_BYTES,
  ) {}

  get count(): number {
    return this.sessions.size;
  }

  async open(raw: unknown): Promise<SessionOpenAnswer> {
    const parsed = sessionOpenSchema.safeParse(raw);
    if (!parsed.success) return failure('ValidationException', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const open = parsed.data;
    // A server that retried after a lost ack gets the session it already opened.
    const existing = this.sessions.get(open.sessionId);
    if (existing) return { ok: true, runAs: existing.user.name, note: existing.user.note };
    let user: RunAsUser;
    try {
      user = await resolveRunAs(open.runAs);
    } catch (error) {
      return error instanceof RunAsError ? failure(error.code, error.message) : failure('RunAsFailed', (error as Error).message);
    }
    let source: SessionSource;
    try {
      if (open.kind === 'shell' || open.kind === 'command') {
        source = openPty({ user, cols: open.cols, rows: open.rows, command: open.command, shellProfile: open.shellProfile, env: { OPSDECK_SESSION_ID: open.sessionId } });
      } else {
        // AWS-StartSSHSession forwards to the node's own sshd; a port session defaults to localhost.
        const host = open.kind === 'ssh' ? 'localhost' : (open.host ?? 'localhost');
        source = await openTcp(host, open.port ?? 22);
      }
    } catch (error) {
      const where = open.kind === 'shell' || open.kind === 'command' ? 'the shell could not start' : `could not connect to ${open.kind === 'ssh' ? 'localhost' : (open.host ?? 'localhost')}:${open.port ?? 22}`;
      return failure('SessionStartFailed', `${where}: ${(error as Error).message}`);
    }
    const session: HostedSession = {
      id: open.sessionId,
      user,
      source,
      window: new OutputWindow(this.windowBytes),
      pending: [],
      pendingBytes: 0,
      isFlushScheduled: false,
      recentBytes: 0,
      recentSince: 0,
      isPaused: false,
      isAttached: true,
      graceSeconds: open.graceSeconds,
    };
    this.sessions.set(session.id, session);
    source.onData((data) => this.enqueue(session, data));
    source.onEnd((end) => this.finish(session, end));
    return { ok: true, runAs: user.name, note: user.note };
  }

  /** The server (back after a dropped connection) asks for everything from `fromSeq` on. */
  reattach(raw: unknown): SessionReattachAnswer {
    const parsed = sessionReattachSchema.safeParse(raw);
    if (!parsed.success) return failure('ValidationException', 'bad reattach request');
    const session = this.sessions.get(parsed.data.sessionId);
    if (!session) return failure('SessionNotFound', `the node no longer has session ${parsed.data.sessionId} (its grace period ran out or the agent restarted)`);
    clearTimeout(session.graceTimer);
    session.graceTimer = undefined;
    // Whatever came before fromSeq the server has stored: as good as acknowledged.
    session.window.ack(parsed.data.fromSeq - 1);
    session.isAttached = true;
    for (const chunk of session.window.from(parsed.data.fromSeq)) {
      if (!this.send.output({ sessionId: session.id, seq: chunk.seq, data: chunk.data })) {
        session.isAttached = false;
        break;
      }
    }
    if (session.isAttached && session.ended) this.send.closed(session.ended);
    this.resumeIfRoom(session);
    return { ok: true };
  }

  input(raw: unknown): void {
    const parsed = sessionInputSchema.safeParse(raw);
    if (!parsed.success) return;
    const session = this.sessions.get(parsed.data.sessionId);
    if (!session || session.ended) return;
    const { sessionId, seq } = parsed.data;
    session.source.write(Buffer.from(parsed.data.data), seq === undefined ? undefined : () => this.send.inputAck?.({ sessionId, seq }));
  }

  resize(raw: unknown): void {
    const parsed = sessionResizeSchema.safeParse(raw);
    if (parsed.success) this.sessions.get(parsed.data.sessionId)?.source.resize(parsed.data.cols, parsed.data.rows);
  }

  ack(raw: unknown): void {
    const parsed = sessionAckSchema.safeParse(raw);
    if (!parsed.success) return;
    const session = this.sessions.get(parsed.data.sessionId);
    if (!session) return;
    session.window.ack(parsed.data.seq);
    this.resumeIfRoom(session);
    // An ended session is forgotten once the server has all of its output.
    if (session.ended && session.window.heldBytes === 0) this.forget(session);
  }

  /** The server ends the session (terminated, idle, maximum duration). */
  close(raw: unknown): void {
    const parsed = sessionCloseSchema.safeParse(raw);
    if (!parsed.success) return;
    const session = this.sessions.get(parsed.data.sessionId);
    if (!session) return;
    session.source.kill();
    this.forget(session);
  }

  async writeFile(raw: unknown): Promise<SessionFileAnswer> {
    const parsed = sessionFileWriteSchema.safeParse(raw);
    if (!parsed.success) return failure('ValidationException', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const session = this.sessions.get(parsed.data.sessionId);
    if (!session || session.ended) return failure('SessionNotFound', 'the session is not open on this node');
    return this.fileAnswer(() => writeFileChunk(session.user, parsed.data.path, parsed.data.offset, Buffer.from(parsed.data.data), parsed.data.isFirst).then(() => ({ ok: true as const })));
  }

  async readFile(raw: unknown): Promise<SessionFileAnswer> {
    const parsed = sessionFileReadSchema.safeParse(raw);
    if (!parsed.success) return failure('ValidationException', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const session = this.sessions.get(parsed.data.sessionId);
    if (!session || session.ended) return failure('SessionNotFound', 'the session is not open on this node');
    return this.fileAnswer(async () => ({ ok: true as const, ...(await readFileChunk(session.user, parsed.data.path, parsed.data.offset, parsed.data.length)) }));
  }

  /** Closes the sessions the (restarted) server no longer relays. */
  known(raw: unknown): void {
    const parsed = sessionKnownSchema.safeParse(raw);
    if (!parsed.success) return;
    const known = new Set(parsed.data.sessionIds);
    for (const session of [...this.sessions.values()]) {
      if (known.has(session.id)) continue;
      session.source.kill();
      this.forget(session);
    }
  }

  /**
   * The server connection dropped: sessions stay for their grace period, holding unacknowledged
   * output (a full window pauses the PTY), waiting for a reattach.
   */
  disconnected(): void {
    for (const session of this.sessions.values()) {
      session.isAttached = false;
      if (session.graceTimer) continue;
      session.graceTimer = setTimeout(() => {
        session.source.kill();
        this.forget(session);
      }, session.graceSeconds * 1000);
      session.graceTimer.unref?.();
    }
  }

  /** The agent stops: sessions do not outlive it. */
  closeAll(): void {
    for (const session of [...this.sessions.values()]) {
      session.source.kill();
      this.forget(session);
    }
  }

  private async fileAnswer(work: () => Promise<SessionFileAnswer>): Promise<SessionFileAnswer> {
    try {
      return await work();
    } catch (error) {
      return error instanceof FileTransferError ? failure(error.code, error.message) : failure('ToolFailed', (error as Error).message);
    }
  }

  /**
   * A PTY hands over at most 4 KiB per read, so bulk output would be thousands of tiny messages.
   * Interactive output (echoes, prompts, a screen update) goes out on the next turn of the event
   * loop; once more than BULK_BYTES went out within BULK_WINDOW_MS, output is gathered for up to
   * BULK_DELAY_MS or BULK_FLUSH_BYTES, whichever comes first.
   */
  private enqueue(session: HostedSession, data: Buffer): void {
    session.pending.push(data);
    session.pendingBytes += data.length;
    if (session.pendingBytes >= BULK_FLUSH_BYTES) {
      this.flush(session);
      return;
    }
    if (session.isFlushScheduled) return;
    session.isFlushScheduled = true;
    const now = performance.now();
    if (now - session.recentSince > BULK_WINDOW_MS) {
      session.recentSince = now;
      session.recentBytes = 0;
    }
    if (session.recentBytes < BULK_BYTES) setImmediate(() => this.flush(session));
    else setTimeout(() => this.flush(session), BULK_DELAY_MS);
  }

  private flush(session: HostedSession): void {
    session.isFlushScheduled = false;
    session.recentBytes += session.pendingBytes;
    if (session.pendingBytes === 0) return;
    const all = session.pending.length === 1 ? session.pending[0]! : Buffer.concat(session.pending, session.pendingBytes);
    session.pending = [];
    session.pendingBytes = 0;
    for (let start = 0; start < all.length; start += SESSION_CHUNK_BYTES) {
      const chunk = session.window.push(all.subarray(start, start + SESSION_CHUNK_BYTES));
      if (session.isAttached && !this.send.output({ sessionId: session.id, seq: chunk.seq, data: chunk.data })) session.isAttached = false;
    }
    if (session.window.isFull && !session.isPaused && !session.ended) {
      session.isPaused = true;
      session.source.pause();
    }
  }

  private resumeIfRoom(session: HostedSession): void {
    if (session.isPaused && session.window.hasRoom && !session.ended) {
      session.isPaused = false;
      session.source.resume();
    }
  }

  private finish(session: HostedSession, end: { reason: string; exitCode?: number }): void {
    // Output still in the turn's buffer belongs before the notice.
    this.flush(session);
    session.ended = { sessionId: session.id, reason: end.reason, exitCode: end.exitCode, lastSeq: session.window.lastSeq };
    if (session.isAttached) this.send.closed(session.ended);
    if (session.window.heldBytes === 0 && session.isAttached) this.forget(session);
  }

  private forget(session: HostedSession): void {
    clearTimeout(session.graceTimer);
    this.sessions.delete(session.id);
  }
}
