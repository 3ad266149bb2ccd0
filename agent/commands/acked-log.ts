import fs from 'node:fs';

/** Enough to cover every re-delivery the server can still make: it stops retrying long before. */
export const ACKED_MAX_IDS = 10_000;
export const ACKED_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

const LINE = /^([0-9a-f-]{36}) (\d+)$/i;

/**
 * The ids of invocations whose results the server stored, one `id ackedAtMs` line each. Once an
 * invocation is acknowledged its journal and spool are deleted; this line alone keeps a late
 * duplicate `command:run` from running it again. Append-only, compacted when it grows.
 */
export class AckedLog {
  /** Insertion-ordered, so the oldest come first when pruning by count. */
  private readonly ids = new Map<string, number>();
  private linesOnDisk = 0;

  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {
    this.load();
  }

  has(invocationId: string): boolean {
    return this.ids.has(invocationId);
  }

  get size(): number {
    return this.ids.size;
  }

  add(invocationId: string): void {
    if (this.ids.has(invocationId)) return;
    const at = this.now();
    fs.appendFileSync(this.file, `${invocationId} ${at}\n`, { mode: 0o600 });
    this.ids.set(invocationId, at);
    this.linesOnDisk += 1;
    if (this.linesOnDisk > ACKED_MAX_IDS * 1.2) this.compact();
  }

  private load(): void {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const line of text.split('\n')) {
      const match = LINE.exec(line.trim());
      if (match) this.ids.set(match[1]!, Number(match[2]));
      if (line.trim()) this.linesOnDisk += 1;
    }
    const before = this.linesOnDisk;
    this.prune();
    if (this.ids.size < before) this.compact();
  }

  private prune(): void {
    const oldest = this.now() - ACKED_MAX_AGE_MS;
    for (const [id, at] of this.ids) if (at < oldest) this.ids.delete(id);
    const excess = this.ids.size - ACKED_MAX_IDS;
    if (excess <= 0) return;
    let dropped = 0;
    for (const id of this.ids.keys()) {
      if (dropped >= excess) break;
      this.ids.delete(id);
      dropped += 1;
    }
  }

  private compact(): void {
    this.prune();
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, [...this.ids].map(([id, at]) => `${id} ${at}\n`).join(''), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
    this.linesOnDisk = this.ids.size;
  }
}
