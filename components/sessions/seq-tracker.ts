/**
 * Which output chunks of one session this tab has, by the server's sequence numbers. After a
 * reconnect the tab re-attaches from `resumeFrom`; the server may still send a chunk this tab
 * already wrote (one in flight when the connection dropped), and writing it twice would garble
 * the screen, so those are dropped. A jump forward means the server no longer held some output.
 */
export class SeqTracker {
  private nextSeq = 0;
  private rendered = -1;

  /** Whether to write a chunk that arrived, and how many chunks before it were lost. */
  accept(seq: number): { isNew: boolean; missed: number } {
    if (seq < this.nextSeq) return { isNew: false, missed: 0 };
    const missed = seq - this.nextSeq;
    this.nextSeq = seq + 1;
    return { isNew: true, missed };
  }

  /** xterm drew chunk `seq`; true when that is news worth acknowledging. */
  markRendered(seq: number): boolean {
    if (seq <= this.rendered) return false;
    this.rendered = seq;
    return true;
  }

  /**
   * Where a re-attach replays from: the chunk after the last one handed to xterm. Chunks handed
   * over but not yet drawn are in xterm's write queue and will be drawn; asking for them again
   * would show them twice.
   */
  get resumeFrom(): number {
    return this.nextSeq;
  }

  get lastRendered(): number {
    return this.rendered;
  }
}
