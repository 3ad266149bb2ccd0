import { sessionInputSchema } from '@/server/sessions/console-contract';

/** The most characters one `session:input` carries (the contract's limit). */
export const MAX_INPUT_CHARS = sessionInputSchema.shape.data.maxLength ?? 1024 * 1024;

/**
 * Input as few `session:input` events as the contract allows. xterm hands a paste to onData as
 * one string; sending it as one event (not a character at a time) is what keeps a large paste
 * fast and in order. Only a paste over the limit is cut, never inside a surrogate pair, so an
 * emoji at the boundary arrives whole.
 */
export function splitInput(data: string, maxChars = MAX_INPUT_CHARS): string[] {
  if (data.length <= maxChars) return data ? [data] : [];
  const chunks: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + maxChars, data.length);
    const last = data.charCodeAt(end - 1);
    // A high surrogate at the cut belongs with the low one after it.
    if (end < data.length && last >= 0xd800 && last <= 0xdbff && end - 1 > start) end -= 1;
    chunks.push(data.slice(start, end));
    start = end;
  }
  return chunks;
}

/**
 * Keystrokes typed while the tab is re-attaching (a network blip), sent once it is attached
 * again, in order. Capped: a tab left typing into a dead connection must not grow without end.
 */
export class PendingInput {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly maxChars = MAX_INPUT_CHARS) {}

  /** False when the input would go over the cap and was dropped. */
  push(data: string): boolean {
    if (this.size + data.length > this.maxChars) return false;
    this.chunks.push(data);
    this.size += data.length;
    return true;
  }

  /** Everything held, as few events as the contract allows, and empties the queue. */
  drain(): string[] {
    const joined = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    return splitInput(joined);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }
}
