import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { sessionRecordings, sessions } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { decryptSecret, encryptSecret } from '@/server/crypto/envelope';

/**
 * Session recordings in asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/): a header
 * line, then one `[seconds, code, data]` line per event: "o" output, "i" input, "r" resize
 * ("COLSxROWS"). Made at the server relay, not on the node, so a root user on the node cannot
 * alter or erase it, and not optional. Stored in chunks of at most 256 KiB, each encrypted with
 * its own data key bound to `session-recording:<sessionId>:<chunkIndex>`: a chunk copied to another
 * session or position does not decrypt.
 */
export const RECORDING_CHUNK_BYTES = 256 * 1024;
/** An event's text is split into pieces of this many characters, so one line never outgrows a chunk. */
const MAX_EVENT_CHARS = 32 * 1024;

export interface AsciicastHeader {
  version: 2;
  width: number;
  height: number;
  timestamp: number;
  title?: string;
  env?: Record<string, string>;
}

export const recordingContext = (sessionId: string, chunkIndex: number) => `session-recording:${sessionId}:${chunkIndex}`;

/** One statement (one round trip): the chunk, and the session's running totals. */
async function storeChunk(sessionId: string, chunkIndex: number, startTime: number, text: string): Promise<void> {
  const ciphertext = encryptSecret(getServerContext().masterKey, text, recordingContext(sessionId, chunkIndex));
  const plainBytes = Buffer.byteLength(text);
  await getDb().execute(sql`
    with stored as (
      insert into ${sessionRecordings} (session_id, chunk_index, start_time, plain_bytes, ciphertext)
      values (${sessionId}, ${chunkIndex}, ${startTime}, ${plainBytes}, ${ciphertext})
      returning plain_bytes
    )
    update ${sessions}
    set recording_bytes = recording_bytes + (select plain_bytes from stored),
        recording_chunks = greatest(recording_chunks, ${chunkIndex + 1})
    where id = ${sessionId}`);
}

/** Splits without cutting a surrogate pair in two. */
function pieces(text: string): string[] {
  if (text.length <= MAX_EVENT_CHARS) return [text];
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + MAX_EVENT_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/**
 * Records one session. Output and input are decoded as UTF-8 streams (a character split across
 * two chunks is kept whole), as asciicast requires text; chunks are written as they fill (several
 * may be in flight: the relay holds the node back when too much is), and `flush` forces the pending events out (the relay calls it every few seconds, so a
 * server crash loses at most those seconds).
 */
export class SessionRecorder {
  private lines: string[] = [];
  private pendingBytes = 0;
  private chunkStart = 0;
  private nextChunk = 0;
  private readonly outputDecoder = new TextDecoder('utf-8');
  private readonly inputDecoder = new TextDecoder('utf-8');
  /** Chunk writes in flight; each chunk has its own index, so they may land in any order. */
  private readonly inFlight = new Set<Promise<void>>();
  private failure?: Error;
  private unstored = 0;

  constructor(
    readonly sessionId: string,
    private readonly startedAtMs: number,
    header: AsciicastHeader,
    private readonly isPayloadRecorded = true,
    /** Where chunks go: the database (encrypted), or a test's array. */
    private readonly store: (sessionId: string, chunkIndex: number, startTime: number, text: string) => Promise<void> = storeChunk,
  ) {
    this.lines.push(`${JSON.stringify(header)}\n`);
    this.pendingBytes = this.lines[0]!.length;
  }

  output(data: Uint8Array, at = Date.now()): void {
    if (!this.isPayloadRecorded) return;
    const text = this.outputDecoder.decode(data, { stream: true });
    if (text) this.event(at, 'o', text);
  }

  input(data: Uint8Array | string, at = Date.now()): void {
    if (!this.isPayloadRecorded) return;
    const text = typeof data === 'string' ? data : this.inputDecoder.decode(data, { stream: true });
    if (text) this.event(at, 'i', text);
  }

  resize(cols: number, rows: number, at = Date.now()): void {
    if (this.isPayloadRecorded) this.event(at, 'r', `${cols}x${rows}`);
  }

  /** Writes what is pending as a chunk; resolves when every chunk so far is stored. */
  flush(): Promise<void> {
    if (this.lines.length > 0) {
      const text = this.lines.join('');
      const index = this.nextChunk++;
      const startTime = this.chunkStart;
      this.lines = [];
      this.unstored += this.pendingBytes;
      const size = this.pendingBytes;
      this.pendingBytes = 0;
      const write: Promise<void> = this.store(this.sessionId, index, startTime, text)
        .catch((error: Error) => {
          // A lost chunk is a hole in the record: say so loudly; later chunks still go in.
          this.failure = error;
          console.error(`[sessions] recording chunk ${index} of ${this.sessionId} was not stored: ${error.message}`);
        })
        .finally(() => {
          this.unstored -= size;
          this.inFlight.delete(write);
        });
      this.inFlight.add(write);
    }
    return this.stored();
  }

  /** Ends the recording: the decoders' last bytes, then everything stored. */
  async close(at = Date.now()): Promise<void> {
    const outputTail = this.outputDecoder.decode();
    if (outputTail && this.isPayloadRecorded) this.event(at, 'o', outputTail);
    await this.flush();
    if (this.failure) throw this.failure;
  }

  get hasPending(): boolean {
    return this.lines.length > 0;
  }

  /** Recording text handed to the database but not stored yet (the relay slows the node down when this grows). */
  get unstoredBytes(): number {
    return this.unstored;
  }

  /** Resolves when everything flushed so far is stored. */
  async stored(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private event(at: number, code: 'o' | 'i' | 'r', text: string): void {
    const time = Math.max(0, Math.round(at - this.startedAtMs)) / 1000;
    if (this.lines.length === 0) this.chunkStart = time;
    for (const piece of pieces(text)) {
      const line = `${JSON.stringify([time, code, piece])}\n`;
      const size = Buffer.byteLength(line);
      if (this.pendingBytes + size > RECORDING_CHUNK_BYTES && this.lines.length > 0) {
        void this.flush();
        this.chunkStart = time;
      }
      this.lines.push(line);
      this.pendingBytes += size;
    }
  }
}

/** A stored recording, chunk by chunk, decrypted; one chunk in memory at a time. */
export async function* readRecordingChunks(sessionId: string): AsyncGenerator<string> {
  const { masterKey } = getServerContext();
  for (let index = 0; ; index += 1) {
    const [row] = await getDb()
      .select({ ciphertext: sessionRecordings.ciphertext, chunkIndex: sessionRecordings.chunkIndex })
      .from(sessionRecordings)
      .where(and(eq(sessionRecordings.sessionId, sessionId), gte(sessionRecordings.chunkIndex, index)))
      .orderBy(asc(sessionRecordings.chunkIndex))
      .limit(1);
    if (!row) return;
    index = row.chunkIndex;
    yield decryptSecret(masterKey, row.ciphertext, recordingContext(sessionId, row.chunkIndex));
  }
}

export interface TranscriptMatch {
  time: number;
  text: string;
}

// CSI, OSC (ended by BEL or ST) and two-character escapes: what a terminal draws, not text.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Lines of a recording's output that contain `query` (case-insensitive), with the time their
 * first character was printed. Escape sequences are removed first; a line is what came between
 * two newlines, so a command and its output are found as typed and printed.
 */
export async function findInTranscript(chunks: AsyncIterable<string> | Iterable<string>, query: string, limit = 20): Promise<TranscriptMatch[]> {
  const needle = query.toLowerCase();
  const matches: TranscriptMatch[] = [];
  let line = '';
  let lineTime = 0;
  const consider = () => {
    const text = line.replace(ANSI, '').trim();
    if (text && text.toLowerCase().includes(needle) && matches.length < limit) matches.push({ time: lineTime, text: text.slice(0, 500) });
    line = '';
  };
  for await (const chunk of chunks) {
    for (const raw of chunk.split('\n')) {
      if (!raw.startsWith('[')) continue;
      const [time, code, data] = JSON.parse(raw) as [number, string, string];
      if (code !== 'o') continue;
      const parts = data.split('\n');
      for (const [index, part] of parts.entries()) {
        if (line === '') lineTime = time;
        line += part;
        if (index < parts.length - 1) consider();
      }
      if (matches.length >= limit) return matches;
    }
  }
  consider();
  return matches;
}

/** findInTranscript over a stored recording (decrypted chunk by chunk). */
export function searchRecording(sessionId: string, query: string, limit = 20): Promise<TranscriptMatch[]> {
  return findInTranscript(readRecordingChunks(sessionId), query, limit);
}
