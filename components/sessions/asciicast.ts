/**
 * asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/): one JSON header line, then one
 * JSON array per event, `[seconds since start, code, data]`. The server writes recordings in this
 * format so that they also play in asciinema's own tools; the console's player reads it here.
 */

export type EventCode = 'o' | 'i' | 'r' | 'm';

export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  /** Unix seconds of the start. */
  timestamp?: number;
  /** Gaps longer than this many seconds play as this long (asciinema's own option). */
  idleTimeLimit?: number;
  title?: string;
}

export interface CastEvent {
  time: number;
  code: EventCode;
  data: string;
}

export interface Cast {
  header: CastHeader;
  events: CastEvent[];
  /** Seconds from the start to the last event. */
  duration: number;
}

const CODES = new Set<string>(['o', 'i', 'r', 'm']);

function parseHeader(line: string | undefined): CastHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    throw new Error('the recording does not start with an asciicast header line');
  }
  const header = value as Record<string, unknown>;
  if (typeof header !== 'object' || header === null || header.version !== 2) {
    throw new Error(`the recording is not asciicast version 2 (version ${JSON.stringify(header?.version)})`);
  }
  if (!Number.isInteger(header.width) || !Number.isInteger(header.height)) {
    throw new Error('the recording header has no terminal width and height');
  }
  return {
    version: 2,
    width: header.width as number,
    height: header.height as number,
    timestamp: typeof header.timestamp === 'number' ? header.timestamp : undefined,
    idleTimeLimit: typeof header.idle_time_limit === 'number' && header.idle_time_limit > 0 ? header.idle_time_limit : undefined,
    title: typeof header.title === 'string' ? header.title : undefined,
  };
}

function parseEvent(line: string, lineNumber: number): CastEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`line ${lineNumber} of the recording is not JSON`);
  }
  if (!Array.isArray(value) || value.length < 3 || typeof value[0] !== 'number' || typeof value[1] !== 'string' || typeof value[2] !== 'string') {
    throw new Error(`line ${lineNumber} of the recording is not an event [time, code, data]`);
  }
  // Codes added by later writers (markers of other kinds) are skipped, not fatal.
  if (!CODES.has(value[1])) return undefined;
  return { time: Math.max(0, value[0]), code: value[1] as EventCode, data: value[2] };
}

/**
 * Reads a whole recording. Event times are made non-decreasing (a writer's clock may step back a
 * hair between two writes), so seeking can binary-search them. A truncated last line, as a
 * recording of a session still running may have, is ignored.
 */
export function parseCast(text: string): Cast {
  const lines = text.split('\n');
  const header = parseHeader(lines[0]);
  const events: CastEvent[] = [];
  let last = 0;
  let lastLineIndex = lines.length - 1;
  while (lastLineIndex > 0 && lines[lastLineIndex]!.trim() === '') lastLineIndex -= 1;
  for (let index = 1; index <= lastLineIndex; index += 1) {
    const line = lines[index]!.trim();
    if (!line) continue;
    const isLastLine = index === lastLineIndex;
    let event: CastEvent | undefined;
    try {
      event = parseEvent(line, index + 1);
    } catch (error) {
      if (isLastLine) break;
      throw error;
    }
    if (!event) continue;
    last = Math.max(last, event.time);
    events.push({ ...event, time: last });
  }
  const compressed = header.idleTimeLimit ? limitIdle(events, header.idleTimeLimit) : events;
  return { header, events: compressed, duration: compressed.at(-1)?.time ?? 0 };
}

/** Shortens every pause longer than `limit` seconds to `limit` (asciinema's idle_time_limit). */
export function limitIdle(events: CastEvent[], limit: number): CastEvent[] {
  let shift = 0;
  let previous = 0;
  return events.map((event) => {
    const gap = event.time - previous;
    if (gap > limit) shift += gap - limit;
    previous = event.time;
    return { ...event, time: event.time - shift };
  });
}

/** "120x40" → { cols: 120, rows: 40 }: the data of an "r" (resize) event. */
export function parseResize(data: string): { cols: number; rows: number } | undefined {
  const match = /^(\d{1,4})x(\d{1,4})$/.exec(data.trim());
  if (!match) return undefined;
  const cols = Number(match[1]);
  const rows = Number(match[2]);
  return cols > 0 && rows > 0 ? { cols, rows } : undefined;
}
