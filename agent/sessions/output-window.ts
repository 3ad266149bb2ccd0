/**
 * A session's output the server has not acknowledged yet, by sequence number. It is both the
 * flow-control window (the session pauses its source while `isFull`) and the replay buffer for a
 * server that reattaches after a dropped connection. Nothing is ever dropped unacknowledged: a
 * full window pauses the PTY instead, so the program writing blocks, as it would on a slow terminal.
 */
export interface OutputChunk {
  seq: number;
  data: Buffer;
}

export class OutputWindow {
  private chunks: OutputChunk[] = [];
  private nextSeq = 0;
  private held = 0;

  constructor(readonly limitBytes: number) {}

  /** Numbers a chunk and keeps it until acknowledged. */
  push(data: Buffer): OutputChunk {
    const chunk = { seq: this.nextSeq++, data };
    this.chunks.push(chunk);
    this.held += data.length;
    return chunk;
  }

  /** Forgets every chunk up to and including `seq`. */
  ack(seq: number): void {
    let dropped = 0;
    while (dropped < this.chunks.length && this.chunks[dropped]!.seq <= seq) {
      this.held -= this.chunks[dropped]!.data.length;
      dropped += 1;
    }
    if (dropped > 0) this.chunks = this.chunks.slice(dropped);
  }

  /** What a reattaching server lacks: every held chunk from `fromSeq` on. */
  from(fromSeq: number): OutputChunk[] {
    return this.chunks.filter((chunk) => chunk.seq >= fromSeq);
  }

  get heldBytes(): number {
    return this.held;
  }

  get isFull(): boolean {
    return this.held >= this.limitBytes;
  }

  /** Resume a paused source only well below the limit, so it does not flap at the edge. */
  get hasRoom(): boolean {
    return this.held < this.limitBytes / 2;
  }

  /** The sequence number of the last chunk produced, -1 before the first. */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }
}
