import { io, type Socket } from 'socket.io-client';
import { MAX_UNACKED_INPUT_BYTES } from '@/server/sessions/console-contract';

/**
 * The client end of a session stream (the StreamUrl StartSession answers): attach, send input and
 * sizes, receive numbered output and acknowledge it once written (the server's flow control waits
 * for those acks). Reconnects by itself after a network drop and reattaches from the next chunk
 * it lacks, so nothing is lost or shown twice.
 */
export interface StreamOptions {
  streamUrl: string;
  sessionId: string;
  token: string;
  cols?: number;
  rows?: number;
  /** Writes output; call `done` once it is written (that is the acknowledgement). */
  onOutput(data: Buffer, done: () => void): void;
  onEnd(status: string, reason?: string): void;
  onIdleWarning?(secondsLeft: number): void;
  /** Input flow control: the node took enough of what was sent that more may follow. */
  onInputRoom?(): void;
}

export interface SessionStream {
  ready: Promise<void>;
  send(data: Buffer | string): void;
  /** More than MAX_UNACKED_INPUT_BYTES sent and not yet taken by the node: stop reading input until onInputRoom. */
  readonly isInputFull: boolean;
  resize(cols: number, rows: number): void;
  terminate(): Promise<void>;
  close(): void;
}

export function connectSessionStream(options: StreamOptions): SessionStream {
  const url = new URL(options.streamUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.search = '';
  const socket: Socket = io(url.toString(), { transports: ['websocket'], auth: { sessionId: options.sessionId, token: options.token }, reconnectionDelayMax: 5000 });
  const { sessionId } = options;
  let lastSeq = -1;
  let hasEnded = false;
  /** Input typed while (re)attaching waits here: the server takes input only from attached clients. */
  let isAttached = false;
  let queued: (Buffer | string)[] = [];
  let queuedBytes = 0;
  // Input flow control (console-contract.ts): every input carries a number; the server echoes it
  // back once the node took the bytes.
  let nextInputSeq = 0;
  const unacked = new Map<number, number>();
  let unackedBytes = 0;
  const emitInput = (data: Buffer | string) => {
    const seq = nextInputSeq++;
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    unacked.set(seq, size);
    unackedBytes += size;
    socket.emit('session:input', { sessionId, data, seq });
  };
  let size = { cols: options.cols ?? 80, rows: options.rows ?? 24 };
  let resolveReady: () => void;
  let rejectReady: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const end = (status: string, reason?: string) => {
    if (hasEnded) return;
    hasEnded = true;
    socket.disconnect();
    options.onEnd(status, reason);
  };
  socket.on('connect', () => {
    socket.emit('session:attach', { sessionId, fromSeq: lastSeq + 1, ...size }, (answer: { ok: boolean; error?: string; message?: string }) => {
      if (answer.ok) {
        isAttached = true;
        for (const data of queued) emitInput(data);
        queued = [];
        queuedBytes = 0;
        return resolveReady();
      }
      const error = new Error(`${answer.error}: ${answer.message}`);
      rejectReady(error);
      end('Failed', error.message);
    });
  });
  socket.on('disconnect', () => {
    isAttached = false;
    // Input in flight when the connection dropped is not coming back: do not wait for it.
    unacked.clear();
    unackedBytes = 0;
    options.onInputRoom?.();
  });
  socket.on('session:input-ack', (event: { sessionId: string; seq: number }) => {
    if (event.sessionId !== sessionId) return;
    for (const [seq, size] of unacked) {
      if (seq > event.seq) break;
      unacked.delete(seq);
      unackedBytes -= size;
    }
    if (unackedBytes < MAX_UNACKED_INPUT_BYTES / 2) options.onInputRoom?.();
  });
  socket.on('connect_error', (error: Error) => {
    // Refused by the server (bad or expired token, ended session): retrying will not help.
    if (!socket.active) {
      rejectReady(error);
      end('Failed', `the server refused the stream: ${error.message}`);
    }
  });
  socket.on('session:output', (event: { sessionId: string; seq: number; data: Buffer }) => {
    if (event.sessionId !== sessionId || event.seq <= lastSeq) return;
    lastSeq = event.seq;
    options.onOutput(Buffer.from(event.data), () => socket.emit('session:ack', { sessionId, seq: event.seq }));
  });
  socket.on('session:status', (event: { sessionId: string; status: string; reason?: string }) => {
    if (event.sessionId === sessionId && (event.status === 'Terminated' || event.status === 'Failed')) end(event.status, event.reason);
  });
  socket.on('session:idle-warning', (event: { sessionId: string; secondsLeft: number }) => options.onIdleWarning?.(event.secondsLeft));
  return {
    ready,
    send: (data) => {
      if (hasEnded) return;
      if (isAttached && socket.connected) return emitInput(data);
      queued.push(data);
      queuedBytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    },
    get isInputFull() {
      return unackedBytes + queuedBytes >= MAX_UNACKED_INPUT_BYTES;
    },
    resize: (cols, rows) => {
      size = { cols, rows };
      if (!hasEnded && socket.connected) socket.emit('session:resize', { sessionId, cols, rows });
    },
    terminate: () =>
      new Promise((resolve) => {
        if (hasEnded || !socket.connected) return resolve();
        socket.timeout(5000).emit('session:terminate', { sessionId }, () => resolve());
      }),
    close: () => {
      hasEnded = true;
      socket.disconnect();
    },
  };
}
