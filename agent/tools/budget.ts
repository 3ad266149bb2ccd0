import { MAX_TOOL_RESPONSE_BYTES } from '../protocol';

/**
 * Keeps the leading items whose JSON fits in `bytes`: socket.io closes a connection whose message
 * exceeds its buffer limit, so a long list is cut (and flagged truncated) rather than sent whole.
 */
export function withinBudget<T>(items: T[], bytes = MAX_TOOL_RESPONSE_BYTES - 4096): T[] {
  let budget = bytes;
  const kept: T[] = [];
  for (const item of items) {
    budget -= Buffer.byteLength(JSON.stringify(item)) + 1;
    if (budget < 0) break;
    kept.push(item);
  }
  return kept;
}
