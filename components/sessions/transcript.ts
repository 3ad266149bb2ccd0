import type { CastEvent } from './asciicast';

/**
 * Plain text out of a terminal byte stream, for searching what a session showed. Escape sequences
 * are dropped with a state machine that carries its state from one chunk to the next, because a
 * PTY read can end in the middle of a sequence (`ESC [ 3` here, `1 m` in the next chunk).
 */
export class AnsiStripper {
  private state: 'text' | 'escape' | 'csi' | 'string' | 'stringEscape' | 'intermediate' = 'text';
  private wasCarriageReturn = false;

  push(chunk: string): string {
    let text = '';
    for (const char of chunk) {
      const code = char.codePointAt(0)!;
      const wasCarriageReturn = this.wasCarriageReturn;
      this.wasCarriageReturn = false;
      switch (this.state) {
        case 'text':
          if (code === 0x1b) this.state = 'escape';
          else if (code === 0x9b) this.state = 'csi';
          // A bare CR starts the line again (readline redrawing its prompt): a new line here, so
          // the redrawn text does not run on after the old; CR LF stays one line break.
          else if (char === '\r') {
            text += '\n';
            this.wasCarriageReturn = true;
          } else if (char === '\n') {
            if (!wasCarriageReturn) text += '\n';
          } else if (char === '\t' || (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0))) text += char;
          break;
        case 'escape':
          if (char === '[') this.state = 'csi';
          // OSC (titles, hyperlinks), DCS, SOS, PM, APC: strings ended by BEL or ESC \.
          else if (char === ']' || char === 'P' || char === 'X' || char === '^' || char === '_') this.state = 'string';
          else if (code >= 0x20 && code <= 0x2f) this.state = 'intermediate';
          else this.state = 'text';
          break;
        case 'intermediate':
          // ESC ( B and friends: intermediates, then one final byte.
          if (!(code >= 0x20 && code <= 0x2f)) this.state = 'text';
          break;
        case 'csi':
          if (code >= 0x40 && code <= 0x7e) this.state = 'text';
          break;
        case 'string':
          if (code === 0x07) this.state = 'text';
          else if (code === 0x1b) this.state = 'stringEscape';
          break;
        case 'stringEscape':
          this.state = char === '\\' ? 'text' : 'string';
          break;
      }
    }
    return text;
  }
}

export interface Transcript {
  text: string;
  /** Where each output event's text starts in `text`, in event order. */
  starts: number[];
  /** The time of each of those events. */
  times: number[];
}

/** The text a recording's output events showed, with where each event's text begins. */
export function buildTranscript(events: CastEvent[]): Transcript {
  const stripper = new AnsiStripper();
  const parts: string[] = [];
  const starts: number[] = [];
  const times: number[] = [];
  let length = 0;
  for (const event of events) {
    if (event.code !== 'o') continue;
    const text = stripper.push(event.data);
    if (!text) continue;
    starts.push(length);
    times.push(event.time);
    parts.push(text);
    length += text.length;
  }
  return { text: parts.join(''), starts, times };
}

export interface TranscriptMatch {
  /** When the last character of the match was shown: seek here and the match is on screen. */
  time: number;
  offset: number;
  /** The line the match is on, for a result list. */
  line: string;
}

/** The index of the last start at or before `offset` (binary search). */
function eventAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Case-insensitive matches of `query` in the transcript, at most `limit`. */
export function searchTranscript(transcript: Transcript, query: string, limit = 200): TranscriptMatch[] {
  if (!query.trim() || transcript.starts.length === 0) return [];
  // A case-insensitive pattern, not toLowerCase(): lower-casing can change a string's length and
  // so every offset after it.
  const pattern = new RegExp(escapeRegExp(query), 'giu');
  const matches: TranscriptMatch[] = [];
  for (const found of transcript.text.matchAll(pattern)) {
    if (matches.length >= limit) break;
    const offset = found.index;
    const end = offset + found[0].length - 1;
    const lineStart = transcript.text.lastIndexOf('\n', offset) + 1;
    const lineEnd = transcript.text.indexOf('\n', end);
    matches.push({
      time: transcript.times[eventAt(transcript.starts, end)]!,
      offset,
      line: transcript.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trim().slice(0, 200),
    });
  }
  return matches;
}
