import { describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS, PendingInput, splitInput } from './input-chunks';

describe('splitInput', () => {
  it('sends a paste as one event however long, up to the contract limit', () => {
    const paste = 'x'.repeat(200_000) + '\n';
    expect(splitInput(paste)).toEqual([paste]);
    expect(MAX_INPUT_CHARS).toBe(1024 * 1024);
  });

  it('sends nothing for nothing', () => {
    expect(splitInput('')).toEqual([]);
  });

  it('cuts a paste over the limit into limit-sized pieces that join back exactly', () => {
    const paste = 'abcdefghij';
    expect(splitInput(paste, 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('never cuts a surrogate pair', () => {
    const paste = 'abc🙂def';
    const chunks = splitInput(paste, 4);
    expect(chunks).toEqual(['abc', '🙂de', 'f']);
    expect(chunks.join('')).toBe(paste);
  });
});

describe('PendingInput', () => {
  it('holds keystrokes in order and gives them back as one event', () => {
    const pending = new PendingInput(100);
    expect(pending.isEmpty).toBe(true);
    pending.push('l');
    pending.push('s');
    pending.push('\r');
    expect(pending.drain()).toEqual(['ls\r']);
    expect(pending.isEmpty).toBe(true);
  });

  it('refuses input past its cap', () => {
    const pending = new PendingInput(5);
    expect(pending.push('abcd')).toBe(true);
    expect(pending.push('ef')).toBe(false);
    expect(pending.drain()).toEqual(['abcd']);
  });
});
