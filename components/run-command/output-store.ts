/**
 * Live command output in the browser: bytes arrive as chunks by offset (from the socket, in any
 * order, possibly repeated after an agent reconnects) and as whole streams (from the output
 * route). Each stream of each step of each invocation is decoded with its own streaming
 * TextDecoder, so a UTF-8 character split across two chunks is decoded once both are in.
 * Pure (no React): the output panel reads it through useSyncExternalStore.
 */

export type OutputStreamName = 'stdout' | 'stderr';

/** At most this much of one stream is kept as text; the full output stays a download away. */
export const LIVE_TEXT_LIMIT_BYTES = 1024 * 1024;
/** Chunks that arrived ahead of a gap wait here, a bounded number of them. */
const MAX_PENDING_CHUNKS = 256;

export class StreamText {
  private decoder = new TextDecoder();
  private pending = new Map<number, Uint8Array>();
  /** Bytes from 0 held without a gap. */
  byteLength = 0;
  text = '';
  isCapped = false;

  /** Places a chunk; bytes already held are skipped. Returns whether anything new was taken. */
  append(offset: number, data: Uint8Array): boolean {
    const end = offset + data.byteLength;
    if (end <= this.byteLength) return false;
    if (offset > this.byteLength) {
      if (this.pending.size < MAX_PENDING_CHUNKS) this.pending.set(offset, data);
      return false;
    }
    this.take(data.subarray(this.byteLength - offset));
    this.drain();
    return true;
  }

  /** Everything the server holds so far; ignored when live chunks already went further. */
  replace(all: Uint8Array): boolean {
    if (all.byteLength <= this.byteLength) return false;
    this.decoder = new TextDecoder();
    this.text = '';
    this.byteLength = 0;
    this.isCapped = false;
    this.take(all);
    this.drain();
    return true;
  }

  private take(fresh: Uint8Array): void {
    const room = LIVE_TEXT_LIMIT_BYTES - this.byteLength;
    if (room > 0) this.text += this.decoder.decode(fresh.subarray(0, room), { stream: true });
    if (fresh.byteLength > room) this.isCapped = true;
    this.byteLength += fresh.byteLength;
  }

  private drain(): void {
    for (let isProgress = true; isProgress && this.pending.size > 0; ) {
      isProgress = false;
      for (const [offset, data] of this.pending) {
        if (offset > this.byteLength) continue;
        this.pending.delete(offset);
        if (offset + data.byteLength > this.byteLength) this.take(data.subarray(this.byteLength - offset));
        isProgress = true;
      }
    }
  }
}

export interface OutputChunk {
  commandId: string;
  invocationId: string;
  nodeId: string;
  plugin: number;
  stream: OutputStreamName;
  offset: number;
  data: ArrayBuffer | Uint8Array;
}

export interface OutputSnapshot {
  stdout: string;
  stderr: string;
  stdoutBytes: number;
  stderrBytes: number;
  isCapped: boolean;
}

const EMPTY: OutputSnapshot = { stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0, isCapped: false };

export const outputKey = (invocationId: string, plugin: number) => `${invocationId}|${plugin}`;

/**
 * The streams of the steps someone is looking at. Chunks for steps nobody tracks are dropped:
 * a command on a thousand nodes must not keep a thousand outputs in the page.
 */
export class OutputStore {
  private streams = new Map<string, Record<OutputStreamName, StreamText>>();
  private snapshots = new Map<string, OutputSnapshot>();
  private trackers = new Map<string, number>();
  private listeners = new Set<() => void>();

  track(key: string): () => void {
    this.trackers.set(key, (this.trackers.get(key) ?? 0) + 1);
    if (!this.streams.has(key)) this.streams.set(key, { stdout: new StreamText(), stderr: new StreamText() });
    return () => {
      const left = (this.trackers.get(key) ?? 1) - 1;
      if (left > 0) return void this.trackers.set(key, left);
      this.trackers.delete(key);
      this.streams.delete(key);
      this.snapshots.delete(key);
    };
  }

  applyChunk(chunk: OutputChunk): void {
    const streams = this.streams.get(outputKey(chunk.invocationId, chunk.plugin));
    if (!streams) return;
    const data = chunk.data instanceof Uint8Array ? chunk.data : new Uint8Array(chunk.data);
    if (streams[chunk.stream].append(chunk.offset, data)) this.changed(outputKey(chunk.invocationId, chunk.plugin));
  }

  applyFull(key: string, output: { stdout: Uint8Array; stderr: Uint8Array }): void {
    const streams = this.streams.get(key);
    if (!streams) return;
    const isNew = streams.stdout.replace(output.stdout);
    if (streams.stderr.replace(output.stderr) || isNew) this.changed(key);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot(key: string): OutputSnapshot {
    return this.snapshots.get(key) ?? EMPTY;
  }

  private changed(key: string): void {
    const streams = this.streams.get(key)!;
    this.snapshots.set(key, {
      stdout: streams.stdout.text,
      stderr: streams.stderr.text,
      stdoutBytes: streams.stdout.byteLength,
      stderrBytes: streams.stderr.byteLength,
      isCapped: streams.stdout.isCapped || streams.stderr.isCapped,
    });
    for (const listener of this.listeners) listener();
  }
}
