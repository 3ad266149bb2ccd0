import type { Readable } from 'node:stream';
import { OUTPUT_CHUNK_BYTES, type CommandOutput, type OutputStream } from '../protocol';
import type { OutputSpool } from './spool';

/** Unacknowledged `command:output` chunks per invocation: memory and socket buffers stay bounded. */
export const OUTPUT_WINDOW = 8;
/** Live output is coalesced up to this size, or for COALESCE_MS, whichever comes first. */
export const COALESCE_BYTES = 64 * 1024;
export const COALESCE_MS = 100;
/** After a failed send (timeout while still connected), live streaming tries again this much later. */
export const RETRY_MS = 5_000;

export type SendOutput = (chunk: CommandOutput) => Promise<void>;

interface StreamState {
  plugin: number;
  stream: OutputStream;
  /** Next byte to send. */
  sent: number;
  /** Offsets of chunks sent and not yet acknowledged. */
  inflight: Set<number>;
}

/**
 * Streams one invocation's spool live as `command:output` chunks by byte offset. The spool on
 * disk is the source: what could not be sent (disconnected, timed out) simply stays there, and the
 * result's tail or the server's `missing` answer covers it later.
 *
 * Back-pressure: while OUTPUT_WINDOW chunks wait for acks, the attached child streams are paused,
 * so a step printing 10 MB is slowed to what the server stores instead of piling up anywhere.
 * While sending is failing nothing is paused: a step never blocks because the server is away.
 */
export class OutputStreamer {
  private readonly streams = new Map<string, StreamState>();
  private readonly pending = new Set<Promise<void>>();
  private readonly readables = new Set<Readable>();
  private inflightCount = 0;
  private coalesceTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  /** The oldest unsent bytes have waited COALESCE_MS: send them even as a short chunk. */
  private isDue = false;
  private isHeld = false;
  private isClosed = false;
  /** Most chunks ever unacknowledged at once (the tests check the window holds). */
  maxInflight = 0;

  constructor(
    private readonly invocationId: string,
    private readonly spool: OutputSpool,
    private readonly send: SendOutput,
  ) {}

  /** Called after each append to the spool. */
  wrote(plugin: number, stream: OutputStream): void {
    if (this.isClosed) return;
    const state = this.state(plugin, stream);
    if (this.spool.size(plugin, stream) - state.sent >= COALESCE_BYTES) this.pump();
    else this.armCoalesceTimer();
  }

  /** A child's stdout/stderr, paused while the window is full. */
  attach(readable: Readable): void {
    this.readables.add(readable);
    this.applyBackPressure();
  }

  /** The child exited: let whatever is left in its pipes drain into the spool unhindered. */
  release(readable: Readable): void {
    this.readables.delete(readable);
    readable.resume();
  }

  /** The connection is back: stream what piled up in the spool. */
  resume(): void {
    clearTimeout(this.retryTimer);
    this.isHeld = false;
    this.isDue = true;
    this.pump();
  }

  /** Bytes of the stream the server has acknowledged without a gap. */
  confirmed(plugin: number, stream: OutputStream): number {
    const state = this.streams.get(`${plugin}.${stream}`);
    if (!state) return 0;
    return Math.min(state.sent, ...state.inflight);
  }

  /** Stops streaming and waits for the chunks in flight to be acknowledged or to fail. */
  async settle(): Promise<void> {
    this.isClosed = true;
    clearTimeout(this.coalesceTimer);
    clearTimeout(this.retryTimer);
    for (const readable of this.readables) readable.resume();
    this.readables.clear();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private state(plugin: number, stream: OutputStream): StreamState {
    const key = `${plugin}.${stream}`;
    let state = this.streams.get(key);
    if (!state) {
      state = { plugin, stream, sent: 0, inflight: new Set() };
      this.streams.set(key, state);
    }
    return state;
  }

  private armCoalesceTimer(): void {
    if (this.coalesceTimer || this.isHeld || this.isClosed) return;
    this.coalesceTimer = setTimeout(() => {
      this.coalesceTimer = undefined;
      this.isDue = true;
      this.pump();
    }, COALESCE_MS);
  }

  private pump(): void {
    if (this.isHeld || this.isClosed) return this.applyBackPressure();
    let hasUnsent = false;
    for (const state of this.streams.values()) {
      for (;;) {
        const unsent = this.spool.size(state.plugin, state.stream) - state.sent;
        if (unsent <= 0) break;
        if (this.inflightCount >= OUTPUT_WINDOW || (unsent < COALESCE_BYTES && !this.isDue)) {
          hasUnsent = true;
          break;
        }
        this.sendChunk(state, Math.min(unsent, COALESCE_BYTES));
      }
    }
    if (!hasUnsent) this.isDue = false;
    else if (!this.isDue) this.armCoalesceTimer();
    this.applyBackPressure();
  }

  private sendChunk(state: StreamState, length: number): void {
    const offset = state.sent;
    const data = this.spool.read(state.plugin, state.stream, offset, length);
    if (data.byteLength === 0) return;
    state.sent += data.byteLength;
    state.inflight.add(offset);
    this.inflightCount += 1;
    this.maxInflight = Math.max(this.maxInflight, this.inflightCount);
    const chunk: CommandOutput = { invocationId: this.invocationId, plugin: state.plugin, stream: state.stream, offset, data };
    const sending = Promise.resolve()
      .then(() => this.send(chunk))
      .then(
        () => {
          state.inflight.delete(offset);
        },
        () => {
          state.inflight.delete(offset);
          // Everything from here is sent again later (live after a retry, or via tail/missing).
          state.sent = Math.min(state.sent, offset);
          this.hold();
        },
      )
      .finally(() => {
        this.inflightCount -= 1;
        this.pending.delete(sending);
        this.pump();
      });
    this.pending.add(sending);
  }

  private hold(): void {
    if (this.isHeld || this.isClosed) return;
    this.isHeld = true;
    clearTimeout(this.coalesceTimer);
    this.coalesceTimer = undefined;
    this.retryTimer = setTimeout(() => this.resume(), RETRY_MS);
    this.applyBackPressure();
  }

  private applyBackPressure(): void {
    const shouldPause = !this.isHeld && !this.isClosed && this.inflightCount >= OUTPUT_WINDOW;
    for (const readable of this.readables) {
      if (shouldPause) readable.pause();
      else if (readable.isPaused()) readable.resume();
    }
  }
}

/**
 * Sends the spooled bytes from each offset the server lacks to the end of that stream, in chunks
 * of OUTPUT_CHUNK_BYTES with at most OUTPUT_WINDOW unacknowledged. Throws on the first failure.
 */
export async function resendOutput(
  invocationId: string,
  spool: OutputSpool,
  missing: { plugin: number; stream: OutputStream; offset: number }[],
  send: SendOutput,
): Promise<void> {
  const inflight = new Set<Promise<void>>();
  let failure: unknown;
  for (const { plugin, stream, offset } of missing) {
    const total = spool.size(plugin, stream);
    for (let at = offset; at < total && failure === undefined; at += OUTPUT_CHUNK_BYTES) {
      while (inflight.size >= OUTPUT_WINDOW) await Promise.race(inflight);
      if (failure !== undefined) break;
      const data = spool.read(plugin, stream, at, Math.min(OUTPUT_CHUNK_BYTES, total - at));
      const sending: Promise<void> = send({ invocationId, plugin, stream, offset: at, data })
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => inflight.delete(sending));
      inflight.add(sending);
    }
  }
  await Promise.allSettled(inflight);
  if (failure !== undefined) throw failure;
}
